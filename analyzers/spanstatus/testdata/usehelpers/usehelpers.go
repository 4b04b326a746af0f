// Package usehelpers marks its spans through the helpers package.
package usehelpers

import (
	"context"
	"errors"
	"io"

	"example.com/ss/errs"
	"example.com/ss/helpers"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("usehelpers")

func work(context.Context) error { return nil }

var errBad = errors.New("bad")

func viaFail(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "use.fail")
	defer span.End()
	if err := work(ctx); err != nil {
		return helpers.Fail(span, err)
	}
	return nil
}

func viaCtx(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "use.ctx")
	defer span.End()
	if err := work(ctx); err != nil {
		helpers.FailCtx(ctx, err)
		return err
	}
	return nil
}

func viaWrapped(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "use.wrapped")
	defer span.End()
	if err := work(ctx); err != nil {
		return helpers.Wrapped(span, err)
	}
	return nil
}

func viaRecord(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "use.record")
	defer span.End()
	if err := work(ctx); err != nil {
		helpers.Record(span, err)
		return errBad // want `error path leaves span "use.record" unmarked`
	}
	return nil
}

// A local helper, learnt in the same pass.
func viaLocal(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "use.local")
	defer span.End()
	if err := work(ctx); err != nil {
		return local(span, err)
	}
	return nil
}

func local(span trace.Span, err error) error { // want local:`marks\[0\] keys\[\]`
	return helpers.Wrapped(span, err)
}

// The deferred helper covers every return after it.
func viaDeferred(ctx context.Context) (err error) {
	ctx, span := tracer.Start(ctx, "use.deferred")
	defer span.End()
	defer func() { helpers.FailCtx(ctx, err) }()
	return work(ctx)
}

// Outcomes are not failures: a client error through a wrapper or a
// variable of the helpers package, the context's own error, io.EOF.
func outcomes(ctx context.Context, n int) error {
	ctx, span := tracer.Start(ctx, "use.outcomes")
	defer span.End()
	switch n {
	case 0:
		return helpers.Invalid(errBad)
	case 1:
		return helpers.ErrBadInput
	case 2:
		return ctx.Err()
	case 3:
		return io.EOF
	case 4:
		return helpers.Internal(errBad) // want `error path leaves span "use.outcomes" unmarked`
	case 5:
		return errs.Twice(errBad)
	case 6:
		return errs.ErrQuota // want `error path leaves span "use.outcomes" unmarked`
	}
	return nil
}
