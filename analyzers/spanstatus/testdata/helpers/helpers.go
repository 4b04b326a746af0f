// Package helpers marks spans for its callers: the rule learns each
// function by fact.
package helpers

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	codes2 "google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Fail marks the span it is given failed.
func Fail(span trace.Span, err error) error { // want Fail:`marks\[0\] keys\[\]`
	span.RecordError(err)
	span.SetStatus(codes.Error, err.Error())
	return err
}

// FailCtx marks the span of the context it is given failed.
func FailCtx(ctx context.Context, err error) { // want FailCtx:`marks\[0\] keys\[\]`
	if err != nil {
		span := trace.SpanFromContext(ctx)
		span.SetStatus(codes.Error, err.Error())
	}
}

// Wrapped marks through another helper.
func Wrapped(span trace.Span, err error) error { return Fail(span, err) } // want Wrapped:`marks\[0\] keys\[\]`

// Record only records: the span stays successful.
func Record(span trace.Span, err error) {
	span.RecordError(err)
}

// Annotate sets attributes, not the status.
func Annotate(span trace.Span, code string) { // want Annotate:`marks\[\] keys\[\{0 \[error_code\]\}\]`
	span.SetAttributes(attribute.String("error_code", code))
}

// Invalid wraps a client error: an outcome, not a failure.
func Invalid(err error) error { // want Invalid:`client`
	return status.Error(codes2.InvalidArgument, err.Error())
}

// ErrBadInput is a client error too.
var ErrBadInput = status.Error(codes2.InvalidArgument, "bad input") // want ErrBadInput:`client`

// Internal wraps a server failure.
func Internal(err error) error {
	if err == nil {
		return nil
	}
	return status.Error(codes2.Internal, err.Error())
}
