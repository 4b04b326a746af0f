package zapcase

import (
	"example.com/eid/logging"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

func levels(l *zap.Logger, id string, err error) {
	l.Error("no id", zap.Error(err))  // want `zap ERROR log without the correlation field "execution_id": .* \(l = l.With\(zap.String\("execution_id", id\)\)\)`
	l.Warn("no id")                   // want `zap WARN log without`
	l.DPanic("no id")                 // want `zap DPANIC log without`
	l.Panic("no id")                  // want `zap PANIC log without`
	l.Fatal("no id")                  // want `zap FATAL log without`
	l.Log(zap.ErrorLevel, "no id")    // want `zap ERROR log without`
	l.Log(zapcore.WarnLevel, "no id") // want `zap WARN log without`
	zap.L().Error("no id")            // want `zap ERROR log without`
	l.Info("ok: info")
	l.Debug("ok: debug")
	l.Log(zap.InfoLevel, "ok: info")
}

func fields(l *zap.Logger, id string, fs []zap.Field) {
	l.Error("ok", zap.String("execution_id", id))
	l.Error("ok", zap.String(logging.KeyExecutionID, id))
	l.Warn("ok", zap.Any("execution_id", id))
	l.Warn("ok", zap.Stringer("execution_id", nil))
	l.Warn("ok", zap.Int64("execution_id", 1))
	l.Warn("ok", zapcore.Field{Key: "execution_id", Type: zapcore.StringType, String: id})
	l.Error("ok: fields not visible", fs...)
	l.Error("namespaced key does not count", zap.Namespace("req"), zap.String("execution_id", id)) // want `zap ERROR log without`
	l.Error("wrong key", zap.String("exec", id))                                                   // want `zap ERROR log without`
}

func check(l *zap.Logger, id string) {
	if ce := l.Check(zap.ErrorLevel, "no id"); ce != nil {
		ce.Write(zap.Int("n", 1)) // want `zap ERROR log without`
	}
	if ce := l.Check(zap.ErrorLevel, "ok"); ce != nil {
		ce.Write(zap.String("execution_id", id))
	}
	if ce := l.Check(zap.InfoLevel, "ok: info"); ce != nil {
		ce.Write()
	}
	el := l.With(zap.String("execution_id", id))
	if ce := el.Check(zap.WarnLevel, "ok: derived"); ce != nil {
		ce.Write()
	}
}

func derived(l *zap.Logger, id string) {
	el := l.With(zap.String("execution_id", id))
	el.Error("ok: derived")
	el.Named("sub").Error("ok: named keeps the fields")
	el.Sugar().Errorf("ok: sugar of a derived logger %d", 1)
	l.With(zap.String("execution_id", id)).Warn("ok: chained")
	l.With(zap.String("other", id)).Warn("chained without the key") // want `zap WARN log without`
	lazy := l.WithLazy(zap.String("execution_id", id))
	lazy.Error("ok: WithLazy")
}

func sugar(s *zap.SugaredLogger, id string) {
	s.Errorw("no id", "k", 1)           // want `zap ERROR log without the correlation field "execution_id": .* \(s = s.With\("execution_id", id\)\)`
	s.Errorf("no fields at all %s", id) // want `zap ERROR log without`
	s.Error("no fields at all")         // want `zap ERROR log without`
	s.Warn("no fields at all")          // want `zap WARN log without`
	s.Warnf("no fields at all")         // want `zap WARN log without`
	s.Errorw("ok", "execution_id", id)
	s.Warnw("ok", zap.String("execution_id", id))
	s.Infof("ok: info")
	s.With("execution_id", id).Errorf("ok: derived %d", 1)
	ss := s.With("execution_id", id)
	ss.Error("ok: derived")
	ss.Desugar().Error("ok: desugared")
	s.Logw(zap.ErrorLevel, "no id") // want `zap ERROR log without`
}
