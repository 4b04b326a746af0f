package policy

// SpanStatus configures the spanstatus rule.
type SpanStatus struct {
	Enabled bool `yaml:"enabled" doc:"report error paths that leave the span they hold unmarked"`

	Severity string `yaml:"severity" check:"severity" doc:"error fails the run; warning is reported without failing it"`
	// ErrorCodeKey is an attribute every error path must also set.
	ErrorCodeKey string `yaml:"error_code_key" doc:"span attribute every error path must set besides the status, e.g. error_code (empty: status only)"`
	// StatusHelpers mark the span they are given failed, in code the
	// rule cannot see (another module).
	StatusHelpers []string `yaml:"status_helpers" check:"funcname" doc:"functions that set the error status of the span (or of the context's span) they are given; the module's own are found without listing"`
	// NotFailures are error values that are outcomes, not failures.
	NotFailures []string `yaml:"not_failures" check:"funcname" doc:"error variables that report an outcome, not a failure (returning one is not an error path), e.g. example.com/svc/store.ErrNotFound; context.Canceled, io.EOF and sql.ErrNoRows are known"`
}

func defaultSpanStatus() SpanStatus {
	return SpanStatus{StatusHelpers: []string{}, NotFailures: []string{}}
}
