package mn

import (
	"fmt"

	"example.com/mn/names"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// --- prefix, characters, _total ---

var okCounter = prometheus.NewCounter(prometheus.CounterOpts{Name: "noetl_tasks_created_total", Help: "Tasks created."})

var noPrefix = prometheus.NewCounter(prometheus.CounterOpts{Name: "tasks_created_total", Help: "h"}) // want `counter name "tasks_created_total" should be "noetl_tasks_created_total": every metric name starts with "noetl_"`

var dotted = promauto.NewCounter(prometheus.CounterOpts{Name: "noetl.tasks.created", Help: "h"}) // want `counter name "noetl.tasks.created" should be "noetl_tasks_created_total": Prometheus names allow only \[a-z0-9_\] \(found '.'\); counters end in _total`

var dashed = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl-queue-depth", Help: "h"}) // want `gauge name "noetl-queue-depth" should be "noetl_queue_depth": Prometheus names allow only`

var colon = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl:queue:depth", Help: "h"}) // want `':' is reserved for recording rules`

var camel = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_queueDepth", Help: "h"}) // want `should be "noetl_queue_depth": names are snake_case`

var noTotal = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "noetl_commands", Help: "h"}, []string{"kind"}) // want `counter name "noetl_commands" should be "noetl_commands_total": counters end in _total`

var gaugeTotal = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_inflight_total", Help: "h"}) // want `gauge "noetl_inflight_total" ends in _total, which Prometheus reserves for counters`

var gaugeOK = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_inflight_commands", Help: "h"})

var counterFunc = prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "noetl_polls", Help: "h"}, func() float64 { return 0 }) // want `should be "noetl_polls_total"`

var gaugeFunc = promauto.NewGaugeFunc(prometheus.GaugeOpts{Name: "noetl_workers", Help: "h"}, func() float64 { return 0 })

var untyped = prometheus.NewUntypedFunc(prometheus.UntypedOpts{Name: "noetl_thing_total", Help: "h"}, func() float64 { return 0 })

// --- namespace / subsystem / constants from another package ---

var fq = prometheus.NewCounter(prometheus.CounterOpts{Namespace: names.Namespace, Subsystem: names.Subsystem, Name: "commands_total", Help: "h"})

var fqMissing = prometheus.NewCounter(prometheus.CounterOpts{Namespace: names.Namespace, Subsystem: names.Subsystem, Name: "commands", Help: "h"}) // want `counter name "noetl_worker_commands" should be "noetl_worker_commands_total"`

var fqOther = prometheus.NewCounter(prometheus.CounterOpts{Namespace: names.Namespace, Name: names.Bad, Help: "h"}) // want `should be "noetl_worker_commands_total"`

var badNS = prometheus.NewGauge(prometheus.GaugeOpts{Namespace: "etl", Name: "queue", Help: "h"}) // want `gauge name "etl_queue" should be "noetl_etl_queue"`

var built = prometheus.NewGauge(prometheus.GaugeOpts{Name: prometheus.BuildFQName(names.Namespace, "server", "up"), Help: "h"})

var sprintf = prometheus.NewGauge(prometheus.GaugeOpts{Name: fmt.Sprintf("%s_%s_up", names.Namespace, "api"), Help: "h"})

var concat = prometheus.NewCounter(prometheus.CounterOpts{Name: names.Namespace + "_" + "events", Help: "h"}) // want `should be "noetl_events_total"`

var crossDispatch = prometheus.NewHistogram(prometheus.HistogramOpts{Name: names.Dispatch, Help: "h"}) // want `uses the non-base unit "ms"`

// --- opts in a variable ---

func optsVar() {
	opts := prometheus.CounterOpts{Name: "noetl_retries", Help: "h"} // want `should be "noetl_retries_total"`
	prometheus.NewCounter(opts)

	gopts := prometheus.GaugeOpts{Name: "noetl_backlog_lag", Help: "h"}
	prometheus.NewGauge(gopts)

	reassigned := prometheus.CounterOpts{Name: "noetl_a", Help: "h"}
	reassigned = prometheus.CounterOpts{Name: "noetl_b", Help: "h"}
	prometheus.NewCounter(reassigned) // not known: assigned twice

	modified := prometheus.CounterOpts{Name: "retries_total", Help: "h"}
	modified.Namespace = names.Namespace
	prometheus.NewCounter(modified) // not known: a field is set after the literal

	var other prometheus.CounterOpts
	other.Name = "unrelated" // fields of prometheus.Opts are not tracked as variables
	_ = other
}

// --- unknown names: nothing guessed, known suffix checked ---

func dynamic(prefix, name string) {
	prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: "h"})
	prometheus.NewCounter(prometheus.CounterOpts{Name: prefix + "_requests", Help: "h"}) // want `counter name ends in "_requests" but counters end in _total`
	prometheus.NewCounter(prometheus.CounterOpts{Name: prefix + "_requests_total", Help: "h"})
	prometheus.NewGauge(prometheus.GaugeOpts{Namespace: prefix, Name: "depth", Help: "h"})
	prometheus.NewGauge(prometheus.GaugeOpts{Name: "etl_" + name, Help: "h"}) // want `gauge name starts with "etl_" but every metric name starts with "noetl_"`
	prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_" + name, Help: "h"})
}

// --- time, units ---

var durOK = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "noetl_dispatch_duration_seconds", Help: "h"})

var latencyNoUnit = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "noetl_http_request_latency", Help: "h"}, []string{"route"}) // want `histogram "noetl_http_request_latency" measures latency but its name has no unit; observe seconds`

