// Package helpers holds metric wrappers the way services write them: the
// labels are given by the callers, so they are judged at the calls.
package helpers

import (
	"context"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
)

// NewCounterFrom defines a counter with the caller's label names.
func NewCounterFrom(opts prometheus.CounterOpts, labels []string) *prometheus.CounterVec {
	cv := prometheus.NewCounterVec(opts, labels)
	prometheus.MustRegister(cv)
	return cv
}

// NewCounter is a second level, with variadic label names.
func NewCounter(name, help string, labels ...string) *prometheus.CounterVec {
	return NewCounterFrom(prometheus.CounterOpts{Name: name, Help: help}, labels)
}

// Inc records with positional label values.
func Inc(cv *prometheus.CounterVec, values ...string) {
	cv.WithLabelValues(values...).Inc()
}

// Metrics is implemented over OTel by otelMetrics.
type Metrics interface {
	IncrementCounter(ctx context.Context, name string, labels ...string)
}

type otelMetrics struct {
	counters map[string]metric.Int64Counter
}

// New returns the OTel implementation.
func New() Metrics { return &otelMetrics{counters: map[string]metric.Int64Counter{}} }

func (o *otelMetrics) IncrementCounter(ctx context.Context, name string, labels ...string) {
	o.counters[name].Add(ctx, 1, metric.WithAttributes(toAttrs(labels)...))
}

// toAttrs only builds attributes: its callers are not judged unless they
// record a metric with them.
func toAttrs(kv []string) []attribute.KeyValue {
	var out []attribute.KeyValue
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, attribute.String(kv[i], kv[i+1]))
	}
	return out
}

// SpanAttrs puts pairs on a span, where ids belong.
func SpanAttrs(span trace.Span, kv ...string) {
	span.SetAttributes(toAttrs(kv)...)
}

// Observe is a record helper calling another one (two levels).
func Observe(ctx context.Context, m Metrics, r *http.Request, labels ...string) {
	m.IncrementCounter(ctx, "noetl.requests", labels...)
}

func local(ctx context.Context, m Metrics, id string) {
	m.IncrementCounter(ctx, "noetl.jobs", "pool", "a")
	m.IncrementCounter(ctx, "noetl.jobs", "execution_id", id) // want `label "execution_id" is a correlation key`
}

// VecOpts are the project's own options, read like prometheus Opts.
type VecOpts struct {
	Namespace, Subsystem, Name, Help string
	Labels                           []string
}

// NewHistogramVec defines a histogram from the fields of its options.
func NewHistogramVec(cfg *VecOpts) *prometheus.HistogramVec {
	if cfg == nil {
		return nil
	}
	return prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: cfg.Namespace,
		Subsystem: cfg.Subsystem,
		Name:      cfg.Name,
		Help:      cfg.Help,
	}, cfg.Labels)
}
