package policy

// MetricNaming configures the metricnaming rule.
type MetricNaming struct {
	Enabled bool `yaml:"enabled" doc:"check metric names against the naming policy"`

	Severity string `yaml:"severity" check:"severity" doc:"error fails the run; warning is reported without failing it"`
	// Prefix overrides policy.metric_prefix for this module; any one matches.
	Prefix []string `yaml:"prefix" doc:"accepted metric name prefixes, any one matches; empty means policy.metric_prefix; [\"\"] turns the prefix check off"`
	// RequireHelp says per library whether a metric without help text is
	// reported: Prometheus HELP is expected, OTel descriptions are optional.
	RequireHelp RequireHelp `yaml:"require_help" doc:"per library: report metrics without help text"`
}

// RequireHelp turns the help-text check on or off per metric library.
type RequireHelp struct {
	Prometheus bool `yaml:"prometheus" doc:"prometheus/client_golang Help"`
	OTel       bool `yaml:"otel" doc:"OpenTelemetry metric.WithDescription (optional in OTel)"`
}

func defaultMetricNaming() MetricNaming {
	return MetricNaming{Enabled: true, Prefix: []string{}, RequireHelp: RequireHelp{Prometheus: true}}
}

// MetricPrefixes returns the accepted metric name prefixes.
func (p *Policy) MetricPrefixes() []string {
	if len(p.Rules.MetricNaming.Prefix) > 0 {
		return p.Rules.MetricNaming.Prefix
	}
	if p.Policy.MetricPrefix == "" {
		return nil
	}
	return []string{p.Policy.MetricPrefix}
}
