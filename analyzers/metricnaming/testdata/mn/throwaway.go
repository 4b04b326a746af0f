package mn

import "github.com/prometheus/client_golang/prometheus"

// validLabel builds a Desc only to have NewConstMetric check a label
// name: nothing is exported, so "test_desc" is not a metric.
func validLabel(label string) error {
	desc := prometheus.NewDesc("test_desc", "test desc created for validation", []string{label}, nil)
	_, err := prometheus.NewConstMetric(desc, prometheus.CounterValue, 1, label)
	return err
}

type sampler struct{}

func (sampler) Describe(ch chan<- *prometheus.Desc) {}

// Collect exports the const metric: its Desc is a metric.
func (sampler) Collect(ch chan<- prometheus.Metric) {
	desc := prometheus.NewDesc("noetl_samples_total", "", nil, nil) // want `metric "noetl_samples_total" has no help text`
	m, err := prometheus.NewConstMetric(desc, prometheus.CounterValue, 1)
	if err == nil {
		ch <- m
	}
}
