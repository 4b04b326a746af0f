package policy

// SpanRequired configures the spanrequired rule.
type SpanRequired struct {
	Enabled bool `yaml:"enabled" doc:"report handlers that run without a span"`
	// ExemptRoutes are route patterns that need no span (probes, scrapes).
	ExemptRoutes []string `yaml:"exempt_routes" doc:"routes that need no span: health probes, metrics scrapes, pprof"`
	// Handlers are extra entry points, named by function.
	Handlers []string `yaml:"handlers" doc:"extra entry-point signatures, e.g. 'func(context.Context, example.com/svc/queue.Message) error'"`
	// AssumeTracedRouters are router constructors whose routers are traced by the caller.
	AssumeTracedRouters []string `yaml:"assume_traced_routers" check:"funcname" doc:"router constructors whose routers are traced where they are served"`
}

func defaultSpanRequired() SpanRequired {
	return SpanRequired{
		Enabled:             true,
		ExemptRoutes:        []string{"/health", "/healthz", "/ready", "/readyz", "/live", "/livez", "/metrics", "/debug/pprof/"},
		Handlers:            []string{},
		AssumeTracedRouters: []string{},
	}
}
