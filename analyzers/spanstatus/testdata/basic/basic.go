// Package basic holds spans started in the function and the error paths
// that must mark them.
package basic

import (
	"context"
	"errors"
	"io"
	"net/http"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("basic")

func work(context.Context) error { return nil }

// RecordError alone adds an event: the span still reads as a success.
func recordOnly(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "basic.record_only")
	defer span.End()
	err := work(ctx)
	if err != nil {
		span.RecordError(err)
		return wrap(err) // want `error path leaves span "basic.record_only" unmarked`
	}
	return nil
}

func wrap(err error) error { return errors.Join(errors.New("wrapped"), err) }

// Status set on the error path: fine.
func marked(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "basic.marked")
	defer span.End()
	if err := work(ctx); err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, err.Error())
		return err
	}
	return nil
}

// A status code that is not codes.Error does not mark it.
func markedOK(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "basic.marked_ok")
	defer span.End()
	if err := work(ctx); err != nil {
		span.SetStatus(codes.Ok, "")
		return wrap(err) // want `error path leaves span "basic.marked_ok" unmarked`
	}
	return nil
}

// return err may return a failure: the span must be marked first.
func passThrough(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "basic.pass_through")
	defer span.End()
	return work(ctx) // want `error path leaves span "basic.pass_through" unmarked`
}

// err is known nil after the error branch returned: not an error path.
func nilAfterCheck(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "basic.nil_after_check")
	defer span.End()
	err := work(ctx)
	if err != nil {
		span.SetStatus(codes.Error, err.Error())
		return err
	}
	return err
}

// err == nil branches are followed too.
func eqNil(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "basic.eq_nil")
	defer span.End()
	err := work(ctx)
	if err == nil {
		return err
	}
	span.SetStatus(codes.Error, "failed")
	return err
}

// A deferred closure setting the status from the named result covers
// every return after it.
func deferred(ctx context.Context) (err error) {
	ctx, span := tracer.Start(ctx, "basic.deferred")
	defer func() {
		if err != nil {
			span.SetStatus(codes.Error, err.Error())
		}
		span.End()
	}()
	if err = work(ctx); err != nil {
		return err
	}
	return io.EOF
}

// A return before the deferred closure is registered is not covered.
func deferredLate(ctx context.Context) (err error) {
	if ctx == nil {
		return errors.New("no context")
	}
	ctx, span := tracer.Start(ctx, "basic.deferred_late")
	if err := work(ctx); err != nil {
		return wrap(err) // want `error path leaves span "basic.deferred_late" unmarked`
	}
	defer func() {
		if err != nil {
			span.SetStatus(codes.Error, err.Error())
		}
		span.End()
	}()
	return work(ctx)
}

// Bare returns of a named result still nil are not error paths.
func bareNil(ctx context.Context) (n int, err error) {
	_, span := tracer.Start(ctx, "basic.bare_nil")
	defer span.End()
	if ctx.Err() != nil {
		return
	}
	n = 1
	err = work(ctx)
	return // want `error path leaves span "basic.bare_nil" unmarked`
}

// After an explicit End the span's operation is over.
func endedBefore(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "basic.ended_before")
	err := work(ctx)
	span.End()
	if err != nil {
		return err
	}
	return nil
}

// Returning the span hands it to the caller, which answers for it.
func handedBack(ctx context.Context) (context.Context, trace.Span, error) {
	ctx, span := tracer.Start(ctx, "basic.handed_back")
	if err := work(ctx); err != nil {
		return ctx, span, err
	}
	return ctx, span, nil
}

type job struct{ span trace.Span }

// Storing the span hands it over too.
func stored(ctx context.Context, j *job) error {
	ctx, span := tracer.Start(ctx, "basic.stored")
	j.span = span
	return work(ctx)
}

// A goroutine that ends the span owns it.
func async(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "basic.async")
	go func() {
		defer span.End()
		_ = work(ctx)
	}()
	return work(ctx)
}

// A cleanup closure returned to the caller takes the span with it.
func cleanup(ctx context.Context) (func(), error) {
	ctx, span := tracer.Start(ctx, "basic.cleanup")
	done := func() { span.End() }
	if err := work(ctx); err != nil {
		return done, err
	}
	return done, nil
}

// The span of the context the start returned is the same span.
func fromContext(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "basic.from_context")
	defer span.End()
	if err := work(ctx); err != nil {
		trace.SpanFromContext(ctx).SetStatus(codes.Error, err.Error())
		return err
	}
	return nil
}

// A span the function did not start is not judged: here the otelhttp
// server span, whose status the middleware sets from the response.
func serverSpan(w http.ResponseWriter, r *http.Request) {
	span := trace.SpanFromContext(r.Context())
	if err := work(r.Context()); err != nil {
		span.RecordError(err)
		http.Error(w, "internal", http.StatusInternalServerError)
		return
	}
}

// A 5xx response under a span the handler started must mark it.
func handler(w http.ResponseWriter, r *http.Request) {
	ctx, span := tracer.Start(r.Context(), "basic.handler")
	defer span.End()
	if r.URL.Query().Get("id") == "" {
		http.Error(w, "id required", http.StatusBadRequest) // a client error: not a failure
		return
	}
	if err := work(ctx); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError) // want `5xx response leaves span "basic.handler" unmarked`
		return
	}
	if err := work(ctx); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		span.SetStatus(codes.Error, err.Error()) // marked after the write: fine
		return
	}
	w.WriteHeader(http.StatusOK)
}

// Span parameters the function ends are its responsibility.
func finish(span trace.Span, ctx context.Context) error {
	defer span.End()
	return work(ctx) // want `error path leaves the span (held|handed) in (as )?span unmarked`
}

// A discarded span cannot be marked: spancheck's business, not this rule's.
func discarded(ctx context.Context) error {
	ctx, _ = tracer.Start(ctx, "basic.discarded")
	return work(ctx)
}

// Per-iteration spans in a loop, each marked or not.
func loop(ctx context.Context, items []string) error {
	for _, it := range items {
		ictx, span := tracer.Start(ctx, it)
		if err := work(ictx); err != nil {
			span.End()
			return err
		}
		if err := work(ictx); err != nil {
			return wrap(err) // want `error path leaves the span (held|handed) in (as )?span unmarked`
		}
		span.End()
	}
	return nil
}

// A failing process never returns.
func fatal(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "basic.fatal")
	defer span.End()
	if err := work(ctx); err != nil {
		panic(err)
	}
	return nil
}

var errCanceled = errors.New("canceled")

// A branch that found the error to be a cancellation returns an outcome,
// whatever error value it returns.
func cancelled(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "basic.cancelled")
	defer span.End()
	err := work(ctx)
	switch {
	case errors.Is(err, context.Canceled):
		return errCanceled
	case err != nil:
		return wrap(err) // want `error path leaves span "basic.cancelled" unmarked`
	}
	if errors.Is(err, io.EOF) {
		return nil
	}
	return nil
}

// A deferred closure that only ends the span (and sets attributes) marks
// nothing: its End is at the exit, not before the returns.
func deferredEnd(ctx context.Context) (n int, err error) {
	ctx, span := tracer.Start(ctx, "basic.deferred_end")
	defer func() {
		span.SetAttributes()
		span.End()
	}()
	if ctx.Value("depth") != nil {
		return 0, errCanceled // want `error path leaves span "basic.deferred_end" unmarked`
	}
	return 1, nil
}
