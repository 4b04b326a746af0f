package policy

// SpanRequired configures the spanrequired rule.
type SpanRequired struct {
	Enabled bool `yaml:"enabled" doc:"report HTTP, gRPC and message handlers that run without a span"`

	Severity string `yaml:"severity" check:"severity" doc:"error fails the run; warning is reported without failing it"`
	// ExemptRoutes are route patterns that need no span (probes, scrapes).
	// A route is exempt when its path (the method of a Go 1.22 pattern is
	// ignored) equals one of them or ends with one of them, or when the
	// pattern ends in '/' and the path lies under it.
	ExemptRoutes []string `yaml:"exempt_routes" doc:"routes that need no span: health probes, metrics scrapes, pprof (exact path, path suffix, or prefix when ending in '/')"`
	// Handlers are extra entry points, named by signature: parameter and
	// result types fully qualified, no parameter names.
	Handlers []string `yaml:"handlers" check:"signature" doc:"extra entry points by signature, types fully qualified, no names, e.g. 'func(context.Context, example.com/svc/queue.Message) error'"`
	// AssumeTracedRouters are router constructors whose routers are traced
	// by the caller (in code the rule cannot follow).
	AssumeTracedRouters []string `yaml:"assume_traced_routers" check:"funcname" doc:"functions returning routers that are traced where they are served; their handlers are not reported"`
}

func defaultSpanRequired() SpanRequired {
	return SpanRequired{
		Enabled:             true,
		ExemptRoutes:        []string{"/health", "/healthz", "/ready", "/readyz", "/live", "/livez", "/metrics", "/debug/pprof/"},
		Handlers:            []string{},
		AssumeTracedRouters: []string{},
	}
}
