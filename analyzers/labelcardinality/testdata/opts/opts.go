package opts

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

var quota = promauto.NewGaugeVec(prometheus.GaugeOpts{Name: "noetl_tenant_quota_bytes", Help: "h"}, []string{"tenant_id", "request_id", "tool"}) // want `label "request_id" on metric "noetl_tenant_quota_bytes"`

var other = promauto.NewGaugeVec(prometheus.GaugeOpts{Name: "noetl_other", Help: "h"}, []string{"tenant_id"}) // want `label "tenant_id" on metric "noetl_other" is an unbounded id \(rules.labelcardinality.extra_labels\)`

var exec = promauto.NewGaugeVec(prometheus.GaugeOpts{Name: "noetl_exec", Help: "h"}, []string{"execution_id"}) // want `label "execution_id" on metric "noetl_exec" is a correlation key`

func use(name string) {
	quota.WithLabelValues(name, "r", lookupTenant(name)).Set(1) // want `label "tool" on metric "noetl_tenant_quota_bytes" takes example.com/lc/opts.lookupTenant\(\): it is listed in rules.labelcardinality.unbounded_sources`
	quota.WithLabelValues(lookupTenant(name), "r", "t").Set(1)  // tenant_id is allowed on this metric
}

// lookupTenant is configured as an unbounded source.
func lookupTenant(s string) string { return s }
