package policy

// SanitizeBoundary configures the sanitizeboundary rule. The sensitive keys
// themselves are policy.sensitive_keys and the sanitizers policy.sanitizers
// (besides every function named Sanitize*, Redact*, Mask*).
type SanitizeBoundary struct {
	Enabled bool `yaml:"enabled" doc:"report sensitive values reaching logs, spans and labels unsanitized"`

	Severity string `yaml:"severity" check:"severity" doc:"error fails the run; warning is reported without failing it"`
	// ExtraKeys are sensitive keys besides policy.sensitive_keys.
	ExtraKeys []string `yaml:"extra_keys" doc:"sensitive keys besides policy.sensitive_keys, compared case- and separator-insensitively (e.g. ssn, card_number)"`
	// Marker is what sanitizers must put in place of a sensitive value.
	Marker string `yaml:"marker" check:"nonempty" doc:"the redaction marker sanitizers must write in place of a sensitive value (never omit it)"`
	// Sources are extra functions whose results are sensitive.
	Sources []string `yaml:"sources" check:"funcname" doc:"functions whose results are sensitive, e.g. (*example.com/svc/vault.Client).Get"`
	// AllowTypes are types that are safe to log whole.
	AllowTypes []string `yaml:"allow_types" doc:"types safe to log whole (never searched for sensitive fields), as pkg/path.Type"`
}

func defaultSanitizeBoundary() SanitizeBoundary {
	return SanitizeBoundary{Enabled: true, ExtraKeys: []string{}, Marker: "[REDACTED]", Sources: []string{}, AllowTypes: []string{}}
}
