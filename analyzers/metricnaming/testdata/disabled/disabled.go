// Package disabled turns the rule off in its .obscheck.yaml: the names
// below would be reported under the default policy.
package disabled

import "github.com/prometheus/client_golang/prometheus"

var bad = prometheus.NewCounter(prometheus.CounterOpts{Name: "BadName"})
