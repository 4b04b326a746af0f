package metricapi

// obscheck's knowledge of metric libraries is one file per library
// (prometheus.go, otel.go, victoriametrics.go), each a declarative
// Knowledge literal keyed by go/types full names. Adding a library is a
// new file and an entry in Libraries. The conformance test
// (internal/apis/metric_conformance_test.go) resolves every key against
// the real modules and checks each entry's style, kind and argument
// indices against the signature.

// Library is a metric library the tables describe.
type Library string

// The metric libraries. The names are the ones policy options use.
const (
	Prometheus      Library = "prometheus"
	OTel            Library = "otel"
	VictoriaMetrics Library = "victoriametrics"
)

// Knowledge is everything obscheck knows about one metric library.
type Knowledge struct {
	Library Library
	// Definers maps a function's full name to how it defines a metric.
	Definers map[string]DefSpec
	// Users maps a function's full name to how it supplies label values.
	Users map[string]UseStyle
}

// Libraries are the metric libraries obscheck knows.
var Libraries = []*Knowledge{prometheusLib, otelLib, victoriaMetricsLib}

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
	Lib    Library // set from the Knowledge holding it
	Kind   Kind    // KindUnknown for NewDesc and const metrics whose kind is an argument
	Style  Style
	Labels int // index of the label-names argument, -1 if none
	Values int // StyleConst: index of the first label value
}

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

// Definers and Users are every library's tables merged, for lookups.
var (
	Definers = map[string]DefSpec{}
	Users    = map[string]UseStyle{}
)

func init() {
	for _, lib := range Libraries {
		for name, spec := range lib.Definers {
			spec.Lib = lib.Library
			Definers[name] = spec
		}
		for name, style := range lib.Users {
			Users[name] = style
		}
	}
}
