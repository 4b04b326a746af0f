package main

import (
	"net/http"

	"example.com/sr/routes"
	"github.com/go-chi/chi/v5"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

func main() {
	srv := &routes.Server{}
	http.ListenAndServe(":8080", otelhttp.NewHandler(srv.Routes(), "api"))

	r := chi.NewRouter()
	r.Use(otelhttp.NewMiddleware("api"))
	routes.RegisterAPI(r)
	r.HandleFunc("/export", routes.Export)
	http.ListenAndServe(":8081", r)
}

func installed() {
	r := chi.NewRouter()
	routes.InstallTracing(r)
	routes.RegisterAPI(r)
	http.ListenAndServe(":8082", r)
}
