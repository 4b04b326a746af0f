// Package obs stands for a team's observability library (configured by policy).
package obs

import (
	"context"
	"net/http"
)

// Begin starts a span in the team's own tracer (configured as a span starter).
func Begin(ctx context.Context, name string) (context.Context, func()) { return ctx, func() {} }

// Trace is the team's tracing middleware (configured as tracing middleware).
func Trace(name string) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler { return h }
}

// Job is a unit of work handled by an entry point.
type Job struct{ ID string }

func internalStatus(w http.ResponseWriter, r *http.Request) {}

// Router is declared traced by the policy (assume_traced_routers).
func Router() *http.ServeMux { // want Router:"router\\(1 handlers, 0 params\\)"
	mux := http.NewServeMux()
	mux.HandleFunc("/assumed", internalStatus)
	return mux
}
