// Package helpers holds metric wrappers the way services write them: the
// names are given by the callers, so they are judged at the calls.
package helpers

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// NewCounterFrom defines a counter from the caller's Opts.
func NewCounterFrom(opts prometheus.CounterOpts, labels []string) *prometheus.CounterVec {
	cv := prometheus.NewCounterVec(opts, labels)
	prometheus.MustRegister(cv)
	return cv
}

// NewGaugeFrom defines an OTel gauge from its parameters.
func NewGaugeFrom(meter metric.Meter, name, desc, unit string) metric.Float64ObservableGauge {
	g, _ := meter.Float64ObservableGauge(name, metric.WithDescription(desc), metric.WithUnit(unit))
	return g
}

// NewServiceCounter is a second level: it calls NewCounterFrom with a
// namespace of its own.
func NewServiceCounter(name, help string, labels ...string) *prometheus.CounterVec {
	return NewCounterFrom(prometheus.CounterOpts{Namespace: "noetl", Name: name, Help: help}, labels)
}

// NewWithOpts changes the Opts it is given: the caller's name is not the
// metric's, so nothing is judged at its calls.
func NewWithOpts(opts prometheus.GaugeOpts) *prometheus.GaugeVec {
	opts.Namespace = "other"
	return prometheus.NewGaugeVec(opts, nil)
}

// Metrics is implemented over OTel by otelMetrics (and a no-op).
type Metrics interface {
	NewCounter(name, desc string)
	NewHistogram(name, desc string, buckets ...float64)
	IncrementCounter(ctx context.Context, name string, labels ...string)
}

type otelMetrics struct {
	meter    metric.Meter
	counters map[string]metric.Int64Counter
}

// New returns the OTel implementation.
func New(m metric.Meter) Metrics {
	return &otelMetrics{meter: m, counters: map[string]metric.Int64Counter{}}
}

func (o *otelMetrics) NewCounter(name, desc string) {
	c, _ := o.meter.Int64Counter(name, metric.WithDescription(desc))
	o.counters[name] = c
}

func (o *otelMetrics) NewHistogram(name, desc string, buckets ...float64) {
	o.meter.Float64Histogram(name, metric.WithDescription(desc), metric.WithExplicitBucketBoundaries(buckets...))
}

func (o *otelMetrics) IncrementCounter(ctx context.Context, name string, labels ...string) {
	o.counters[name].Add(ctx, 1, metric.WithAttributes(toAttrs(labels)...))
}

func toAttrs(kv []string) []attribute.KeyValue {
	var out []attribute.KeyValue
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, attribute.String(kv[i], kv[i+1]))
	}
	return out
}

type nopMetrics struct{}

func (nopMetrics) NewCounter(name, desc string)                                        {}
func (nopMetrics) NewHistogram(name, desc string, buckets ...float64)                  {}
func (nopMetrics) IncrementCounter(ctx context.Context, name string, labels ...string) {}

// Nop returns metrics that record nothing.
func Nop() Metrics { return nopMetrics{} }

// Local calls are judged too.
func register(meter metric.Meter) {
	NewGaugeFrom(meter, "noetl.queue.depth", "Tasks waiting.", "{task}")
	NewGaugeFrom(meter, "queue.depth", "Tasks waiting.", "{task}") // want `gauge name "queue.depth" should be "noetl.queue.depth": every metric name starts with "noetl_"`
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
