package policy

// OtelInit configures the otelinit rule.
type OtelInit struct {
	Enabled bool `yaml:"enabled" doc:"report service binaries whose main never initializes OpenTelemetry"`

	Severity string `yaml:"severity" check:"severity" doc:"error fails the run; warning is reported without failing it"`
	// Binaries are the main packages the rule checks, by directory.
	Binaries []string `yaml:"binaries" check:"glob" doc:"directories of the main packages that must initialize OpenTelemetry, globs relative to the module root"`
	// Exempt are binaries that need not initialize it (edge agents).
	Exempt []string `yaml:"exempt" check:"glob" doc:"directories of binaries exempt from the rule (documented edge agents), globs relative to the module root"`
}

func defaultOtelInit() OtelInit {
	return OtelInit{Binaries: []string{"cmd/**"}, Exempt: []string{}}
}
