// Package fp20 holds the false-positive classes of issue 20, each next to
// the true case that must still be reported.
package fp20

import (
	"net/http"
	"os"

	"example.com/sr/fp20/health"
	"example.com/sr/fp20/stats"
)

func api(w http.ResponseWriter, r *http.Request) {} // want `handler api serves /api without a span`

// Headers wraps whatever handler the server had: prev is captured, and
// the literal hands the request on to it. Not an endpoint.
func Headers(srv *http.Server) {
	prev := srv.Handler
	srv.Handler = http.HandlerFunc(func(rw http.ResponseWriter, req *http.Request) {
		rw.Header().Set("X-Frame-Options", "DENY")
		prev.ServeHTTP(rw, req)
	})
}

// Serve's server answers by itself: the literal is an endpoint.
func Serve() error {
	mux := http.NewServeMux()
	mux.HandleFunc("/api", api)
	srv := &http.Server{Addr: ":8080", Handler: mux}
	Headers(srv)
	srv.Handler = http.HandlerFunc(func(rw http.ResponseWriter, req *http.Request) { // want `handler func literal in Serve serves requests without a span`
		rw.WriteHeader(http.StatusTeapot)
	})
	return srv.ListenAndServe()
}

// Files serves a file server it creates: its own work, an endpoint.
func Files() error {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { // want `handler func literal in Files serves requests without a span`
		fs := http.FileServer(http.Dir(os.TempDir()))
		fs.ServeHTTP(w, r)
	})
	return http.ListenAndServe(":8081", h)
}

func orders(w http.ResponseWriter, r *http.Request) {} // want `handler orders serves /orders without a span`

func routes() *http.ServeMux { // want routes:"router\\(1 handlers, 0 params\\)"
	mux := http.NewServeMux()
	mux.HandleFunc("/orders", orders)
	return mux
}

// H3 wraps the module's own router to set a header: middleware, not an
// endpoint; the router's handlers are judged.
func H3() error {
	mux := routes()
	var handler http.Handler = mux
	handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Alt-Svc", `h3=":443"`)
		mux.ServeHTTP(w, r)
	})
	return http.ListenAndServe(":8082", handler)
}

// Probes mounts handlers at configured prefixes.
func Probes(healthPrefix, statsPrefix string) error {
	mux := http.NewServeMux()
	mux.Handle(healthPrefix, health.NewHandler())
	mux.Handle(statsPrefix, stats.NewHandler()) // want `handler Handler.ServeHTTP serves requests without a span`
	return http.ListenAndServe(":8083", mux)
}
