package policy

// Rules holds each rule's options. Each rule's options live in
// rules_<name>.go beside this file, next to their defaults.
type Rules struct {
	SpanRequired     SpanRequired     `yaml:"spanrequired"`
	MetricNaming     MetricNaming     `yaml:"metricnaming"`
	ExecIDField      ExecIDField      `yaml:"execidfield"`
	LabelCardinality LabelCardinality `yaml:"labelcardinality"`
	SanitizeBoundary SanitizeBoundary `yaml:"sanitizeboundary"`
	OtelInit         OtelInit         `yaml:"otelinit"`
	SpanStatus       SpanStatus       `yaml:"spanstatus"`
	SpanCorrelation  SpanCorrelation  `yaml:"spancorrelation"`
	Directive        Directive        `yaml:"directive"`
}

// RuleNames lists every rule, in the order they are documented.
var RuleNames = []string{"spanrequired", "metricnaming", "execidfield", "labelcardinality", "sanitizeboundary", "otelinit", "spanstatus", "spancorrelation", "directive"}

func defaultRules() Rules {
	return Rules{
		SpanRequired:     defaultSpanRequired(),
		MetricNaming:     defaultMetricNaming(),
		ExecIDField:      defaultExecIDField(),
		LabelCardinality: defaultLabelCardinality(),
		SanitizeBoundary: defaultSanitizeBoundary(),
		OtelInit:         defaultOtelInit(),
		SpanStatus:       defaultSpanStatus(),
		SpanCorrelation:  defaultSpanCorrelation(),
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
	case "otelinit":
		return &r.OtelInit.Enabled
	case "spanstatus":
		return &r.SpanStatus.Enabled
	case "spancorrelation":
		return &r.SpanCorrelation.Enabled
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
