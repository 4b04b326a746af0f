package metricapi

// The tables below are obscheck's knowledge of metric libraries, keyed by
// go/types full names (verified against client_golang v1.25,
// go.opentelemetry.io/otel/metric v1.47 and VictoriaMetrics/metrics v1.35).
// Adding a library or a function is an entry here.

const (
	prom     = "github.com/prometheus/client_golang/prometheus"
	promauto = "github.com/prometheus/client_golang/prometheus/promauto"
	otelm    = "go.opentelemetry.io/otel/metric"
	vm       = "github.com/VictoriaMetrics/metrics"
)

// Library is a metric library the tables describe.
type Library string

// The metric libraries. The names are the ones policy options use.
const (
	Prometheus      Library = "prometheus"
	OTel            Library = "otel"
	VictoriaMetrics Library = "victoriametrics"
)

// Style says how a definition call carries the metric's name and labels.
type Style int

const (
	// StyleOpts: Args[0] is a prometheus XxxOpts struct (Namespace,
	// Subsystem, Name, Help, Unit, ConstLabels); Args[Labels] the label names.
	StyleOpts Style = iota
	// StyleDesc: prometheus.NewDesc(fqName, help, variableLabels, constLabels).
	StyleDesc
	// StyleConst: prometheus.MustNewConstMetric(desc, ...): a sample of the
	// metric the Desc defines; label values from Args[Values] on.
	StyleConst
	// StyleOTel: meter.Int64Counter(name, options...).
	StyleOTel
	// StyleVM: VictoriaMetrics: Args[0] is `name{label="value",...}`.
	StyleVM
	// StyleVecOpts: prometheus.V2.NewCounterVec(CounterVecOpts{CounterOpts: ..., VariableLabels: ...}).
	StyleVecOpts
)

// DefSpec describes one metric-defining function.
type DefSpec struct {
	Lib    Library
	Kind   Kind // KindUnknown for NewDesc and const metrics whose kind is an argument
	Style  Style
	Labels int // index of the label-names argument, -1 if none
	Values int // StyleConst: index of the first label value
}

// Definers maps a function's full name to how it defines a metric.
var Definers = map[string]DefSpec{}

// UseStyle says how a call supplies label values.
type UseStyle int

const (
	// UseValues: positional label values from Args[0] on (WithLabelValues).
	UseValues UseStyle = iota
	// UseMap: Args[0] is a prometheus.Labels map (With, CurryWith).
	UseMap
	// UseOTel: OTel Add/Record; attributes in the options from Args[2] on.
	UseOTel
	// UseOTelObserve: Int64Observer.Observe(v, options...): options from Args[1] on.
	UseOTelObserve
)

// Users maps a function's full name to how it supplies label values.
var Users = map[string]UseStyle{}

