package policy

// LabelCardinality configures the labelcardinality rule.
type LabelCardinality struct {
	Enabled bool `yaml:"enabled" doc:"report unbounded metric labels"`

	Severity string `yaml:"severity" check:"severity" doc:"error fails the run; warning is reported without failing it"`
	// ExtraLabels are label names forbidden besides policy.forbidden_labels.
	ExtraLabels []string `yaml:"extra_labels" doc:"label names forbidden besides policy.forbidden_labels and correlation_keys"`
	// UnboundedSources are functions whose results must not be label values.
	UnboundedSources []string `yaml:"unbounded_sources" check:"funcname" doc:"extra functions whose results are unbounded label values"`
	// Allow maps a metric name to labels allowed on it despite the policy.
	Allow map[string][]string `yaml:"allow" doc:"per-metric exceptions: metric name (as written, or with dots as underscores) -> label names allowed on it"`
}

func defaultLabelCardinality() LabelCardinality {
	return LabelCardinality{Enabled: true, ExtraLabels: []string{}, UnboundedSources: []string{}, Allow: map[string][]string{}}
}
