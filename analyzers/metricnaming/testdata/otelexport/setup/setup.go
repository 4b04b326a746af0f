// Package setup configures the service's one Prometheus exporter: every
// instrument of the module is exported as svc_<name>, verbatim (no
// escaping, no unit or _total suffixes).
package setup

import (
	"github.com/prometheus/otlptranslator"
	otelprom "go.opentelemetry.io/otel/exporters/prometheus"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
)

const namespace = "svc"

// Provider returns the meter provider exporting to Prometheus.
func Provider() (*sdkmetric.MeterProvider, error) {
	opts := []otelprom.Option{otelprom.WithNamespace(namespace)}
	opts = append(opts, otelprom.WithTranslationStrategy(otlptranslator.NoTranslation))
	exp, err := otelprom.New(opts...)
	if err != nil {
		return nil, err
	}
	return sdkmetric.NewMeterProvider(sdkmetric.WithReader(exp)), nil
}
