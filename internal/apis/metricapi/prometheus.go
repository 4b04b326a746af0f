package metricapi

import "github.com/obscheck/obscheck/internal/funcname"

// What obscheck knows about prometheus/client_golang (verified against
// v1.25): the functions that define metrics (v1, promauto, the V2 API,
// Descs and const metrics), the methods that take label values, the
// registry functions that decide a metric's exported name, and the value
// types of const metrics.

const (
	prom     = "github.com/prometheus/client_golang/prometheus"
	promauto = "github.com/prometheus/client_golang/prometheus/promauto"
)

var prometheusLib = &Knowledge{
	Library: Prometheus,
	Definers: map[string]DefSpec{
		"(" + prom + ".v2).NewCounterVec":                   {Kind: Counter, Style: StyleVecOpts, Labels: -1},
		"(" + prom + ".v2).NewDesc":                         {Kind: KindUnknown, Style: StyleDesc, Labels: 2},
		"(" + prom + ".v2).NewGaugeVec":                     {Kind: Gauge, Style: StyleVecOpts, Labels: -1},
		"(" + prom + ".v2).NewHistogramVec":                 {Kind: Histogram, Style: StyleVecOpts, Labels: -1},
		"(" + prom + ".v2).NewSummaryVec":                   {Kind: Summary, Style: StyleVecOpts, Labels: -1},
		"(" + promauto + ".Factory).NewCounter":             {Kind: Counter, Style: StyleOpts, Labels: -1},
		"(" + promauto + ".Factory).NewCounterFunc":         {Kind: Counter, Style: StyleOpts, Labels: -1},
		"(" + promauto + ".Factory).NewCounterVec":          {Kind: Counter, Style: StyleOpts, Labels: 1},
		"(" + promauto + ".Factory).NewGauge":               {Kind: Gauge, Style: StyleOpts, Labels: -1},
		"(" + promauto + ".Factory).NewGaugeFunc":           {Kind: Gauge, Style: StyleOpts, Labels: -1},
		"(" + promauto + ".Factory).NewGaugeVec":            {Kind: Gauge, Style: StyleOpts, Labels: 1},
		"(" + promauto + ".Factory).NewHistogram":           {Kind: Histogram, Style: StyleOpts, Labels: -1},
		"(" + promauto + ".Factory).NewHistogramVec":        {Kind: Histogram, Style: StyleOpts, Labels: 1},
		"(" + promauto + ".Factory).NewSummary":             {Kind: Summary, Style: StyleOpts, Labels: -1},
		"(" + promauto + ".Factory).NewSummaryVec":          {Kind: Summary, Style: StyleOpts, Labels: 1},
		"(" + promauto + ".Factory).NewUntypedFunc":         {Kind: Untyped, Style: StyleOpts, Labels: -1},
		prom + ".MustNewConstHistogram":                     {Kind: Histogram, Style: StyleConst, Labels: -1, Values: 4},
		prom + ".MustNewConstHistogramWithCreatedTimestamp": {Kind: Histogram, Style: StyleConst, Labels: -1, Values: 5},
		prom + ".MustNewConstMetric":                        {Kind: KindUnknown, Style: StyleConst, Labels: -1, Values: 3},
		prom + ".MustNewConstMetricWithCreatedTimestamp":    {Kind: KindUnknown, Style: StyleConst, Labels: -1, Values: 4},
		prom + ".MustNewConstSummary":                       {Kind: Summary, Style: StyleConst, Labels: -1, Values: 4},
		prom + ".MustNewConstSummaryWithCreatedTimestamp":   {Kind: Summary, Style: StyleConst, Labels: -1, Values: 5},
		prom + ".NewConstHistogram":                         {Kind: Histogram, Style: StyleConst, Labels: -1, Values: 4},
		prom + ".NewConstHistogramWithCreatedTimestamp":     {Kind: Histogram, Style: StyleConst, Labels: -1, Values: 5},
		prom + ".NewConstMetric":                            {Kind: KindUnknown, Style: StyleConst, Labels: -1, Values: 3},
		prom + ".NewConstMetricWithCreatedTimestamp":        {Kind: KindUnknown, Style: StyleConst, Labels: -1, Values: 4},
		prom + ".NewConstSummary":                           {Kind: Summary, Style: StyleConst, Labels: -1, Values: 4},
		prom + ".NewConstSummaryWithCreatedTimestamp":       {Kind: Summary, Style: StyleConst, Labels: -1, Values: 5},
		prom + ".NewCounter":                                {Kind: Counter, Style: StyleOpts, Labels: -1},
		prom + ".NewCounterFunc":                            {Kind: Counter, Style: StyleOpts, Labels: -1},
		prom + ".NewCounterVec":                             {Kind: Counter, Style: StyleOpts, Labels: 1},
		prom + ".NewDesc":                                   {Kind: KindUnknown, Style: StyleDesc, Labels: 2},
		prom + ".NewGauge":                                  {Kind: Gauge, Style: StyleOpts, Labels: -1},
		prom + ".NewGaugeFunc":                              {Kind: Gauge, Style: StyleOpts, Labels: -1},
		prom + ".NewGaugeVec":                               {Kind: Gauge, Style: StyleOpts, Labels: 1},
		prom + ".NewHistogram":                              {Kind: Histogram, Style: StyleOpts, Labels: -1},
		prom + ".NewHistogramVec":                           {Kind: Histogram, Style: StyleOpts, Labels: 1},
		prom + ".NewSummary":                                {Kind: Summary, Style: StyleOpts, Labels: -1},
		prom + ".NewSummaryVec":                             {Kind: Summary, Style: StyleOpts, Labels: 1},
		prom + ".NewUntypedFunc":                            {Kind: Untyped, Style: StyleOpts, Labels: -1},
		promauto + ".NewCounter":                            {Kind: Counter, Style: StyleOpts, Labels: -1},
		promauto + ".NewCounterFunc":                        {Kind: Counter, Style: StyleOpts, Labels: -1},
		promauto + ".NewCounterVec":                         {Kind: Counter, Style: StyleOpts, Labels: 1},
		promauto + ".NewGauge":                              {Kind: Gauge, Style: StyleOpts, Labels: -1},
		promauto + ".NewGaugeFunc":                          {Kind: Gauge, Style: StyleOpts, Labels: -1},
		promauto + ".NewGaugeVec":                           {Kind: Gauge, Style: StyleOpts, Labels: 1},
		promauto + ".NewHistogram":                          {Kind: Histogram, Style: StyleOpts, Labels: -1},
		promauto + ".NewHistogramVec":                       {Kind: Histogram, Style: StyleOpts, Labels: 1},
		promauto + ".NewSummary":                            {Kind: Summary, Style: StyleOpts, Labels: -1},
		promauto + ".NewSummaryVec":                         {Kind: Summary, Style: StyleOpts, Labels: 1},
		promauto + ".NewUntypedFunc":                        {Kind: Untyped, Style: StyleOpts, Labels: -1},
	},
	Users: map[string]UseStyle{
		"(*" + prom + ".CounterVec).CurryWith":                  UseMap,
		"(*" + prom + ".CounterVec).GetMetricWith":              UseMap,
		"(*" + prom + ".CounterVec).GetMetricWithLabelValues":   UseValues,
		"(*" + prom + ".CounterVec).MustCurryWith":              UseMap,
		"(*" + prom + ".CounterVec).With":                       UseMap,
		"(*" + prom + ".CounterVec).WithLabelValues":            UseValues,
		"(*" + prom + ".GaugeVec).CurryWith":                    UseMap,
		"(*" + prom + ".GaugeVec).GetMetricWith":                UseMap,
		"(*" + prom + ".GaugeVec).GetMetricWithLabelValues":     UseValues,
		"(*" + prom + ".GaugeVec).MustCurryWith":                UseMap,
		"(*" + prom + ".GaugeVec).With":                         UseMap,
		"(*" + prom + ".GaugeVec).WithLabelValues":              UseValues,
		"(*" + prom + ".HistogramVec).CurryWith":                UseMap,
		"(*" + prom + ".HistogramVec).GetMetricWith":            UseMap,
		"(*" + prom + ".HistogramVec).GetMetricWithLabelValues": UseValues,
		"(*" + prom + ".HistogramVec).MustCurryWith":            UseMap,
		"(*" + prom + ".HistogramVec).With":                     UseMap,
		"(*" + prom + ".HistogramVec).WithLabelValues":          UseValues,
		"(*" + prom + ".MetricVec).CurryWith":                   UseMap,
		"(*" + prom + ".MetricVec).GetMetricWith":               UseMap,
		"(*" + prom + ".MetricVec).GetMetricWithLabelValues":    UseValues,
		"(*" + prom + ".SummaryVec).CurryWith":                  UseMap,
		"(*" + prom + ".SummaryVec).GetMetricWith":              UseMap,
		"(*" + prom + ".SummaryVec).GetMetricWithLabelValues":   UseValues,
		"(*" + prom + ".SummaryVec).MustCurryWith":              UseMap,
		"(*" + prom + ".SummaryVec).With":                       UseMap,
		"(*" + prom + ".SummaryVec).WithLabelValues":            UseValues,
	},
}

