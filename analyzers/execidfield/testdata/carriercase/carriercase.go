package carriercase

import (
	"context"
	"log/slog"

	"example.com/eid/logging"
)

func carriers(ctx context.Context, l *slog.Logger) {
	logging.FromContext(ctx).Error("ok: configured carrier")
	fl := logging.FromContext(ctx)
	fl.Warn("ok: local from a configured carrier")
	logging.Plain().Error("not a carrier") // want `slog ERROR log without the correlation field any of "execution_id", "exec_id"`
}

func contextHandler(ctx context.Context, l *slog.Logger) {
	l.ErrorContext(ctx, "ok: the handler adds the id from the context")
	slog.WarnContext(ctx, "ok: package function too")
	l.Log(ctx, slog.LevelError, "ok: Log passes the context")
	l.ErrorContext(context.Background(), "an empty context carries nothing") // want `slog ERROR log without`
	l.ErrorContext(nil, "no context")                                        // want `slog ERROR log without`
	l.Error("no context")                                                    // want `slog ERROR log without`
}

func otherKey(l *slog.Logger, id string) {
	l.Error("ok: a second correlation key", "exec_id", id)
}

func run(l *slog.Logger) {
	l.Error("ok: excluded by its full name")
}

func levels(l *slog.Logger) {
	l.Warn("ok: only error and above are configured")
}

type svc struct{ l *slog.Logger }

func (s *svc) start() {
	s.l.Error("ok: excluded by its method name")
}

func (s *svc) stop() {
	s.l.Error("not excluded") // want `slog ERROR log without`
}
