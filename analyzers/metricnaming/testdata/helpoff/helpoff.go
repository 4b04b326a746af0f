// Package helpoff switches the help-text check per library in its
// .obscheck.yaml: off for prometheus, on for OTel (off by default).
package helpoff

import (
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/metric"
)

var noHelp = prometheus.NewCounter(prometheus.CounterOpts{Name: "noetl_polls_total"})

func define(meter metric.Meter) {
	meter.Int64Counter("noetl.polls") // want `metric "noetl_polls" has no help text; set metric.WithDescription`
	meter.Int64Counter("noetl.loops", metric.WithDescription("Loops run."))
}
