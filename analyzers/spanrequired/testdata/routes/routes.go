package routes

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/gorilla/mux"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
)

type Server struct{}

func (s *Server) users(w http.ResponseWriter, r *http.Request) {}

func (s *Server) traced(w http.ResponseWriter, r *http.Request) { // want traced:"startsSpan"
	_, span := otel.Tracer("routes").Start(r.Context(), "traced")
	defer span.End()
}

func healthz(w http.ResponseWriter, r *http.Request) {}

//obscheck:ignore spanrequired internal endpoint, traced by the mesh
func (s *Server) internal(w http.ResponseWriter, r *http.Request) {}

// Routes builds the router; the package that serves it decides.
func (s *Server) Routes() *http.ServeMux { // want Routes:"router\\(1 handlers, 0 params\\)"
	mux := http.NewServeMux()
	mux.HandleFunc("/users", s.users)
	mux.HandleFunc("/internal", s.internal)
	mux.HandleFunc("/traced", s.traced)
	mux.HandleFunc("/healthz", healthz)
	return mux
}

func order(w http.ResponseWriter, r *http.Request) {}

// RegisterAPI registers handlers on the caller's router.
func RegisterAPI(r chi.Router) { // want RegisterAPI:"router\\(0 handlers, 1 params\\)"
	r.Get("/orders", order)
	r.Get("/later", declaredLater)
}

// declaredLater is declared after its registration.
func declaredLater(w http.ResponseWriter, r *http.Request) {}

func unserved(w http.ResponseWriter, r *http.Request) {}

// NewRouter is exported and never served in the module: not reported.
func NewRouter() *mux.Router { // want NewRouter:"router\\(1 handlers, 0 params\\)"
	r := mux.NewRouter()
	r.HandleFunc("/unserved", unserved)
	return r
}

// Exported handler without a span.
func Export(w http.ResponseWriter, r *http.Request) {} // want Export:"noSpan"

// ExportTraced starts a span.
func ExportTraced(w http.ResponseWriter, r *http.Request) { // want ExportTraced:"startsSpan"
	_, span := otel.Tracer("routes").Start(r.Context(), "ExportTraced")
	defer span.End()
}

// InstallTracing installs tracing middleware on the caller's router.
func InstallTracing(r chi.Router) { // want InstallTracing:"router\\(0 handlers, 1 params\\)"
	r.Use(otelhttp.NewMiddleware("api"))
}
