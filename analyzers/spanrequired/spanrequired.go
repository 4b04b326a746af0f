// Package spanrequired implements the spanrequired rule: report HTTP, gRPC and message handlers that run without a span.
package spanrequired

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/directives"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/report"
	"github.com/obscheck/obscheck/internal/ruledoc"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

// Name is the rule name.
const Name = "spanrequired"

// Analyzer is the spanrequired rule with the default policy source: the
// analyzer's flags, $OBSCHECK_CONFIG or the nearest .obscheck.yaml (go vet,
// golangci-lint, nogo).
var Analyzer = New(nil)

// New returns the spanrequired rule reading each package's policy from src.
func New(src *policy.Source) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: Name,
		Doc: `report HTTP, gRPC and message handlers that run without a span

Every entry point of a service must run inside a span: an HTTP handler
registered with net/http, gin, echo, chi, gorilla/mux, fiber (v2, v3),
grpc-gateway or connect-go; a method of a gRPC service implementation; a
message handler or per-message loop of NATS/JetStream, Kafka (sarama,
kafka-go, franz-go), RabbitMQ (amqp091-go), Watermill, Google Cloud
Pub/Sub or AWS SQS; a function whose signature is listed in
rules.spanrequired.handlers. It starts one itself (tracer.Start, a
policy.span_starters function, or a function of the module that starts
one), or it is covered by tracing middleware where it is registered, on
the router it is registered on, or where that router is served
(otelhttp, otelgin, otelecho, otelmux, otelfiber, otelconnect's
interceptor, Watermill's OpenTelemetry middleware,
policy.tracing_middleware, grpc.StatsHandler(otelgrpc...)). Routers are
followed across packages: a router built in one package is judged where
it is served, and one router's registrations never change the verdict on
another. Routes in rules.spanrequired.exempt_routes (health probes,
metrics, pprof) are exempt.`,
		URL:       "https://github.com/obscheck/obscheck/blob/main/docs/rules.md#spanrequired",
		Requires:  []*analysis.Analyzer{inspect.Analyzer, directives.New(src)},
		Run:       func(pass *analysis.Pass) (any, error) { return run(pass, src) },
		FactTypes: []analysis.Fact{(*startsSpan)(nil), (*wrapsSpan)(nil), (*streams)(nil), (*subscribes)(nil), (*noSpan)(nil), (*router)(nil), (*grpcServer)(nil)},

		ResultType: report.ResultType,
	}
	policy.RegisterFlags(&a.Flags)
	return a
}