func init() {
	kinds := map[string]Kind{"Counter": Counter, "Gauge": Gauge, "Histogram": Histogram, "Summary": Summary}
	for name, k := range kinds {
		for _, p := range []string{prom + ".New", promauto + ".New", "(" + promauto + ".Factory).New"} {
			Definers[p+name] = DefSpec{Lib: Prometheus, Kind: k, Style: StyleOpts, Labels: -1}
			Definers[p+name+"Vec"] = DefSpec{Lib: Prometheus, Kind: k, Style: StyleOpts, Labels: 1}
			if k == Counter || k == Gauge {
				Definers[p+name+"Func"] = DefSpec{Lib: Prometheus, Kind: k, Style: StyleOpts, Labels: -1}
			}
		}
		Definers["("+prom+".v2).New"+name+"Vec"] = DefSpec{Lib: Prometheus, Kind: k, Style: StyleVecOpts, Labels: -1}
		vec := "(*" + prom + "." + name + "Vec)."
		Users[vec+"WithLabelValues"] = UseValues
		Users[vec+"GetMetricWithLabelValues"] = UseValues
		Users[vec+"With"] = UseMap
		Users[vec+"GetMetricWith"] = UseMap
		Users[vec+"CurryWith"] = UseMap
		Users[vec+"MustCurryWith"] = UseMap
	}
	for _, p := range []string{prom + ".New", promauto + ".New", "(" + promauto + ".Factory).New"} {
		Definers[p+"UntypedFunc"] = DefSpec{Lib: Prometheus, Kind: Untyped, Style: StyleOpts, Labels: -1}
	}
	mv := "(*" + prom + ".MetricVec)."
	Users[mv+"GetMetricWithLabelValues"] = UseValues
	Users[mv+"GetMetricWith"] = UseMap
	Users[mv+"CurryWith"] = UseMap

	Definers[prom+".NewDesc"] = DefSpec{Lib: Prometheus, Kind: KindUnknown, Style: StyleDesc, Labels: 2}
	Definers["("+prom+".v2).NewDesc"] = DefSpec{Lib: Prometheus, Kind: KindUnknown, Style: StyleDesc, Labels: 2}
	for name, spec := range map[string]DefSpec{
		"MustNewConstMetric":                        {Kind: KindUnknown, Values: 3},
		"NewConstMetric":                            {Kind: KindUnknown, Values: 3},
		"MustNewConstMetricWithCreatedTimestamp":    {Kind: KindUnknown, Values: 4},
		"NewConstMetricWithCreatedTimestamp":        {Kind: KindUnknown, Values: 4},
		"MustNewConstHistogram":                     {Kind: Histogram, Values: 4},
		"NewConstHistogram":                         {Kind: Histogram, Values: 4},
		"MustNewConstHistogramWithCreatedTimestamp": {Kind: Histogram, Values: 5},
		"NewConstHistogramWithCreatedTimestamp":     {Kind: Histogram, Values: 5},
		"MustNewConstSummary":                       {Kind: Summary, Values: 4},
		"NewConstSummary":                           {Kind: Summary, Values: 4},
		"MustNewConstSummaryWithCreatedTimestamp":   {Kind: Summary, Values: 5},
		"NewConstSummaryWithCreatedTimestamp":       {Kind: Summary, Values: 5},
	} {
		spec.Lib, spec.Style, spec.Labels = Prometheus, StyleConst, -1
		Definers[prom+"."+name] = spec
	}

	for _, num := range []string{"Int64", "Float64"} {
		for inst, k := range map[string]Kind{
			"Counter": Counter, "UpDownCounter": UpDownCounter, "Histogram": Histogram, "Gauge": Gauge,
			"ObservableCounter": Counter, "ObservableUpDownCounter": UpDownCounter, "ObservableGauge": Gauge,
		} {
			Definers["("+otelm+".Meter)."+num+inst] = DefSpec{Lib: OTel, Kind: k, Style: StyleOTel, Labels: -1}
		}
		Users["("+otelm+"."+num+"Counter).Add"] = UseOTel
		Users["("+otelm+"."+num+"UpDownCounter).Add"] = UseOTel
		Users["("+otelm+"."+num+"Histogram).Record"] = UseOTel
		Users["("+otelm+"."+num+"Gauge).Record"] = UseOTel
		Users["("+otelm+"."+num+"Observer).Observe"] = UseOTelObserve
		Users["("+otelm+".Observer).Observe"+num] = UseOTel // (instrument, value, options...)
	}

	for name, k := range map[string]Kind{
		"Counter": Counter, "FloatCounter": Counter, "Gauge": Gauge, "Histogram": Histogram,
		"Summary": Summary, "SummaryExt": Summary,
	} {
		for _, p := range []string{vm + ".New", vm + ".GetOrCreate", "(*" + vm + ".Set).New", "(*" + vm + ".Set).GetOrCreate"} {
			Definers[p+name] = DefSpec{Lib: VictoriaMetrics, Kind: k, Style: StyleVM, Labels: -1}
		}
	}
}

// OTel instrument options read from definitions.
const (
	otelWithUnit        = otelm + ".WithUnit"
	otelWithDescription = otelm + ".WithDescription"
)

// Prometheus value types of const metrics, by constant name.
var promValueTypes = map[string]Kind{"CounterValue": Counter, "GaugeValue": Gauge, "UntypedValue": Untyped}
