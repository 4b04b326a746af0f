// Package fix: suggested fixes insert SetStatus before returns of a plain
// error variable.
package fix

import (
	"context"

	"go.opentelemetry.io/otel"
)

var tracer = otel.Tracer("fix")

func work(context.Context) error { return nil }

func a(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "fix.a")
	defer span.End()
	if err := work(ctx); err != nil {
		span.RecordError(err)
		return err // want `error path leaves span "fix.a" unmarked`
	}
	err := work(ctx)
	if err != nil {
		return err // want `error path leaves span "fix.a" unmarked`
	}
	return work(ctx) // want `error path leaves span "fix.a" unmarked`
}

// The span variable is shadowed at the return: no fix.
func shadowed(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "fix.shadowed")
	defer span.End()
	if err := work(ctx); err != nil {
		span := 1
		_ = span
		return err // want `error path leaves span "fix.shadowed" unmarked`
	}
	return nil
}
