// Package api is laid out the way services are: several routers side by
// side, traced and untraced, built by methods and functions, kept in
// struct fields, extended and served by cmd/server. Every router's
// verdict must depend on its own registrations, wrappers and serve sites
// only (TestNoLeak removes each router's registrations in turn).
package api

import (
	"net/http"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
)

func tracer() trace.Tracer { return otel.Tracer("api") }

// Server is the bare router: method values, no middleware.
type Server struct{ ledger string }

func (s *Server) handleBalance(w http.ResponseWriter, r *http.Request) {}

func (s *Server) handleTransfer(w http.ResponseWriter, r *http.Request) {}

func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request) { // want handleHistory:"startsSpan"
	_, span := tracer().Start(r.Context(), "history")
	defer span.End()
}

// Routes builds the bare router; cmd/server extends and serves it.
func (s *Server) Routes() *http.ServeMux { // want Routes:"router\\(2 handlers, 0 params\\)" Routes:"startsSpan"
	mux := http.NewServeMux()
	mux.HandleFunc("GET /balance", s.handleBalance)    // leak:bare
	mux.HandleFunc("POST /transfer", s.handleTransfer) // leak:bare
	mux.HandleFunc("GET /history", s.handleHistory)    // leak:bare
	// One traced sub-handler and one traced literal in the same constructor
	// must not make the whole router traced.
	mux.Handle("/statement", otelhttp.NewHandler(http.HandlerFunc(s.statement), "statement")) // leak:bare
	mux.HandleFunc("/traced-literal", func(w http.ResponseWriter, r *http.Request) {          // leak:bare
		_, span := tracer().Start(r.Context(), "lit") // leak:bare
		defer span.End()                              // leak:bare
	}) // leak:bare
	return mux
}

func (s *Server) statement(w http.ResponseWriter, r *http.Request) {}

// Public wraps its own router: covered wherever it is mounted.
type Public struct{}

func (p *Public) landing(w http.ResponseWriter, r *http.Request) {}

func (p *Public) pricing(w http.ResponseWriter, r *http.Request) {}

func (p *Public) Handler() http.Handler { // want Handler:"wrapsSpan"
	mux := http.NewServeMux()
	mux.HandleFunc("/public/landing", p.landing) // leak:public
	mux.HandleFunc("/public/pricing", p.pricing) // leak:public
	return otelhttp.NewHandler(mux, "public")
}

// Admin keeps its router in a field and serves it through ServeHTTP.
type Admin struct{ router *http.ServeMux }

func NewAdmin() *Admin { // want NewAdmin:"router\\(2 handlers, 0 params\\)"
	a := &Admin{router: http.NewServeMux()}
	a.router.HandleFunc("/admin/ops/overview", a.overview) // leak:admin
	a.router.HandleFunc("/admin/ops/flags", a.flags)       // leak:admin
	return a
}

func (a *Admin) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.router.ServeHTTP(w, r) }

func (a *Admin) overview(w http.ResponseWriter, r *http.Request) {}

func (a *Admin) flags(w http.ResponseWriter, r *http.Request) {}

// Internal is served by its own http.Server, traced by assignment.
type Internal struct {
	srv    *http.Server
	router *http.ServeMux
}

func NewInternal() *Internal {
	in := &Internal{router: http.NewServeMux()}
	in.router.HandleFunc("/internal/sync", in.sync) // leak:internal
	in.srv = &http.Server{Addr: ":9000", Handler: in.router}
	return in
}

func (in *Internal) sync(w http.ResponseWriter, r *http.Request) {} // want `handler Internal.sync serves /internal/sync without a span`

func (in *Internal) Start() error { return in.srv.ListenAndServe() }

func drain(w http.ResponseWriter, r *http.Request) {}

// NewOps is served by its own http.Server in main.
func NewOps() *http.ServeMux { // want NewOps:"router\\(1 handlers, 0 params\\)"
	mux := http.NewServeMux()
	mux.HandleFunc("/ops/drain", drain) // leak:ops
	return mux
}

func partnerQuote(w http.ResponseWriter, r *http.Request) {}

// NewPartner is served by a server main wraps by assignment.
func NewPartner() *http.ServeMux { // want NewPartner:"router\\(1 handlers, 0 params\\)"
	mux := http.NewServeMux()
	mux.HandleFunc("/partner/quote", partnerQuote) // leak:partner
	return mux
}
