// Command server runs the NoETL API server.
package main

import (
	"log/slog"
	"net/http"
	"os"

	"example.com/noetl-svc/internal/api"
)

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	srv := &api.Server{Log: log}
	if err := http.ListenAndServe(":8080", srv.Routes()); err != nil {
		//obscheck:ignore execidfield the server stops outside any execution
		log.Error("server stopped", "err", err)
		os.Exit(1)
	}
}
