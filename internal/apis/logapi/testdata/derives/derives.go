package derives

import (
	"context"
	"log/slog"

	"example.com/logapitest/keys"
	"github.com/go-logr/logr"
	"github.com/rs/zerolog"
	zlog "github.com/rs/zerolog/log"
	"github.com/sirupsen/logrus"
	"go.uber.org/zap"
	"k8s.io/klog/v2"
)

var (
	ctx = context.Background()
	id  = "e1"
)

func derive(sl *slog.Logger, z *zap.Logger, s *zap.SugaredLogger, zl zerolog.Logger, lr *logrus.Logger, e *logrus.Entry, l logr.Logger, fs logrus.Fields) {
	_ = sl.With("execution_id", id, slog.Int("n", 1))          // want `derive slog base=sl fields=\[execution_id n\]`
	_ = slog.With(keys.ExecutionID, id)                        // want `derive slog base=- fields=\[execution_id\]`
	_ = sl.WithGroup("g")                                      // want `derive slog base=sl fields=\[\] group=g`
	_ = z.With(zap.String("execution_id", id))                 // want `derive zap base=z fields=\[execution_id\]`
	_ = z.Named("n")                                           // want `derive zap base=z fields=\[\]`
	_ = s.With("execution_id", id)                             // want `derive zap base=s fields=\[execution_id\]`
	_ = zl.With().Str("execution_id", id).Int("n", 1).Logger() // want `derive zerolog base=zl fields=\[execution_id n\]`
	_ = zlog.With().Str("a", "b").Logger()                     // want `derive zerolog base=- fields=\[a\]`
	_ = zl.Level(zerolog.WarnLevel)                            // want `derive zerolog base=zl fields=\[\]`
	_ = lr.WithField("execution_id", id)                       // want `derive logrus base=lr fields=\[execution_id\]`
	_ = e.WithFields(fs)                                       // want `derive logrus base=e fields=\[\?\]`
	_ = logrus.WithContext(ctx)                                // want `derive logrus base=- fields=\[\] ctx`
	_ = l.WithValues("execution_id", id)                       // want `derive logr base=l fields=\[execution_id\]`
	_ = klog.LoggerWithValues(l, "a", 1)                       // want `derive klog base=l fields=\[a\]`
	_ = sl.Handler()
}
