// Package errcode runs with rules.spanstatus.error_code_key: error_code.
package errcode

import (
	"context"
	"errors"

	"example.com/ss/helpers"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("errcode")

func work(context.Context) error { return nil }

var errBad = errors.New("bad")

func both(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "errcode.both")
	defer span.End()
	if err := work(ctx); err != nil {
		span.SetStatus(codes.Error, err.Error())
		span.SetAttributes(attribute.String("error_code", "E_WORK"))
		return err
	}
	return nil
}

func statusOnly(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "errcode.status_only")
	defer span.End()
	if err := work(ctx); err != nil {
		span.SetStatus(codes.Error, err.Error())
		return err // want `error path marks span "errcode.status_only" failed but does not set its "error_code" attribute`
	}
	return nil
}

func neither(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "errcode.neither")
	defer span.End()
	return work(ctx) // want `error path leaves span "errcode.neither" unmarked: the trace shows the failed operation as successful and without its error code`
}

// The code as an event attribute of RecordError, and a helper by fact.
func viaEvent(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "errcode.event")
	defer span.End()
	if err := work(ctx); err != nil {
		span.RecordError(err, trace.WithAttributes(attribute.String("error_code", "E_EVENT")))
		return helpers.Fail(span, err)
	}
	if err := work(ctx); err != nil {
		helpers.Annotate(span, "E_HELPER")
		return helpers.Fail(span, err)
	}
	return nil
}

// external stands for a helper in another module, named in
// rules.spanstatus.status_helpers (here a local function, to keep the
// test in one module).
func external(ctx context.Context, err error) {}

func viaPolicyHelper(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "errcode.policy_helper")
	defer span.End()
	if err := work(ctx); err != nil {
		external(ctx, err)
		return errBad
	}
	return nil
}

// ErrNotFound is an outcome (rules.spanstatus.not_failures).
var ErrNotFound = errors.New("not found")

func lookup(ctx context.Context, id string) error { // want lookup:`client`
	ctx, span := tracer.Start(ctx, "errcode.lookup")
	defer span.End()
	if id == "" {
		return ErrNotFound
	}
	return nil
}
