// Package use calls the helpers of another package: the labels it passes
// are judged here, with the helper as related location.
package use

import (
	"context"
	"net/http"

	"example.com/lc/wrap/helpers"
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/trace"
)

func define() {
	helpers.NewCounterFrom(prometheus.CounterOpts{Name: "noetl_jobs_total", Help: "h"}, []string{"pool"})
	helpers.NewCounterFrom(prometheus.CounterOpts{Name: "noetl_runs_total", Help: "h"}, []string{"pool", "execution_id"}) // want `label "execution_id" on metric "noetl_runs_total" is a correlation key`
	helpers.NewCounter("noetl_steps_total", "h", "pool", "tool")
	helpers.NewCounter("noetl_events_total", "h", "pool", "event_id") // want `label "event_id" on metric "noetl_events_total" is an unbounded id`
}

func record(ctx context.Context, m helpers.Metrics, cv *prometheus.CounterVec, r *http.Request, err error, span trace.Span, id string) {
	m.IncrementCounter(ctx, "noetl.requests", "route", "/users/{id}", "code", "200")
	m.IncrementCounter(ctx, "noetl.requests", "request_id", id)   // want `label "request_id" is an unbounded id`
	m.IncrementCounter(ctx, "noetl.requests", "path", r.URL.Path) // want `label "path" takes the request path`
	helpers.Inc(cv, "default", "200")
	helpers.Inc(cv, "default", err.Error()) // want `a label value takes error text`
	helpers.Observe(ctx, m, r, "route", "/users/{id}")
	helpers.Observe(ctx, m, r, "tenant", r.URL.Path) // want `label "tenant" takes the request path`
	helpers.SpanAttrs(span, "execution_id", id)      // a span, not a metric
}

func options() {
	helpers.NewHistogramVec(&helpers.VecOpts{Name: "noetl_request_duration_seconds", Help: "h", Labels: []string{"route"}})
	helpers.NewHistogramVec(&helpers.VecOpts{Name: "noetl_job_duration_seconds", Help: "h", Labels: []string{"execution_id"}}) // want `label "execution_id" on metric "noetl_job_duration_seconds" is a correlation key`
}
