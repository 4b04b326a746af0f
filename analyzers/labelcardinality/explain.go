package labelcardinality

import "github.com/obscheck/obscheck/internal/ruledoc"

// Explain is the long-form documentation.
var Explain = ruledoc.Explain{
	Rationale: `Every distinct combination of label values is a separate time series, stored and indexed
for as long as retention lasts. A label holding an execution id, request id or trace id (or a
request path with ids in it, an error message, a timestamp) creates a new series per request:
memory and query cost grow without bound until the TSDB falls over, and the metric becomes
useless for aggregation. NoETL's rule: execution_id is NOT a label (cardinality bomb); it IS a
span attribute, used as a metric exemplar for correlation.`,
	Bad: `var dispatched = promauto.NewCounterVec(prometheus.CounterOpts{
	Name: "noetl_commands_dispatched_total", Help: "Commands dispatched.",
}, []string{"execution_id", "path"})

dispatched.WithLabelValues(execID, r.URL.Path).Inc()
failures.With(prometheus.Labels{"reason": err.Error()}).Inc()
counter.Add(ctx, 1, metric.WithAttributes(attribute.String("request_id", reqID)))`,
	Good: `var dispatched = promauto.NewCounterVec(prometheus.CounterOpts{
	Name: "noetl_commands_dispatched_total", Help: "Commands dispatched.",
}, []string{"tool", "route"})

dispatched.WithLabelValues(tool, routePattern).Inc() // route template, e.g. "/executions/{id}"
failures.With(prometheus.Labels{"reason": errorClass(err)}).Inc() // "timeout", "not_found", ...
counter.Add(ctx, 1, metric.WithAttributes(attribute.String("tool", tool)))
span.SetAttributes(attribute.String("execution_id", execID)) // ids belong on spans`,
	Notes: `Forbidden label names: policy.forbidden_labels (execution_id, command_id, event_id,
correlation_id, request_id, trace_id, span_id by default), every policy.correlation_keys entry, and
rules.labelcardinality.extra_labels. Keys are compared in their Prometheus form, so the OTel
attribute "execution.id" and "executionId" both match execution_id. They are reported where they
are declared: *Vec label lists (literals, variables, package-level variables of other packages),
prometheus.NewDesc variable and const labels, ConstLabels, prometheus.Labels passed to
With/GetMetricWith/CurryWith/MustCurryWith, labels inside VictoriaMetrics metric names, and OTel
attributes (attribute.String/Int/..., attribute.Key(k).String(v), KeyValue literals) that reach a
metric instrument's Add/Record through metric.WithAttributes, metric.WithAttributeSet or
attribute.NewSet. Attributes on spans (span.SetAttributes, trace.WithAttributes) are not metric
labels and are not reported.

Unbounded values are reported wherever a label value is supplied (WithLabelValues, With,
const metrics, OTel attributes on Add/Record, VictoriaMetrics names built with fmt.Sprintf or +):
r.URL.Path, r.URL.RawQuery, r.RequestURI and r.URL.String() (use the route template), err.Error()
and errors formatted with fmt (use an error class), uuid/xid/ulid/ksuid generators, formatted
time.Now(), and user/tenant/session ids read from the request (headers, form and path values,
query parameters, chi.URLParam, mux.Vars, gin) — plus the functions listed in
rules.labelcardinality.unbounded_sources. Values passed through a function of yours
(routeOf(r.URL.Path)) are assumed bounded by it.

rules.labelcardinality.allow maps a metric name to labels allowed on it anyway, for a metric whose
id space is known to be small (e.g. allow: {noetl_tenant_quota_bytes: [tenant_id]}).`,
}
