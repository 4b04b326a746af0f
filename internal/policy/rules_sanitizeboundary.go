package policy

// SanitizeBoundary configures the sanitizeboundary rule.
type SanitizeBoundary struct {
	Enabled bool `yaml:"enabled" doc:"report sensitive values reaching logs, spans and labels unsanitized"`
	// ExtraKeys are sensitive keys besides policy.sensitive_keys.
	ExtraKeys []string `yaml:"extra_keys" doc:"sensitive keys besides policy.sensitive_keys"`
	// Marker is what sanitizers must put in place of a sensitive value.
	Marker string `yaml:"marker" check:"nonempty" doc:"the redaction marker sanitizers must write"`
	// Sources are extra functions whose results are sensitive.
	Sources []string `yaml:"sources" check:"funcname" doc:"extra functions whose results are sensitive"`
	// AllowTypes are types that are safe to log whole.
	AllowTypes []string `yaml:"allow_types" doc:"types safe to log whole, as pkg/path.Type"`
}

func defaultSanitizeBoundary() SanitizeBoundary {
	return SanitizeBoundary{Enabled: true, ExtraKeys: []string{}, Marker: "[REDACTED]", Sources: []string{}, AllowTypes: []string{}}
}
