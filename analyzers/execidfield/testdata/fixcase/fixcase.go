package fixcase

import (
	"context"
	"log/slog"

	"github.com/go-logr/logr"
	"github.com/rs/zerolog"
	"github.com/sirupsen/logrus"
	"go.uber.org/zap"
	"k8s.io/klog/v2"
)

type Command struct{ ExecutionID string }

type ExecID int64

func slogFix(ctx context.Context, l *slog.Logger, executionID string) {
	l.Error("failed", "err", nil)             // want `slog ERROR log without`
	l.ErrorContext(ctx, "failed")             // want `slog ERROR log without`
	l.LogAttrs(ctx, slog.LevelWarn, "failed") // want `slog WARN log without`
	l.Error(                                  // want `slog ERROR log without`
		"multi-line",
		"n", 1,
	)
}

func zapFix(l *zap.Logger, s *zap.SugaredLogger, cmd Command, execID ExecID) {
	l.Error("failed")                // want `zap ERROR log without`
	s.Errorw("failed", "n", 1)       // want `zap ERROR log without`
	s.Errorf("failed %d: no fix", 1) // want `zap ERROR log without`
	if ce := l.Check(zap.ErrorLevel, "failed"); ce != nil {
		ce.Write() // want `zap ERROR log without`
	}
}

func zapField(l *zap.Logger, cmd Command) {
	l.Warn("failed", zap.Int("n", 1)) // want `zap WARN log without`
}

func zerologFix(l zerolog.Logger, cmd *Command) {
	l.Error().Int("n", 1).Msg("failed") // want `zerolog ERROR log without`
	ev := l.Warn()
	ev.Msg("failed: no fix through a variable") // want `zerolog WARN log without`
}

func zerologAny(l zerolog.Logger, execID ExecID) {
	l.Error().Msg("failed") // want `zerolog ERROR log without`
}

func logrusFix(l *logrus.Logger, executionID string) {
	l.Errorf("failed %d", 1)            // want `logrus ERROR log without`
	logrus.Warn("failed")               // want `logrus WARN log without`
	l.WithField("n", 1).Error("failed") // want `logrus ERROR log without`
}

func logrFix(l logr.Logger, err error, execID string) {
	l.Error(err, "failed")     // want `logr ERROR log without`
	klog.ErrorS(err, "failed") // want `klog ERROR log without`
}

func noID(l *slog.Logger) {
	l.Error("failed: no id in scope, no fix") // want `slog ERROR log without`
}

func lateID(l *slog.Logger) {
	l.Error("failed: the id is declared after, no fix") // want `slog ERROR log without`
	executionID := "x"
	_ = executionID
}
