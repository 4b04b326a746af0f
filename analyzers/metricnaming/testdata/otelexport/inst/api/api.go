// Package api's policy wants svc_api_: the exporter adds svc_, the code
// names the rest.
package api

import "go.opentelemetry.io/otel/metric"

func define(meter metric.Meter) {
	meter.Int64Counter("api_calls_total")
	meter.Int64Counter("calls_total") // want `counter name "calls_total" should be "api_calls_total": every metric name starts with "svc_api_" \(the Prometheus exporter prepends "svc_"\)`
}
