package mn

import (
	"fmt"

	"github.com/VictoriaMetrics/metrics"
)

func victoria(path string, set *metrics.Set) {
	metrics.NewCounter(`noetl_requests_total{path="/api"}`)
	metrics.NewCounter(`noetl_requests{path="/api"}`)                    // want `counter name "noetl_requests" should be "noetl_requests_total"`
	metrics.GetOrCreateCounter(fmt.Sprintf(`noetl_hits{path=%q}`, path)) // want `counter name "noetl_hits" should be "noetl_hits_total"`
	metrics.GetOrCreateCounter(fmt.Sprintf(`noetl_hits_total{path=%q}`, path))
	metrics.NewGauge("noetl_queue_total", nil) // want `gauge "noetl_queue_total" ends in _total`
	metrics.NewGauge("noetl_queue_lag", nil)
	metrics.GetOrCreateHistogram("noetl_fetch_latency") // want `measures latency`
	metrics.GetOrCreateHistogram(`noetl_fetch_duration_seconds{kind="x"}`)
	set.NewSummary("queue_wait_seconds")                            // want `should be "noetl_queue_wait_seconds"`
	set.GetOrCreateFloatCounter(`noetl_bytes_read_total{Disk="a"}`) // want `label name "Disk" is not snake_case`
	metrics.NewCounter("noetl_" + path)                             // nothing known but the prefix: fine
	metrics.NewCounter("noetl.dyn." + path)                         // want `name starts with "noetl.dyn.", which has characters Prometheus names do not allow \('.'\)`
}
