package mn

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// A registerer from the caller may add a prefix (WrapRegistererWithPrefix):
// the prefix is not checked, everything else is.
func fromCaller(reg prometheus.Registerer) {
	promauto.With(reg).NewCounter(prometheus.CounterOpts{Name: "blocks_synced_total", Help: "h"})
	promauto.With(reg).NewCounter(prometheus.CounterOpts{Name: "blocks_synced", Help: "h"}) // want `counter name "blocks_synced" should be "blocks_synced_total": counters end in _total`
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: "blocks_loaded_total", Help: "h"})
	reg.MustRegister(c)
	reg.MustRegister(prometheus.NewGauge(prometheus.GaugeOpts{Name: "dynamic_" + reg.(interface{ Name() string }).Name(), Help: "h"}))
}

// Known registerers: the prefix they add counts.
func known() {
	wrapped := prometheus.WrapRegistererWithPrefix("noetl_", prometheus.NewRegistry())
	promauto.With(wrapped).NewCounter(prometheus.CounterOpts{Name: "tasks_total", Help: "h"})
	promauto.With(wrapped).NewCounter(prometheus.CounterOpts{Name: "tasks", Help: "h"})                                                                         // want `counter name "tasks" should be "tasks_total": counters end in _total`
	promauto.With(prometheus.WrapRegistererWithPrefix("etl_", prometheus.DefaultRegisterer)).NewCounter(prometheus.CounterOpts{Name: "tasks_total", Help: "h"}) // want `counter name "tasks_total": every metric name starts with "noetl_" \(the registerer adds "etl_"\)`
	promauto.With(prometheus.NewRegistry()).NewCounter(prometheus.CounterOpts{Name: "tasks_total", Help: "h"})                                                  // want `should be "noetl_tasks_total"`
	promauto.With(nil).NewGauge(prometheus.GaugeOpts{Name: "depth", Help: "h"})                                                                                 // want `should be "noetl_depth"`
	g := prometheus.NewGauge(prometheus.GaugeOpts{Name: "depth", Help: "h"})                                                                                    // want `should be "noetl_depth"`
	prometheus.MustRegister(g)
}

var hedged prometheus.Counter

func initHedged() {
	hedged = prometheus.NewCounter(prometheus.CounterOpts{Name: "hedged_requests_total", Help: "h"})
}

// A parameter defaulted when nil is still the caller's registerer (which
// may add a prefix): found in Loki.
func registerHedged(reg prometheus.Registerer) {
	if reg == nil {
		reg = prometheus.DefaultRegisterer
	}
	reg.MustRegister(hedged)
}
