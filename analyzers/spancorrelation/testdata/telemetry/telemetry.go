// Package telemetry has the service's span helpers.
package telemetry

import (
	"context"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("telemetry")

// Start starts a span carrying the execution id.
func Start(ctx context.Context, name, executionID string) (context.Context, trace.Span) { // want Start:`start\[execution_id\] params\[\]`
	return tracer.Start(ctx, name, trace.WithAttributes(attribute.String("execution_id", executionID)))
}

// StartBare starts a span and forgets the id it is given.
func StartBare(ctx context.Context, name, executionID string) (context.Context, trace.Span) {
	ctx, span := tracer.Start(ctx, name) // want `a span starts without the "execution_id" attribute although executionID holds it`
	return ctx, span
}

// StartPlain takes no id.
func StartPlain(ctx context.Context, name string) (context.Context, trace.Span) {
	return tracer.Start(ctx, name)
}

// Tag sets the id on the span it is given.
func Tag(span trace.Span, executionID string) { // want Tag:`start\[\] params\[\{0 \[execution_id\]\}\]`
	span.SetAttributes(attribute.String("execution_id", executionID))
}

// TagCtx sets it on the context's span.
func TagCtx(ctx context.Context, executionID string) { // want TagCtx:`start\[\] params\[\{0 \[execution_id\]\}\]`
	trace.SpanFromContext(ctx).SetAttributes(attribute.String("execution_id", executionID))
}
