// Package inst defines instruments; the exporter configured in package
// setup (which this package does not import) names them svc_<name>.
package inst

import "go.opentelemetry.io/otel/metric"

func define(meter metric.Meter) {
	meter.Int64Counter("requests_total")
	meter.Int64Counter("svc.jobs_total")                              // want `counter name "svc.jobs_total" should be "jobs_total": the Prometheus exporter's namespace already prepends "svc_"`
	meter.Int64Counter("errors")                                      // want `counter name "errors" should be "errors_total": counters end in _total \(the module's Prometheus exporter does not append it\)`
	meter.Float64Histogram("db.query.duration", metric.WithUnit("s")) // want `histogram "svc_db.query.duration" measures duration but its name has no unit; observe seconds and name it "db.query.duration_seconds"`
	meter.Float64Histogram("db.query.duration_seconds", metric.WithUnit("s"))
	meter.Int64Gauge("heap", metric.WithUnit("MBy")) // want `instrument unit "MBy" is not a base unit; record in "By"`
}
