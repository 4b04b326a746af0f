package policy

// Rules holds each rule's options. Each rule's options live in
// rules_<name>.go beside this file, next to their defaults.
type Rules struct {
	SpanRequired     SpanRequired     `yaml:"spanrequired"`
	MetricNaming     MetricNaming     `yaml:"metricnaming"`
	ExecIDField      ExecIDField      `yaml:"execidfield"`
	LabelCardinality LabelCardinality `yaml:"labelcardinality"`
	SanitizeBoundary SanitizeBoundary `yaml:"sanitizeboundary"`
	Directive        Directive        `yaml:"directive"`
}

// RuleNames lists every rule, in the order they are documented.
var RuleNames = []string{"spanrequired", "metricnaming", "execidfield", "labelcardinality", "sanitizeboundary", "directive"}

func defaultRules() Rules {
	return Rules{
		SpanRequired:     defaultSpanRequired(),
		MetricNaming:     defaultMetricNaming(),
		ExecIDField:      defaultExecIDField(),
		LabelCardinality: defaultLabelCardinality(),
		SanitizeBoundary: defaultSanitizeBoundary(),
		Directive:        Directive{Enabled: true},
	}
}

func (r *Rules) enabledFlag(rule string) *bool {
	switch rule {
	case "spanrequired":
		return &r.SpanRequired.Enabled
	case "metricnaming":
		return &r.MetricNaming.Enabled
	case "execidfield":
		return &r.ExecIDField.Enabled
	case "labelcardinality":
		return &r.LabelCardinality.Enabled
	case "sanitizeboundary":
		return &r.SanitizeBoundary.Enabled
	case "directive":
		return &r.Directive.Enabled
	}
	return nil
}

// Directive configures the report of malformed and unused suppressions.
type Directive struct {
	Enabled bool `yaml:"enabled" doc:"report //obscheck: directives that are malformed or suppress nothing"`

	Severity string `yaml:"severity" check:"severity" doc:"error fails the run; warning is reported without failing it"`
}
