// Package usetelemetry starts spans through the telemetry helpers.
package usetelemetry

import (
	"context"

	"example.com/sc/telemetry"
)

func run(context.Context) {}

// The helper is given the id: judged inside the helper.
func given(ctx context.Context, executionID string) {
	ctx, span := telemetry.Start(ctx, "use.given", executionID)
	defer span.End()
	ctx, span2 := telemetry.StartBare(ctx, "use.bare", executionID)
	defer span2.End()
	run(ctx)
}

// Not given it: the caller must set it.
func notGiven(ctx context.Context, executionID string) {
	ctx, span := telemetry.StartPlain(ctx, "use.plain") // want `span "use.plain" starts without the "execution_id" attribute`
	defer span.End()
	run(ctx)
}

// Set by helpers known by fact.
func tagged(ctx context.Context, executionID string) {
	ctx, span := telemetry.StartPlain(ctx, "use.tagged")
	defer span.End()
	telemetry.Tag(span, executionID)
	run(ctx)
	ctx2, span2 := telemetry.StartPlain(ctx, "use.tagged_ctx")
	defer span2.End()
	telemetry.TagCtx(ctx2, executionID)
}