var summaryTime = prometheus.NewSummary(prometheus.SummaryOpts{Name: "noetl_claim_time", Help: "h"}) // want `summary "noetl_claim_time" measures time`

var ms = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "noetl_claim_duration_ms", Help: "h"}) // want `metric "noetl_claim_duration_ms" uses the non-base unit "ms"; Prometheus uses base units: record seconds`

var mins = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_uptime_minutes", Help: "h"}) // want `non-base unit "minutes"`

var kb = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_payload_kb", Help: "h"}) // want `non-base unit "kb".*record bytes`

var pct = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_cpu_usage_percent", Help: "h"}) // want `non-base unit "percent".*ratio`

var ratio = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_cpu_usage_ratio", Help: "h"})

var bytesOK = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_payload_bytes", Help: "h"})

var lagSec = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_projector_lag_seconds", Help: "h"})

var msTotal = prometheus.NewCounter(prometheus.CounterOpts{Name: "noetl_cpu_ms_total", Help: "h"}) // want `non-base unit "ms"`

var nsNotUnit = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_ns_workers", Help: "h"})

var timeRatio = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "noetl_gc_time_ratio", Help: "h"})

var timeoutNotTime = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "noetl_timeout_retries", Help: "h"})

var unitField = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_wait", Help: "h", Unit: "milliseconds"}) // want `declares the non-base unit "milliseconds"`

// --- promlint rules ---

var noHelp = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_workers_busy"}) // want `metric "noetl_workers_busy" has no help text; set Help`

var emptyHelp = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_workers_idle", Help: ""}) // want `has no help text`

var typeInName = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_queue_gauge", Help: "h"}) // want `has the metric type "gauge" in its name`

var reserved = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_queue_count", Help: "h"}) // want `ends in _count, a suffix histograms and summaries use`

var le = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "noetl_queue_depth", Help: "h"}, []string{"le", "queue"}) // want `label "le" is reserved`

var labelCase = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "noetl_jobs_total", Help: "h"}, []string{"jobType", "pool"}) // want `label name "jobType" is not snake_case`

var constLabel = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_build_info", Help: "h", ConstLabels: prometheus.Labels{"Version": "1"}}) // want `label name "Version" is not snake_case`

var labelsOK = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "noetl_jobs_done_total", Help: "h"}, []string{"job_type", "pool"})

// --- promauto.With(reg) and the Factory ---

func factory(reg prometheus.Registerer) {
	f := promauto.With(reg)
	f.NewCounterVec(prometheus.CounterOpts{Name: "noetl_claims", Help: "h"}, []string{"pool"})        // want `should be "noetl_claims_total"`
	promauto.With(reg).NewHistogram(prometheus.HistogramOpts{Name: "noetl_claim_latency", Help: "h"}) // want `measures latency`
	promauto.With(nil).NewSummaryVec(prometheus.SummaryOpts{Name: "noetl_claim_duration_seconds", Help: "h"}, []string{"pool"})
}

// --- NewDesc and const metrics ---

var descOK = prometheus.NewDesc("noetl_exec_active", "Active executions.", []string{"pool"}, nil)

var descBad = prometheus.NewDesc("noetl.exec.started", "Started.", nil, nil) // want `metric name "noetl.exec.started" should be "noetl_exec_started"`

var descNoHelp = prometheus.NewDesc("noetl_exec_x", "", nil, nil) // want `has no help text`

var descCounter = prometheus.NewDesc("noetl_exec_finished", "Finished.", nil, nil)

var descCounterOK = prometheus.NewDesc("noetl_exec_failed_total", "Failed.", nil, nil)

func collect(ch chan<- prometheus.Metric) {
	ch <- prometheus.MustNewConstMetric(descOK, prometheus.GaugeValue, 1, "a")
	ch <- prometheus.MustNewConstMetric(descCounter, prometheus.CounterValue, 1) // want `counter "noetl_exec_finished" does not end in _total \(its Desc is defined by prometheus.NewDesc\)`
	ch <- prometheus.MustNewConstMetric(descCounterOK, prometheus.CounterValue, 1)
	d := prometheus.NewDesc("noetl_exec_wait_time", "Wait.", nil, nil)
	ch <- prometheus.MustNewConstHistogram(d, 1, 1, nil) // want `histogram "noetl_exec_wait_time" measures time`
}

// Messages name the metric as written, not as the fix would rename it.
var unprefixedNoHelp = prometheus.NewGauge(prometheus.GaugeOpts{Name: "queue_items"}) // want `should be "noetl_queue_items"` `metric "queue_items" has no help text`

// --- the V2 API ---

var v2Vec = prometheus.V2.NewCounterVec(prometheus.CounterVecOpts{
	CounterOpts:    prometheus.CounterOpts{Name: "noetl_v2_requests", Help: "h"}, // want `should be "noetl_v2_requests_total"`
	VariableLabels: prometheus.UnconstrainedLabels{"code", "Method"},             // want `label name "Method" is not snake_case`
})

var v2Constrained = prometheus.V2.NewGaugeVec(prometheus.GaugeVecOpts{
	GaugeOpts:      prometheus.GaugeOpts{Name: "noetl_v2_depth", Help: "h"},
	VariableLabels: prometheus.ConstrainedLabels{{Name: "le", Constraint: func(s string) string { return s }}}, // want `label "le" is reserved`
})

var v2Desc = prometheus.V2.NewDesc("noetl.v2.desc", "h", prometheus.UnconstrainedLabels{"pool"}, nil) // want `should be "noetl_v2_desc"`
