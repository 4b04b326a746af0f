package metricnaming

import "github.com/obscheck/obscheck/internal/ruledoc"

// Explain is the long-form documentation.
var Explain = ruledoc.Explain{
	Rationale: `Dashboards, alerts and recording rules find metrics by name. A name without the team prefix
is lost among exporters' metrics; a counter without _total, a gauge with _total, or a latency in
milliseconds breaks the conventions PromQL functions and every reader rely on (rate() on counters,
histogram_quantile() on _seconds buckets). Names with dots or dashes are not valid Prometheus names
at all, and ':' is reserved for recording rules. The NoETL rule: throughput is noetl_*_total, the
slow tail is noetl_*_duration_seconds, backlog is noetl_*_lag / noetl_*_lag_seconds, sizes are _bytes.`,
	Bad: `var tasks = promauto.NewCounter(prometheus.CounterOpts{
	Name: "noetl.tasks.created", // dots; counter without _total
})
var latency = prometheus.NewHistogram(prometheus.HistogramOpts{
	Name: "noetl_dispatch_latency_ms", Help: "Dispatch latency.", // non-base unit
})
var queued = metrics.NewGauge("noetl_queue_total", nil) // a gauge ending in _total`,
	Good: `var tasks = promauto.NewCounter(prometheus.CounterOpts{
	Name: "noetl_tasks_created_total", Help: "Tasks created.",
})
var latency = prometheus.NewHistogram(prometheus.HistogramOpts{
	Name: "noetl_dispatch_duration_seconds", Help: "Dispatch duration in seconds.",
})
var queued = metrics.NewGauge("noetl_queue_lag", nil)

// OpenTelemetry: the Prometheus exporter appends the unit and _total.
c, _ := meter.Int64Counter("noetl.tasks.created", metric.WithDescription("Tasks created."))
h, _ := meter.Float64Histogram("noetl.dispatch.duration", metric.WithUnit("s"),
	metric.WithDescription("Dispatch duration."))`,
	Notes: `Checks, on the name Prometheus will see:
- prefix: the name starts with policy.metric_prefix ("noetl_"), or with one of rules.metricnaming.prefix;
- characters: [a-z_][a-z0-9_]* — no dots, dashes or spaces, no ':' (recording rules), snake_case;
- counters end in _total; gauges, histograms, summaries (and OTel up-down counters) do not;
- histograms and summaries whose name says latency, duration, time or elapsed end in _seconds;
- no non-base units at the end of a name (_ms, _millis, _milliseconds, _us, _ns, _minutes, _hours,
  _kb, _mb, _gb, _percent): record seconds, bytes, and 0-1 ratios (_ratio);
- help text is set (per library: rules.metricnaming.require_help, prometheus on, otel off by
  default: OTel descriptions are optional); no metric type in the name (counter, gauge, histogram, summary); no
  _bucket/_count/_sum suffix; label names are snake_case and not reserved (le, quantile, __*).

OpenTelemetry instruments are checked as the OTel Prometheus exporter exports them: characters
that are invalid in Prometheus names (the dots of "noetl.tasks.created") become '_', the unit from
metric.WithUnit is appended as a word ("s" -> _seconds, "By" -> _bytes, "ms" -> _milliseconds) and
counters get _total appended. So an OTel counter need not say _total and an OTel histogram with
WithUnit("s") need not say _seconds, but WithUnit("ms") is reported (the series would end in
_milliseconds): use "s" and record seconds. Up-down counters export as gauges.

The exporter's settings are read from the module (every non-test file calling
go.opentelemetry.io/otel/exporters/prometheus.New, wherever it is): WithNamespace("svc") exports
"requests" as svc_requests, so the prefix check sees svc_requests and a fix never repeats the
namespace (a name that already starts with it is reported: the series would be svc_svc_...).
otlptranslator.NoTranslation, UnderscoreEscapingWithoutSuffixes, WithoutUnits and
WithoutCounterSuffixes turn suffixes (and escaping) off: then the name itself must say _total and
_seconds. A namespace that is not a constant, or exporters that disagree, turn the OTel prefix
check off.

VictoriaMetrics names carry their labels ("noetl_requests_total{path=\"/x\"}"): the part before '{'
is the name. Counters, FloatCounters, gauges, histograms and summaries are recognized in the default
set and in metrics.Set.

client_golang's V2 API (prometheus.V2.NewCounterVec with CounterVecOpts, V2.NewDesc) is read like v1.

Names are evaluated statically: literals, constants from any package, +, fmt.Sprintf with constant
arguments, prometheus.BuildFQName, Opts{Namespace, Subsystem, Name}, opts or names held in a local
variable assigned once. When the name is not static nothing is guessed, but a known suffix is still
checked (a counter built as prefix + "_requests" is missing _total). A Desc made by
prometheus.NewDesc is checked where it is made; the _total rules are checked where
MustNewConstMetric gives it a type, when the Desc is visible there.

Registries can prefix names: prometheus.WrapRegistererWithPrefix (and same-named helpers) with a
constant prefix in the same package is applied before the prefix check; a metric registered
through a registerer that comes from the caller (a parameter or field: promauto.With(reg), or
reg.MustRegister(m)) may be prefixed there, so its prefix is not checked (everything else is).
A prometheus.NewDesc held in a local variable and used only by const metrics whose value is
dropped (built to validate a label name through NewConstMetric's error) is not a metric.

The project's own helpers are followed, as x/tools' printf follows printf wrappers: a function that
hands its parameters to a metric library (newCounterFrom(opts, labels) calling
prometheus.NewCounterVec(opts, labels), newGauge(meter, name, desc, unit) calling
meter.Float64ObservableGauge(name, metric.WithDescription(desc), metric.WithUnit(unit)), a helper
adding a namespace to a name) is a wrapper, also across packages, through further helpers, and
through an interface whose implementations in its package are such wrappers. Names are judged where
the wrapper is called, with the wrapper's library call as related location.

Suggested fixes rename the literal when the change is purely textual (dots to underscores,
snake_case, adding the prefix, adding _total); none is offered when the recorded unit must change.`,
}
