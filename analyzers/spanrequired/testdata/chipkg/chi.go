package chipkg

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

func a(w http.ResponseWriter, r *http.Request) {} // want `handler a serves /a without a span`

func b(w http.ResponseWriter, r *http.Request) {} // want `handler b serves /api/b without a span`

func c(w http.ResponseWriter, r *http.Request) {}

func d(w http.ResponseWriter, r *http.Request) {}

func e(w http.ResponseWriter, r *http.Request) {} // want `handler e serves /sub/e without a span`

func sub() http.Handler { // want sub:"router\\(1 handlers, 0 params\\)"
	r := chi.NewRouter()
	r.Get("/e", e)
	return r
}

func Main() {
	r := chi.NewRouter()
	r.Get("/a", a)
	r.Route("/api", func(r chi.Router) {
		r.Get("/b", b)
	})
	r.With(otelhttp.NewMiddleware("c")).Get("/c", c)
	r.Group(func(r chi.Router) {
		r.Use(otelhttp.NewMiddleware("g"))
		r.Get("/d", d)
	})
	r.Mount("/sub", sub())
	r.Get("/livez", func(w http.ResponseWriter, r *http.Request) {})
	http.ListenAndServe(":8080", r)
}

func tracedA(w http.ResponseWriter, r *http.Request) {}

func Traced() {
	r := chi.NewRouter()
	r.Use(otelhttp.NewMiddleware("api"))
	r.Get("/a", tracedA)
	r.Route("/x", func(r chi.Router) { r.Get("/y", tracedA) })
	http.ListenAndServe(":8081", r)
}
