package lc

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"example.com/lc/labels"
	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// --- forbidden names in label lists ---

var byExec = promauto.NewCounterVec(prometheus.CounterOpts{Name: "noetl_a_total", Help: "h"}, []string{"pool", "execution_id"}) // want `label "execution_id" on metric "noetl_a_total" is a correlation key, unique per execution \(policy.correlation_keys\): every distinct value creates a new time series`

var byPool = promauto.NewCounterVec(prometheus.CounterOpts{Name: "noetl_b_total", Help: "h"}, []string{"pool", "tool"})

var byReq = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "noetl_c_seconds", Help: "h"}, []string{labels.RequestID}) // want `label "request_id" on metric "noetl_c_seconds" is an unbounded id \(policy.forbidden_labels\)`

var localList = []string{"trace_id"} // want `label "trace_id" on metric "noetl_d_total" is an unbounded id`

var byTrace = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "noetl_d_total", Help: "h"}, localList)

var crossPkg = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "noetl_e_total", Help: "h"}, labels.Exec) // want `label "execution_id" on metric "noetl_e_total" is a correlation key`

var crossFine = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "noetl_f_total", Help: "h"}, labels.Fine)

var constLbl = prometheus.NewGauge(prometheus.GaugeOpts{Name: "noetl_g", Help: "h", ConstLabels: prometheus.Labels{"span_id": "x"}}) // want `label "span_id" on metric "noetl_g" is an unbounded id`

var desc = prometheus.NewDesc("noetl_h", "h", []string{"command_id"}, nil) // want `label "command_id" on metric "noetl_h" is an unbounded id`

var descOK = prometheus.NewDesc("noetl_h2", "h", []string{"pool"}, nil)

func localVar() {
	names := []string{"event_id", "pool"} // want `label "event_id" on metric "noetl_i_total"`
	prometheus.NewCounterVec(prometheus.CounterOpts{Name: "noetl_i_total", Help: "h"}, names)
}

// --- forbidden names in prometheus.Labels at use sites ---

func withLabels(id string) {
	byPool.With(prometheus.Labels{"pool": "a", "correlation_id": id}).Inc() // want `label "correlation_id" on metric "noetl_b_total" is an unbounded id`
	byPool.With(prometheus.Labels{"pool": "a", "tool": "b"}).Inc()
	byPool.MustCurryWith(prometheus.Labels{"request_id": id}) // want `label "request_id" on metric "noetl_b_total"`
	byPool.GetMetricWith(prometheus.Labels{"trace_id": id})   // want `label "trace_id" on metric "noetl_b_total"`
	byPool.CurryWith(prometheus.Labels{"pool": "x"})
}

// --- unbounded values ---

func handler(w http.ResponseWriter, r *http.Request) {
	byPool.WithLabelValues(r.URL.Path, "x").Inc()                  // want `label "pool" on metric "noetl_b_total" takes the request path: every distinct path .* use the route template`
	byPool.WithLabelValues(r.RequestURI, "x").Inc()                // want `takes the request path`
	byPool.WithLabelValues(r.URL.String(), "x").Inc()              // want `takes the request path`
	byPool.WithLabelValues(endpoint.String(), "x").Inc()           // a configured endpoint: bounded
	byPool.WithLabelValues(r.Method, r.Pattern).Inc()              // bounded: method and route pattern
	byPool.WithLabelValues(route(r.URL.Path), "x").Inc()           // a function of yours bounds it
	byPool.WithLabelValues("x", r.Header.Get("X-Tenant-ID")).Inc() // want `label "tool" on metric "noetl_b_total" takes an id taken from the request`
	byPool.WithLabelValues("x", r.Header.Get("Content-Type")).Inc()
	byPool.WithLabelValues("x", r.URL.Query().Get("user")).Inc() // want `takes an id taken from the request`
	byPool.WithLabelValues("x", r.URL.Query().Get("format")).Inc()
	byPool.WithLabelValues("x", r.PathValue("id")).Inc() // want `takes an id taken from the request`
	p := r.URL.Path
	byPool.WithLabelValues(p, "x").Inc()                     // want `takes the request path`
	byPool.With(prometheus.Labels{"pool": r.URL.Path}).Inc() // want `label "pool" on metric "noetl_b_total" takes the request path`
}

func route(string) string { return "/items/{id}" }

var endpoint, _ = url.Parse("https://remote.example/api/v1/write")

var errBoom = errors.New("boom")

func values(err error) {
	byPool.WithLabelValues("x", err.Error()).Inc()            // want `takes error text: .* use a bounded error class`
	byPool.WithLabelValues("x", fmt.Sprintf("%v", err)).Inc() // want `takes error text`
	byPool.WithLabelValues("x", classify(err)).Inc()
	byPool.WithLabelValues("x", uuid.New().String()).Inc()                      // want `takes a freshly generated id`
	byPool.WithLabelValues("x", uuid.NewString()).Inc()                         // want `takes a freshly generated id`
	byPool.WithLabelValues("x", time.Now().Format(time.RFC3339)).Inc()          // want `takes a formatted timestamp`
	byPool.WithLabelValues("x", strconv.FormatInt(time.Now().Unix(), 10)).Inc() // want `takes a formatted timestamp`
	byPool.WithLabelValues("x", strconv.Itoa(time.Now().Hour())).Inc()          // bounded: 0-23
	byPool.WithLabelValues("x", "ok").Inc()
	curried := byPool.MustCurryWith(prometheus.Labels{"pool": "p"})
	curried.WithLabelValues(err.Error()).Inc() // want `a label value on metric "noetl_b_total" takes error text`
}

func classify(err error) string {
	if errors.Is(err, errBoom) {
		return "boom"
	}
	return "other"
}

func collect(ch chan<- prometheus.Metric, err error) {
	ch <- prometheus.MustNewConstMetric(descOK, prometheus.GaugeValue, 1, err.Error()) // want `label "pool" on metric "noetl_h2" takes error text`
	ch <- prometheus.MustNewConstMetric(descOK, prometheus.GaugeValue, 1, "p")
}

var v2 = prometheus.V2.NewCounterVec(prometheus.CounterVecOpts{
	CounterOpts:    prometheus.CounterOpts{Name: "noetl_v2_total", Help: "h"},
	VariableLabels: prometheus.UnconstrainedLabels{"pool", "request_id"}, // want `label "request_id" on metric "noetl_v2_total" is an unbounded id`
})

func v2use(r *http.Request) {
	v2.WithLabelValues(r.URL.Path, "x").Inc() // want `label "pool" on metric "noetl_v2_total" takes the request path`
}
