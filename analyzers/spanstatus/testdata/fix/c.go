package fix

import (
	"context"

	"go.opentelemetry.io/otel/codes"
)

// codes is already imported.
func c(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "fix.c")
	defer span.End()
	if err := work(ctx); err != nil {
		return err // want `error path leaves span "fix.c" unmarked`
	}
	span.SetStatus(codes.Unset, "")
	return nil
}
