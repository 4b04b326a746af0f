package spancorrelation

import "github.com/obscheck/obscheck/internal/ruledoc"

// Explain is the long-form documentation.
var Explain = ruledoc.Explain{
	Rationale: `NoETL's rule: "execution_id ... IS a span attribute for exemplar correlation", and
"Tracing spans: execution_id as a span field". The trace id joins spans to each other; the
correlation id joins a trace to everything else about the execution: its logs, its events,
the exemplars on its metrics, the other traces of the same execution (retries, the worker's
processing of what the API accepted). A span started where the id is right there, as a
parameter, a field of the command or a header just read, but without it, is the one span
nobody can find from the execution.

The rule asks only where the value is in scope: a span started with no correlation value at
hand is not a finding (getting the id onto the wire is execidfield's and the producers'
business, not this rule's).`,
	Bad: `func (w *Worker) Handle(ctx context.Context, cmd Command) error {
	ctx, span := tracer.Start(ctx, "worker.handle") // cmd.ExecutionID is right here
	defer span.End()
	return w.run(ctx, cmd)
}`,
	Good: `func (w *Worker) Handle(ctx context.Context, cmd Command) error {
	ctx, span := tracer.Start(ctx, "worker.handle",
		trace.WithAttributes(attribute.String("execution_id", cmd.ExecutionID)))
	defer span.End()
	return w.run(ctx, cmd)
}`,
	Notes: `In scope at the start: parameters, receivers and local variables of the function (and of
the functions around a closure) declared before the start, or in the start's own block;
their fields up to two levels deep (a receiver's own fields only: deeper ones are a long-lived
object's configuration); and reads of the key in the function from an HTTP header
(r.Header.Get("X-Execution-Id")), a query or path parameter (net/http, gin, echo, chi), NATS
headers or gRPC metadata. Names match the key folded: execution_id, executionID,
ExecutionId, X-Execution-ID; a field also matches by any struct tag (json:"execution_id").
Only id-like values count: strings, integers, byte arrays such as UUIDs, and types with a
String method; slices of ids (a batch) do not.

The span gets the key when the start has trace.WithAttributes with it, SetAttributes on the
span (or on trace.SpanFromContext of its context) sets it anywhere in the function, or the
span is given to a function of the module that sets it (known by fact across packages, also
for the span of a context parameter). Options or attributes the rule cannot read (a spread
slice, a computed key, code of another module given the span) are given the benefit of the
doubt. A span started by a helper of the module that is given the value is judged inside
the helper, where the attribute belongs; a helper that sets it at the start covers its
callers.

rules.spancorrelation.consumer_attributes lists keys every message-consumer span must carry
whether or not a value is in scope (the platform trace gate: correlation_id, event.type,
event.id, messaging.destination.name). A consumer span is one started with
trace.WithSpanKind(trace.SpanKindConsumer) or in a function receiving a NATS, JetStream,
sarama, kafka-go or franz-go message. Default: none.

On by default: the default NoETL policy asks for execution_id on spans.`,
}
