// Package declorder: a handler factory is a constructor whatever the order
// of declarations and files (its declaration comes after its use here, and
// in a later file), and a bare literal returned as http.HandlerFunc is a
// handler.
package declorder

import (
	"net/http"

	"go.opentelemetry.io/otel"
)

func Serve() error { // want Serve:"startsSpan"
	return http.ListenAndServe(":8080", mux())
}

func early() http.HandlerFunc { // want early:"router\\(1 handlers"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}) // want `handler func literal in early serves /early without a span`
}

func mux() *http.ServeMux { // want mux:"startsSpan" mux:"router\\(4 handlers"
	m := http.NewServeMux()
	m.HandleFunc("/early", early())
	m.HandleFunc("/late", late())
	m.HandleFunc("/bare", bare())
	m.HandleFunc("/file", laterFile())
	m.HandleFunc("/traced", traced())
	return m
}

func late() http.HandlerFunc { // want late:"router\\(1 handlers"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}) // want `handler func literal in late serves /late without a span`
}

func bare() http.HandlerFunc { // want bare:"router\\(1 handlers"
	return func(w http.ResponseWriter, r *http.Request) {} // want `handler func literal in bare serves /bare without a span`
}

// traced: the handler it returns starts its span.
func traced() http.HandlerFunc { // want traced:"startsSpan"
	return func(w http.ResponseWriter, r *http.Request) {
		_, span := otel.Tracer("x").Start(r.Context(), "traced")
		defer span.End()
	}
}
