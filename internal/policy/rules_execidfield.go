package policy

// ExecIDField configures the execidfield rule.
type ExecIDField struct {
	Enabled bool `yaml:"enabled" doc:"require the correlation field on WARN/ERROR logs"`

	Severity string `yaml:"severity" check:"severity" doc:"error fails the run; warning is reported without failing it"`
	// Levels are the levels that need the field.
	Levels []string `yaml:"levels" check:"level" doc:"levels that must carry the correlation field (debug, info, warn, error, dpanic, panic, fatal)"`
	// Carriers return loggers that already carry the field.
	Carriers []string `yaml:"carriers" check:"funcname" doc:"functions returning a logger that carries the field, e.g. example.com/svc/logging.FromContext"`
	// ContextHandler: the slog handler adds the field from the context.
	ContextHandler bool `yaml:"context_handler" doc:"the team's slog handler adds the field from the context, so slog *Context/Log/LogAttrs calls given a context (not context.Background/TODO) carry it"`
	// SkipStartup: logs in start-up code (outside any execution) are not judged.
	SkipStartup bool `yaml:"skip_startup" doc:"do not judge logs outside any execution: entry points (main, init, a cobra command's Run), functions that start serving or wait for the stop signal, and functions called only from those, closures inside them that take no request or message (explain execidfield says exactly what counts)"`
	// ExcludeFunctions are functions whose logs are outside any execution.
	ExcludeFunctions []string `yaml:"exclude_functions" doc:"functions outside any execution (start-up code), closures inside them included: a plain name matches in every package, pkg/path.Func or (*pkg/path.Type).Method one function"`
}

func defaultExecIDField() ExecIDField {
	return ExecIDField{
		Enabled:          true,
		Levels:           []string{"warn", "error", "dpanic", "panic", "fatal"},
		Carriers:         []string{},
		SkipStartup:      true,
		ExcludeFunctions: []string{"main", "init"},
	}
}