// Explain is the long-form documentation.
var Explain = ruledoc.Explain{
	Rationale: `A request or message handled without a span leaves a hole in every trace
that passes through it: the caller's span ends at the network hop, the
handler's logs carry no trace id, and its latency and errors are invisible
in the tracing backend. Debugging production then becomes guesswork. The
rule finds every entry point of the service and requires that it runs in a
span, started by the handler itself or by tracing middleware. Async
consumers must start a span per message, not once around the loop.`,
	Bad:  examples(func(l *traceapi.Lib) string { return l.Bad }),
	Good: examples(func(l *traceapi.Lib) string { return l.Good }),
	Notes: `Handlers: functions, methods, literals and ServeHTTP methods (generic
ones too) registered with net/http (Handle, HandleFunc, http.HandlerFunc,
ListenAndServe, http.Server{Handler}), gin, echo, chi (including Route,
Group, With, Mount), gorilla/mux, fiber v2 and v3 (routes, Group, Route,
Mount) and grpc-gateway (HandlePath); methods of a type passed to a
generated Register<Svc>Server that implement the service interface, and
of the implementation given to a generated connect New<Svc>Handler
(generated code and the embedded Unimplemented<Svc>Server/Handler are never
handlers); services registered on a grpc-gateway runtime.ServeMux by the
generated Register<Svc>Handler* functions (reported at the registration
when the gateway mux is served unwrapped); nats Subscribe/QueueSubscribe
callbacks and ChanSubscribe receive loops, JetStream Consume callbacks and
Messages().Next loops, sarama ConsumeClaim loops over claim.Messages(),
kafka-go ReadMessage/FetchMessage loops, franz-go EachRecord callbacks and
record loops (Records, RecordsAll, RecordIter), RabbitMQ loops receiving
amqp.Delivery values (range or <-), Watermill router handlers
(AddHandler, AddNoPublisherHandler; middleware added to the router or to
the returned *Handler covers them), Pub/Sub Receive callbacks (a client
created with EnableOpenTelemetryTracing traces them), loops over the
Messages of an SQS ReceiveMessage result; and functions whose signature is
in rules.spanrequired.handlers. A function that only hands the request on
(next.ServeHTTP, c.Next) is middleware, not an endpoint. huma and goa
operations are not recognized as handlers: only the net/http router they
are mounted on is judged (wrap it with otelhttp.NewHandler).

A handler starts a span when it (or a function of the module it calls,
known by fact) calls trace.Tracer.Start, a policy.span_starters function,
or anything returning a context together with a span (a team's own Tracer
interface, StartSpan helpers returning (ctx, span, logger)). Consumers
start one per message: inside the loop, not once around it.

Batch consumers: a span started once for a batch covers its messages when
each message's context is linked to it (span.AddLink,
trace.LinkFromContext, trace.WithLinks, trace.Link literals): links count
as coverage. A loop or callback over messages that only does bookkeeping
(metrics, counting, concatenating the messages of a bounded read, acking:
calls into metrics libraries, strings/bytes/strconv/time and the message
client itself) handles no message and is not reported; processing each
message (calling the module's code, a function value, a database...)
inside one unlinked span started before the loop is. The same rules hold
for loops (over Records(), a variable holding them, a channel) and for
callbacks (EachRecord, Subscribe). A loop or callback that hands each
message to a function value (a handler given by its caller: a parameter,
a field; directly or through the package's own functions) dispatches: the
per-message handler is the caller's (a component library's runtime).

Long-lived streams: a handler that hijacks the connection, flushes a
stream or upgrades it (http.Flusher, http.ResponseController, gorilla and
coder WebSocket upgrades, WebTransport; through the module's own wrappers
by fact) serves a WebSocket, SSE or streaming connection, not a request,
and is not reported.

Wrappers: a function that hands the request to a handler it did not
create (a next parameter, a field, a handler captured from outside:
prev := srv.Handler; srv.Handler = http.HandlerFunc(func(w, r) { ...;
prev.ServeHTTP(w, r) })) is middleware. A function of the module that
passes its parameter as the handler of a subscription (a project Bus
around *nats.Conn whose Subscribe(subject, nats.MsgHandler) calls
nc.Subscribe) is a subscription too, and so is the method of a local
interface implemented only by such wrappers (a fact carries it across
packages).

Routers are judged where they are served: a router built in one package
and returned (func Routes() *http.ServeMux) is reported in the package that
serves it unwrapped, at the serve site, with each handler's declaration and
registration as related locations (an //obscheck:ignore spanrequired
directive at the declaration suppresses it there too); a router that is
never served inside the module is not reported. A constructor that wraps
one of its handlers in a span does not make the rest of its router traced.
Routes are shown as the server sees them: a router mounted with
mux.Handle("/admin/", sub) keeps its own patterns, while http.StripPrefix,
chi Mount, fiber Mount, groups and gorilla PathPrefix().Subrouter() prefix
them. rules.spanrequired.assume_traced_routers declares router constructors
as traced. A gRPC service is judged where its server's origin is known:
grpc.NewServer or a function of the module returning the server (traced if
its package installs otelgrpc), including services registered by a
function on its server parameter (judged at the caller).

A suggested fix inserting tracer.Start and defer span.End() is offered when
the package has a variable of type trace.Tracer and the handler's
parameters make the edit compile.`,
}

// examples joins the libraries' examples, each under its name.
func examples(get func(*traceapi.Lib) string) string {
	var b strings.Builder
	for _, l := range traceapi.Libs {
		if ex := get(l); ex != "" {
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "// %s\n%s\n", l.Name, ex)
		}
	}
	return b.String()
}

func run(pass *analysis.Pass, src *policy.Source) (any, error) {
	r, pol, err := report.Begin(pass, Name, src)
	if r == nil {
		return report.Disabled(Name), err
	}
	// The standard library and the libraries of the tables are knowledge,
	// not code under analysis.
	if pass.Pkg == nil || traceapi.Library(pass.Pkg.Path()) {
		return r.Result(), nil
	}
	s := newState(pass, pol)
	s.collect()
	s.localSubscriptions()
	s.solve()
	s.r = r
	s.reported = map[token.Pos]bool{}
	s.reportedExt = map[string]bool{}
	servedParams := s.linkCalls()
	s.reportServes()
	s.reportSubs()
	s.reportLoops()
	s.reportGRPC()
	s.reportEntries()
	s.recordSpans()
	s.exportFacts(servedParams)
	return r.Result(), nil
}
