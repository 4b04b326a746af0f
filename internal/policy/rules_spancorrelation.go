package policy

// SpanCorrelation configures the spancorrelation rule.
type SpanCorrelation struct {
	Enabled bool `yaml:"enabled" doc:"report spans started without the correlation id that is in scope"`

	Severity string `yaml:"severity" check:"severity" doc:"error fails the run; warning is reported without failing it"`
	// ConsumerAttributes must be on every message-consumer span.
	ConsumerAttributes []string `yaml:"consumer_attributes" doc:"attribute keys every message-consumer span must carry, e.g. [correlation_id, event.type, event.id, messaging.destination.name]"`
}

func defaultSpanCorrelation() SpanCorrelation {
	return SpanCorrelation{Enabled: true, ConsumerAttributes: []string{}}
}
