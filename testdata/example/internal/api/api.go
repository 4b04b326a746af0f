// Package api is the HTTP API of the server.
package api

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"example.com/noetl-svc/internal/auth"
	"example.com/noetl-svc/internal/telemetry"
)

// Server serves the API.
type Server struct {
	Log *slog.Logger
}

// Routes registers the handlers and returns the router.
func (s *Server) Routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/executions", s.startExecution)
	mux.HandleFunc("/api/login", s.login)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	return mux
}

func (s *Server) startExecution(w http.ResponseWriter, r *http.Request) {
	executionID := r.URL.Query().Get("execution_id")
	ctx, span, log := telemetry.StartSpan(r.Context(), "api.start_execution", executionID)
	defer span.End()
	if executionID == "" {
		log.WarnContext(ctx, "missing execution id")
		http.Error(w, "execution_id required", http.StatusBadRequest)
		return
	}
	telemetry.EventsWritten.Inc()
	w.WriteHeader(http.StatusAccepted)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var creds auth.Credentials
	if err := json.NewDecoder(r.Body).Decode(&creds); err != nil {
		s.Log.Error("bad login body", "err", err)
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if !creds.Valid() {
		s.Log.Warn("invalid credentials", "creds", creds)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	s.Log.Info("login", "creds", creds.Sanitize())
	w.WriteHeader(http.StatusNoContent)
}
