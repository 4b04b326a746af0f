package muxpkg

import (
	"net/http"

	"github.com/gorilla/mux"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

func a(w http.ResponseWriter, r *http.Request) {} // want `handler a serves /a without a span`

func b(w http.ResponseWriter, r *http.Request) {} // want `handler b serves /b without a span`

func c(w http.ResponseWriter, r *http.Request) {} // want `handler c serves /api/c without a span`

func ready(w http.ResponseWriter, r *http.Request) {}

func Main() {
	r := mux.NewRouter()
	r.HandleFunc("/a", a).Methods("GET")
	r.Path("/b").Methods("POST").HandlerFunc(b)
	api := r.PathPrefix("/api").Subrouter()
	api.HandleFunc("/c", c)
	r.HandleFunc("/ready", ready)
	srv := &http.Server{Addr: ":8080", Handler: r}
	srv.ListenAndServe()
}

func t(w http.ResponseWriter, r *http.Request) {}

func Traced() {
	r := mux.NewRouter()
	r.Use(otelhttp.NewMiddleware("api"))
	r.HandleFunc("/t", t)
	http.ListenAndServe(":8081", r)
}
