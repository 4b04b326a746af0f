// Package use calls the helpers of another package: the names and units
// it passes are judged here, with the helper as related location.
package use

import (
	"context"

	"example.com/mn/wrap/helpers"
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/metric"
)

func define(meter metric.Meter, m helpers.Metrics) {
	helpers.NewCounterFrom(prometheus.CounterOpts{Name: "noetl_jobs_started_total", Help: "Jobs started."}, []string{"kind"})
	helpers.NewCounterFrom(prometheus.CounterOpts{Name: "noetl_jobs_failed", Help: "Jobs failed."}, nil) // want `counter name "noetl_jobs_failed" should be "noetl_jobs_failed_total": counters end in _total`
	helpers.NewCounterFrom(prometheus.CounterOpts{Name: "jobs_done_total", Help: "Jobs done."}, nil)     // want `counter name "jobs_done_total" should be "noetl_jobs_done_total": every metric name starts with "noetl_"`
	helpers.NewCounterFrom(prometheus.CounterOpts{Name: "noetl_jobs_retried_total"}, nil)                // want `metric "noetl_jobs_retried_total" has no help text`

	helpers.NewGaugeFrom(meter, "noetl.memory.used", "Memory in use.", "By")
	helpers.NewGaugeFrom(meter, "noetl.memory.free", "Memory free.", "MBy") // want `instrument unit "MBy" is not a base unit`
	helpers.NewGaugeFrom(meter, "noetl.cpu.total", "CPU.", "s")             // want `gauge "noetl_cpu_total" ends in _total`

	// two levels: NewServiceCounter adds the noetl namespace itself.
	helpers.NewServiceCounter("tasks_claimed_total", "Tasks claimed.", "worker")
	helpers.NewServiceCounter("tasks_lost", "Tasks lost.") // want `counter name "noetl_tasks_lost" should be "noetl_tasks_lost_total": counters end in _total`

	// the caller's name is not the metric's: not judged.
	helpers.NewWithOpts(prometheus.GaugeOpts{Name: "anything"})

	// through the interface, whose only implementation defines OTel instruments.
	m.NewCounter("noetl.tasks.dispatched", "Tasks dispatched.")
	m.NewCounter("tasks.dispatched", "Tasks dispatched.")                 // want `counter name "tasks.dispatched" should be "noetl.tasks.dispatched": every metric name starts with "noetl_"`
	m.NewHistogram("noetl.dispatch.latency", "Dispatch latency.", 0.1, 1) // want `histogram "noetl_dispatch_latency" measures latency but its name has no unit`
	m.NewHistogram("noetl.dispatch.duration.seconds", "Dispatch time.", 0.1, 1)
	m.IncrementCounter(context.Background(), "noetl.tasks.dispatched", "queue", "default")
}

func options() {
	helpers.NewHistogramVec(&helpers.VecOpts{Namespace: "noetl", Subsystem: "http", Name: "request_duration_seconds", Help: "h", Labels: []string{"route"}})
	helpers.NewHistogramVec(&helpers.VecOpts{Namespace: "noetl", Subsystem: "http", Name: "request_duration_ms", Help: "h"}) // want `metric "noetl_http_request_duration_ms" uses the non-base unit "ms"`
}
