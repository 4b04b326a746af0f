// Package broken does not type-check: the analyzers must not crash on it.
package broken

import (
	"context"

	"github.com/VictoriaMetrics/metrics"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

var a = prometheus.NewCounter(prometheus.CounterOpts{Name: undefinedName, Help: 1})
var b = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "x"}, undefinedLabels)
var c = promauto.With(undefinedReg).NewGauge(prometheus.GaugeOpts{Namespace: 3, Name: "y"})
var d = prometheus.NewCounter()
var e = prometheus.NewCounterVec(prometheus.CounterOpts{"pos", "it", "ional"}, []string{1, undefinedLabel})
var f = prometheus.NewDesc()
var g = metrics.NewCounter(undefined + `{a="` + 1 + `"}`)
var h = metrics.NewCounter(`x{a=`)
var i = metrics.NewCounter(`x{a="b",c=`)

func k(ctx context.Context, m metric.Meter) {
	c, _ := m.Int64Counter(undefinedName, metric.WithUnit(undefinedUnit), undefinedOpt)
	c.Add(ctx, 1, metric.WithAttributes(attribute.String(undefinedKey, 1)), undefinedOpt)
	c.Add(ctx)
	b.WithLabelValues(undefinedValue...).Inc()
	b.With(undefinedLabelsMap).Inc()
	b.With(prometheus.Labels{undefinedKey: "v", "k": undefinedV}).Inc()
	prometheus.MustNewConstMetric(f, undefinedType, 1, "a")
	prometheus.MustNewConstMetric()
	var opts prometheus.CounterOpts
	opts = undefinedOpts
	prometheus.NewCounter(opts)
}

func l(r undefinedRequest, err error) {
	b.WithLabelValues(r.URL.Path, err.Error(), undefinedFunc()).Inc()
	b.WithLabelValues("x", "execution_id").Inc()
	prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "z"}, []string{"execution_id"})
}
