package multi

import "github.com/prometheus/client_golang/prometheus"

var a = prometheus.NewCounter(prometheus.CounterOpts{Name: "thanos_objstore_ops_total", Help: "h"})

var b = prometheus.NewCounter(prometheus.CounterOpts{Name: "loki_ingester_chunks_total", Help: "h"})

var c = prometheus.NewCounter(prometheus.CounterOpts{Name: "noetl_tasks_total", Help: "h"}) // want `counter name "noetl_tasks_total": every metric name starts with one of "thanos_", "loki_"`

var d = prometheus.NewCounter(prometheus.CounterOpts{Name: "loki_chunks", Help: "h"}) // want `should be "loki_chunks_total": counters end in _total`
