package spanstatus

import "github.com/obscheck/obscheck/internal/ruledoc"

// Explain is the long-form documentation.
var Explain = ruledoc.Explain{
	Rationale: `A span whose operation failed but whose status was never set is shown as a success:
error-rate views, tail-based sampling that keeps failed traces, and the red span someone
looks for during an incident all miss it. The trace gate asks every error path to set the
span's error status (and, where a catalog of error codes exists, an error_code attribute)
before the error leaves the function. OpenTelemetry's own guidance is that SetStatus is
what marks failure: span.RecordError only adds an exception event, so it does not satisfy
the rule.

The rule is path-sensitive: it follows each path from the span's start to a return that
may carry a non-nil error (or to a 5xx response) and asks for a status on every one. It is
built to be quiet where a span's failure is already recorded or is not the function's
business, which is where a simpler check (golangci-lint's spancheck set-status) reports.`,
	Bad: `func (s *Store) Get(ctx context.Context, id string) (*Order, error) {
	ctx, span := tracer.Start(ctx, "store.get")
	defer span.End()
	o, err := s.db.Get(ctx, id)
	if err != nil {
		span.RecordError(err) // an event; the span stays "Unset"
		return nil, err       // error path leaves span "store.get" unmarked
	}
	return o, nil
}`,
	Good: `func (s *Store) Get(ctx context.Context, id string) (o *Order, err error) {
	ctx, span := tracer.Start(ctx, "store.get")
	defer func() {
		if err != nil {
			span.SetStatus(codes.Error, err.Error())
		}
		span.End()
	}()
	return s.db.Get(ctx, id)
}

// or, per path, directly or through a helper the rule learns by fact:
func fail(span trace.Span, err error) error {
	span.RecordError(err)
	span.SetStatus(codes.Error, err.Error())
	return err
}`,
	Notes: `What counts as marking the span, on every path from its start to the exit:
- span.SetStatus(codes.Error, ...) (or a status code that is not a constant), also through
  trace.SpanFromContext(ctx) of the context the start returned;
- a deferred closure (or deferred call) that does so, typically from a named error result;
- a call to a function of the module that sets the error status of the span it is given,
  or of the span of the context it is given (found by fact, across packages, through
  helpers of helpers), or to a rules.spanstatus.status_helpers function;
- handing the span to code of another module the tables do not describe (the rule cannot
  see what it does; given the benefit of the doubt).

Error exits: a return whose error result may be non-nil (a variable is followed through
err != nil / err == nil branches, so "return err" after "if err != nil { return ... }" is
not one), and a constant 5xx written with http.Error, ResponseWriter.WriteHeader, gin's
and echo's responders. Not error exits, because they report an outcome rather than a
failure: gRPC status errors with a constant code that is not a server failure (Canceled,
InvalidArgument, NotFound, AlreadyExists, PermissionDenied, ResourceExhausted,
FailedPrecondition, Aborted, OutOfRange, Unauthenticated, and non-standard codes:
OpenTelemetry leaves such server spans unset), echo.NewHTTPError and gin/echo responses
below 500, ctx.Err() and context.Cause (the caller cancelled or gave up), context.Canceled,
io.EOF and sql.ErrNoRows (as OpenTelemetry's database instrumentations treat "no rows"),
the variables of rules.spanstatus.not_failures (a store's ErrNotFound), and functions and
package variables of the module that only ever give such errors (a ValidationError(err)
wrapper of status.Error(codes.InvalidArgument, ...), known by fact), and whatever a branch
returns after errors.Is(err, context.Canceled) (or another of those outcomes) held. Nor is
anything after
an explicit span.End() (the span's operation is over).

Spans judged: those the function starts (trace.Tracer.Start, policy.span_starters, any
call returning a context and a trace.Span) and span parameters it ends. Not judged: spans
handed to another owner (returned, stored in a field, slice or map, sent on a channel,
captured by a goroutine or by a closure that ends them and is not deferred, or whose
context is returned when the function never ends the span itself), and spans the function
did not start, such as the otelhttp or otelgrpc server span a handler reads with
trace.SpanFromContext: the middleware sets that status from the response code.

With rules.spanstatus.error_code_key set (the platform trace gate calls it error_code),
every error path must also set that attribute (SetAttributes, or RecordError with
trace.WithAttributes, or a helper known by fact); a finding then says which is missing.

A suggested fix inserts span.SetStatus(codes.Error, err.Error()) before a return of a
plain error variable known non-nil there (importing go.opentelemetry.io/otel/codes, as
otelcodes if codes is taken, e.g. by gRPC's codes package).

Off by default: the default NoETL policy asks for spans and the execution id on them, not
for error status; the platform trace gate (rule 5) does. Turn it on with
rules.spanstatus.enabled: true.`,
}
