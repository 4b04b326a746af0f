package metricapi

// What obscheck knows about the OpenTelemetry metric API (verified against
// go.opentelemetry.io/otel/metric v1.47): the Meter's instrument
// constructors, the methods that record with attributes, and the options
// read from definitions. How the Prometheus exporter names instruments is
// in exporter.go.

const otelm = "go.opentelemetry.io/otel/metric"

var otelLib = &Knowledge{
	Library: OTel,
	Definers: map[string]DefSpec{
		"(" + otelm + ".Meter).Float64Counter":                 {Kind: Counter, Style: StyleOTel, Labels: -1},
		"(" + otelm + ".Meter).Float64Gauge":                   {Kind: Gauge, Style: StyleOTel, Labels: -1},
		"(" + otelm + ".Meter).Float64Histogram":               {Kind: Histogram, Style: StyleOTel, Labels: -1},
		"(" + otelm + ".Meter).Float64ObservableCounter":       {Kind: Counter, Style: StyleOTel, Labels: -1},
		"(" + otelm + ".Meter).Float64ObservableGauge":         {Kind: Gauge, Style: StyleOTel, Labels: -1},
		"(" + otelm + ".Meter).Float64ObservableUpDownCounter": {Kind: UpDownCounter, Style: StyleOTel, Labels: -1},
		"(" + otelm + ".Meter).Float64UpDownCounter":           {Kind: UpDownCounter, Style: StyleOTel, Labels: -1},
		"(" + otelm + ".Meter).Int64Counter":                   {Kind: Counter, Style: StyleOTel, Labels: -1},
		"(" + otelm + ".Meter).Int64Gauge":                     {Kind: Gauge, Style: StyleOTel, Labels: -1},
		"(" + otelm + ".Meter).Int64Histogram":                 {Kind: Histogram, Style: StyleOTel, Labels: -1},
		"(" + otelm + ".Meter).Int64ObservableCounter":         {Kind: Counter, Style: StyleOTel, Labels: -1},
		"(" + otelm + ".Meter).Int64ObservableGauge":           {Kind: Gauge, Style: StyleOTel, Labels: -1},
		"(" + otelm + ".Meter).Int64ObservableUpDownCounter":   {Kind: UpDownCounter, Style: StyleOTel, Labels: -1},
		"(" + otelm + ".Meter).Int64UpDownCounter":             {Kind: UpDownCounter, Style: StyleOTel, Labels: -1},
	},
	Users: map[string]UseStyle{
		"(" + otelm + ".Float64Counter).Add":       UseOTel,
		"(" + otelm + ".Float64Gauge).Record":      UseOTel,
		"(" + otelm + ".Float64Histogram).Record":  UseOTel,
		"(" + otelm + ".Float64Observer).Observe":  UseOTelObserve,
		"(" + otelm + ".Float64UpDownCounter).Add": UseOTel,
		"(" + otelm + ".Int64Counter).Add":         UseOTel,
		"(" + otelm + ".Int64Gauge).Record":        UseOTel,
		"(" + otelm + ".Int64Histogram).Record":    UseOTel,
		"(" + otelm + ".Int64Observer).Observe":    UseOTelObserve,
		"(" + otelm + ".Int64UpDownCounter).Add":   UseOTel,
		"(" + otelm + ".Observer).ObserveFloat64":  UseOTel,
		"(" + otelm + ".Observer).ObserveInt64":    UseOTel,
	},
}

// OTel instrument options read from definitions.
const (
	otelWithUnit        = otelm + ".WithUnit"
	otelWithDescription = otelm + ".WithDescription"
)
