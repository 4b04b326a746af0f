package main

import (
	"net/http"

	"example.com/sr/routes"
	"github.com/go-chi/chi/v5"
)

func main() {
	srv := &routes.Server{}
	http.ListenAndServe(":8080", srv.Routes()) // want `handler Server.users serves /users without a span`

	r := chi.NewRouter()
	routes.RegisterAPI(r)                  // want `handler order serves /orders without a span` `handler declaredLater serves /later without a span`
	r.HandleFunc("/export", routes.Export) // want `handler Export serves /export without a span`
	r.HandleFunc("/export-traced", routes.ExportTraced)
	http.ListenAndServe(":8081", r)

	m := srv.Routes() // want `handler Server.users serves /v2/users without a span`
	outer := http.NewServeMux()
	outer.Handle("/v2/", http.StripPrefix("/v2", m))
	http.ListenAndServe(":8082", outer)
}
