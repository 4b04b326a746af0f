package fix

import (
	"context"

	"github.com/VictoriaMetrics/metrics"
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/metric"
)

var a = prometheus.NewCounter(prometheus.CounterOpts{Name: "noetl.tasks.created", Help: "h"}) // want `should be "noetl_tasks_created_total"`

var b = prometheus.NewCounter(prometheus.CounterOpts{Namespace: "noetl", Name: "retries", Help: "h"}) // want `should be "noetl_retries_total"`

var c = prometheus.NewGauge(prometheus.GaugeOpts{Name: "queue_depth", Help: "h"}) // want `should be "noetl_queue_depth"`

// No fix: the recorded unit must change.
var d = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "noetl_claim_duration_ms", Help: "h"}) // want `non-base unit`

var e = prometheus.NewDesc(`noetl-exec-started`, "Started.", nil, nil) // want `should be "noetl_exec_started"`

// No fix: the namespace would change.
var f = prometheus.NewCounter(prometheus.CounterOpts{Namespace: "etl", Name: "x", Help: "h"}) // want `should be "noetl_etl_x_total"`

func g(ctx context.Context, m metric.Meter) {
	metrics.NewCounter(`noetl_requests{path="/api"}`)         // want `should be "noetl_requests_total"`
	m.Int64Counter("tasks.done", metric.WithDescription("d")) // want `should be "noetl.tasks.done"`
}
