// Package telemetry holds the service's tracer and metrics.
package telemetry

import (
	"context"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
)

// Namespace prefixes every metric of the service.
const Namespace = "noetl"

// Tracer is the service's tracer.
var Tracer = otel.Tracer("example.com/noetl-svc")

// StartSpan starts a span for one unit of work and returns a logger that
// carries its execution id.
func StartSpan(ctx context.Context, name, executionID string) (context.Context, trace.Span, *slog.Logger) {
	ctx, span := Tracer.Start(ctx, name)
	return ctx, span, slog.Default().With("execution_id", executionID)
}

var (
	// CommandsClaimed counts claimed commands by pool.
	CommandsClaimed = promauto.NewCounterVec(prometheus.CounterOpts{
		Namespace: Namespace,
		Subsystem: "worker",
		Name:      "commands_claimed_total",
		Help:      "Commands claimed by the worker.",
	}, []string{"pool"})

	// CommandDuration measures command execution time.
	CommandDuration = promauto.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: Namespace,
		Subsystem: "worker",
		Name:      "command_duration_ms",
		Help:      "Command execution time.",
	}, []string{"pool", "execution_id"})

	// QueueLag is the age of the oldest unclaimed command.
	QueueLag = promauto.NewGauge(prometheus.GaugeOpts{
		Name: "noetl_worker_queue_lag_seconds",
		Help: "Age of the oldest unclaimed command.",
	})

	// HTTPRequests keeps the name existing dashboards and alerts query.
	HTTPRequests = promauto.NewCounter(prometheus.CounterOpts{
		Name: "noetl_http_requests", //obscheck:ignore metricnaming dashboards query this name; the rename is tracked in NOETL-412
		Help: "HTTP requests served.",
	})

	// EventsWritten counts events appended to the event log.
	EventsWritten = promauto.NewCounter(prometheus.CounterOpts{
		Name: "noetl.events.written",
		Help: "Events appended to the event log.",
	})
)
