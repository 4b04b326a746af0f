package policycfg

import (
	"context"
	"net/http"

	"example.com/sr/lib/obs"
)

func begins(w http.ResponseWriter, r *http.Request) { // want begins:"startsSpan"
	_, end := obs.Begin(r.Context(), "begins")
	defer end()
}

func plain(w http.ResponseWriter, r *http.Request) {} // want `handler plain serves /plain without a span`

func internal(w http.ResponseWriter, r *http.Request) {}

func healthz(w http.ResponseWriter, r *http.Request) {} // want `handler healthz serves /healthz without a span`

func tracedByMw(w http.ResponseWriter, r *http.Request) {}

func Main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/begins", begins)
	mux.HandleFunc("/plain", plain)
	mux.HandleFunc("/internal/status", internal)
	mux.HandleFunc("/healthz", healthz) // the policy replaced the default exempt routes
	http.ListenAndServe(":8080", mux)

	mux2 := http.NewServeMux()
	mux2.HandleFunc("/mw", tracedByMw)
	http.ListenAndServe(":8081", obs.Trace("api")(mux2))

	http.ListenAndServe(":8082", obs.Router())
}

// ProcessJob is an entry point by signature.
func ProcessJob(ctx context.Context, j obs.Job) error { return nil } // want `entry point ProcessJob runs without a span`

func ProcessTraced(ctx context.Context, j obs.Job) error { // want ProcessTraced:"startsSpan"
	_, end := obs.Begin(ctx, "job")
	defer end()
	return nil
}
