package fix

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// codes is gRPC's here: the fix imports OpenTelemetry's as otelcodes.
func b(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "fix.b")
	defer span.End()
	if err := work(ctx); err != nil {
		return err // want `error path leaves span "fix.b" unmarked`
	}
	return status.Error(codes.NotFound, "none")
}
