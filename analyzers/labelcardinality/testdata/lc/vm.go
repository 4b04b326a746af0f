package lc

import (
	"fmt"
	"net/http"

	"github.com/VictoriaMetrics/metrics"
)

func vm(r *http.Request, execID, tool string) {
	metrics.GetOrCreateCounter(fmt.Sprintf(`noetl_vm_total{execution_id=%q}`, execID)).Inc() // want `label "execution_id" on metric "noetl_vm_total" is a correlation key`
	metrics.GetOrCreateCounter(fmt.Sprintf(`noetl_vm_total{tool=%q}`, tool)).Inc()
	metrics.GetOrCreateCounter(fmt.Sprintf(`noetl_vm_total{path=%q}`, r.URL.Path)).Inc() // want `label "path" on metric "noetl_vm_total" takes the request path`
	metrics.GetOrCreateCounter(`noetl_vm_total{path="` + r.URL.Path + `"}`).Inc()        // want `label "path" on metric "noetl_vm_total" takes the request path`
	metrics.NewCounter(`noetl_vm2_total{request_id="x"}`)                                // want `label "request_id" on metric "noetl_vm2_total"`
	metrics.NewCounter(`noetl_vm3_total{tool="x"}`)
}
