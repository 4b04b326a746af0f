package noprefix

import "github.com/prometheus/client_golang/prometheus"

// prefix: [""] turns the prefix check off; the other checks stay.
var a = prometheus.NewCounter(prometheus.CounterOpts{Name: "whatever_total", Help: "h"})

var b = prometheus.NewCounter(prometheus.CounterOpts{Name: "whatever", Help: "h"}) // want `counter name "whatever" should be "whatever_total": counters end in _total`