// registerFuncs register their collector arguments: on the default
// registry (package functions) or on the receiver (methods).
var registerFuncs = map[string]bool{
	prom + ".MustRegister":                   true,
	prom + ".Register":                       true,
	"(" + prom + ".Registerer).MustRegister": true,
	"(" + prom + ".Registerer).Register":     true,
	"(*" + prom + ".Registry).MustRegister":  true,
	"(*" + prom + ".Registry).Register":      true,
}

// plainRegistries return registries that add no prefix.
var plainRegistries = funcname.NewSet([]string{prom + ".NewRegistry", prom + ".NewPedanticRegistry"})

// labelWrappers wrap their last argument without changing names.
var labelWrappers = funcname.NewSet([]string{prom + ".WrapRegistererWith"})

// prefixWrapper is the function name (any package) that wraps a registerer
// with the prefix in its first argument: prometheus.WrapRegistererWithPrefix
// and look-alike helpers of the same name (e.g. thanos' extprom).
const prefixWrapper = "WrapRegistererWithPrefix"

// defaultRegisterer is the prometheus variable of the default registry.
const defaultRegisterer = "DefaultRegisterer"

// Prometheus value types of const metrics, by constant name.
var promValueTypes = map[string]Kind{"CounterValue": Counter, "GaugeValue": Gauge, "UntypedValue": Untyped}
