package otelinit

import "github.com/obscheck/obscheck/internal/ruledoc"

// Explain is the long-form documentation.
var Explain = ruledoc.Explain{
	Rationale: `Spans, metrics and logs written through OpenTelemetry's API go to a no-op provider until
the process installs a real one. A service binary that never does still compiles, starts and
serves; every span its handlers start is dropped, the traces of its callers end at its door,
and nothing says so until someone needs the trace. The platform trace gate's first rule is
that every runtime binary under cmd/ (documented edge agents excepted) initializes
OpenTelemetry through the team's setup function. The rule checks the binaries that are
services, those that serve requests or consume messages, where the gap matters.`,
	Bad: `// cmd/api/main.go
func main() { // binary serves HTTP but never initializes OpenTelemetry
	srv := api.NewServer(cfg)
	log.Fatal(http.ListenAndServe(":8080", otelhttp.NewHandler(srv, "api")))
}`,
	Good: `// cmd/api/main.go
func main() {
	shutdown := middleware.SetupOTel(ctx, "api") // policy.otel_setup, or otel.SetTracerProvider(...)
	defer shutdown(ctx)
	srv := api.NewServer(cfg)
	log.Fatal(http.ListenAndServe(":8080", otelhttp.NewHandler(srv, "api")))
}`,
	Notes: `The path from main is everything main refers to, called or not (a function handed to a
command framework or a goroutine runs too), through functions, methods and closures of the
module, across packages by fact; a call through an interface may run any method of that name
of the package's types implementing it, and a value of a type of the module made on the path
(a composite literal, new(T)) makes all its methods reachable: a plugin registered at
initialization and provisioned by the host through an interface (caddy's modules) counts.
Creating an SDK provider (sdktrace.NewTracerProvider, sdkmetric.NewMeterProvider) counts as
initializing even when it is not installed globally. Package initialization counts: init functions and
package variable initializers of the main package and of every package of the module it
imports. Code of other modules is not followed: name the team's setup function in
policy.otel_setup when it lives in another module (or to make the rule independent of how it
works).

Entry points: http.ListenAndServe[TLS], http.Serve[TLS], (*http.Server).ListenAndServe[TLS] and
Serve[TLS], gin's Run*, echo's Start*, (*grpc.Server).Serve, NATS and JetStream subscriptions
and consumers, sarama consumer groups, kafka-go readers, franz-go polls. A binary with none of
them (a migration tool, a CLI) is not checked. Binaries are main packages whose directory,
relative to the module root, matches rules.otelinit.binaries (cmd/** by default; "." is the
module root), and not rules.otelinit.exempt. otel.SetTextMapPropagator alone does not count:
it installs no provider.

Off by default: the default NoETL policy does not ask for it; the platform trace gate (rule 1)
does. Turn it on with rules.otelinit.enabled: true.`,
}
