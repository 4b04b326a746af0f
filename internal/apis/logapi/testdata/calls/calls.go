package calls

import (
	"context"
	"errors"
	stdlog "log"
	"log/slog"

	"example.com/logapitest/keys"
	"github.com/go-logr/logr"
	"github.com/rs/zerolog"
	zlog "github.com/rs/zerolog/log"
	"github.com/sirupsen/logrus"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"k8s.io/klog/v2"
)

var (
	ctx = context.Background()
	err = errors.New("x")
	id  = "e1"
)

func slogCalls(l *slog.Logger, a slog.Attr, attrs []slog.Attr) {
	slog.Error("boom", "execution_id", id, "n", 1)                                      // want `slog error msg="boom" fields=\[execution_id n\] logger=-`
	l.Warn("w", keys.ExecutionID, id)                                                   // want `slog warn msg="w" fields=\[execution_id\] logger=l`
	l.Info("i", slog.String("a", "b"), slog.Int("c", 1))                                // want `slog info msg="i" fields=\[a c\] logger=l`
	l.ErrorContext(ctx, "e", slog.Any("k", 1))                                          // want `slog error msg="e" fields=\[k\] logger=l ctx`
	slog.WarnContext(nil, "e")                                                          // want `slog warn msg="e" fields=\[\] logger=-`
	l.Log(ctx, slog.LevelError+1, "lg", "k", 1)                                         // want `slog error msg="lg" fields=\[k\] logger=l ctx`
	l.LogAttrs(ctx, slog.LevelWarn, "la", slog.Attr{Key: "x", Value: slog.IntValue(1)}) // want `slog warn msg="la" fields=\[x\] logger=l ctx`
	l.LogAttrs(ctx, slog.LevelDebug, "la", attrs...)                                    // want `slog debug msg="la" fields=\[\?\] logger=l ctx`
	l.Log(ctx, slog.Level(len(attrs)), "unknown level")                                 // want `slog \? msg="unknown level" fields=\[\] logger=l ctx`
	l.Error("g", slog.Group("req", "execution_id", id, slog.String("b", "c")), a)       // want `slog error msg="g" fields=\[req{} req.execution_id req.b \?\] logger=l`
	l.With("execution_id", id).WithGroup("grp").Error("c", "k", 1)                      // want `slog error msg="c" fields=\[execution_id grp.k\] logger=l`
	slog.With("a", 1).Error("d")                                                        // want `slog error msg="d" fields=\[a\] logger=-`
}

func zapCalls(l *zap.Logger, s *zap.SugaredLogger, fs []zap.Field) {
	l.Error("boom", zap.String("execution_id", id), zap.Int("n", 1), zap.Error(err)) // want `zap error msg="boom" fields=\[execution_id n error\] logger=l`
	l.Warn("w", zap.Stringer(keys.ExecutionID, nil), zap.Any("x", 1))                // want `zap warn msg="w" fields=\[execution_id x\] logger=l`
	l.DPanic("dp", fs...)                                                            // want `zap dpanic msg="dp" fields=\[\?\] logger=l`
	l.Fatal("f", zap.Namespace("ns"), zap.String("k", "v"))                          // want `zap fatal msg="f" fields=\[ns{} ns.k\] logger=l`
	l.Log(zap.ErrorLevel, "lg", zapcore.Field{Key: "fk"})                            // want `zap error msg="lg" fields=\[fk\] logger=l`
	l.With(zap.String("execution_id", id)).Named("n").Error("chained")               // want `zap error msg="chained" fields=\[execution_id\] logger=l`
	if ce := l.Check(zap.WarnLevel, "checked"); ce != nil {
		ce.Write(zap.String("k", "v")) // want `zap warn msg="checked" fields=\[k\] logger=l`
	}
	l.Check(zap.ErrorLevel, "direct").Write()                // want `zap error msg="direct" fields=\[\] logger=l`
	s.Errorw("sw", "execution_id", id, zap.String("z", "v")) // want `zap error msg="sw" fields=\[execution_id z\] logger=s`
	s.Warnf("fmt %s %d", "a", 1)                             // want `zap warn msg="fmt %s %d" format args=2 fields=\[\] logger=s`
	s.Error("print", 1, 2)                                   // want `zap error msg=- args=3 fields=\[\] logger=s`
	s.With("execution_id", id).Errorf("x")                   // want `zap error msg="x" format args=0 fields=\[execution_id\] logger=s`
	l.Sugar().Infow("i")                                     // want `zap info msg="i" fields=\[\] logger=l`
}

func zerologCalls(l zerolog.Logger, pl *zerolog.Logger) {
	l.Error().Str("execution_id", id).Int("n", 1).Msg("boom")          // want `zerolog error msg="boom" fields=\[execution_id n\] logger=l`
	pl.Warn().Err(err).Msgf("w %d", 1)                                 // want `zerolog warn msg="w %d" format args=1 fields=\[error\] logger=pl`
	zlog.Err(err).Str(keys.ExecutionID, id).Send()                     // want `zerolog error msg=- fields=\[execution_id\] logger=- err`
	l.WithLevel(zerolog.FatalLevel).Msg("wl")                          // want `zerolog fatal msg="wl" fields=\[\] logger=l`
	l.Info().Dict("d", zerolog.Dict().Str("execution_id", id)).Msg("") // want `zerolog info msg="" fields=\[d{} d.execution_id\] logger=l`
	l.Error().Fields(map[string]any{"a": 1, "b": 2}).Msg("m")          // want `zerolog error msg="m" fields=\[a b\] logger=l`
	l.Error().Ctx(ctx).Msg("c")                                        // want `zerolog error msg="c" fields=\[\] logger=l ctx`
	wl := l.With().Str("execution_id", id).Logger()
	wl.Error().Msg("w") // want `zerolog error msg="w" fields=\[\] logger=wl`
	ev := l.Warn().Str("a", "b")
	ev.Str("c", "d").Msg("via var")                // want `zerolog warn msg="via var" fields=\[a c\] logger=l`
	l.Warn().MsgFunc(func() string { return "f" }) // want `zerolog warn msg=\(func\(\) string literal\) fields=\[\] logger=l`
	zlog.Debug().Msg("d")                          // want `zerolog debug msg="d" fields=\[\] logger=-`
}

func logrusCalls(l *logrus.Logger, e *logrus.Entry) {
	logrus.Error("boom", 1)                                             // want `logrus error msg=- args=2 fields=\[\] logger=-`
	l.WithField("execution_id", id).Errorf("f %d", 1)                   // want `logrus error msg="f %d" format args=1 fields=\[execution_id\] logger=l`
	e.WithFields(logrus.Fields{"a": 1, keys.ExecutionID: id}).Warn("w") // want `logrus warn msg=- args=1 fields=\[a execution_id\] logger=e`
	logrus.WithError(err).WithContext(ctx).Fatalln("x")                 // want `logrus fatal msg=- args=1 fields=\[error\] logger=- ctx`
	e.Warning("w")                                                      // want `logrus warn msg=- args=1 fields=\[\] logger=e`
	l.Log(logrus.ErrorLevel, "lg")                                      // want `logrus error msg=- args=1 fields=\[\] logger=l`
}

func logrCalls(l logr.Logger) {
	l.Error(err, "boom", "execution_id", id)           // want `logr error msg="boom" fields=\[execution_id\] logger=l err`
	l.WithValues("a", 1).V(1).Info("i", "b", 2)        // want `logr info msg="i" fields=\[a b\] logger=l`
	klog.ErrorS(err, "k", "execution_id", id)          // want `klog error msg="k" fields=\[execution_id\] logger=- err`
	klog.ErrorSDepth(1, err, "kd", "a", 1)             // want `klog error msg="kd" fields=\[a\] logger=- err`
	klog.V(2).InfoS("vi", "a", 1)                      // want `klog info msg="vi" fields=\[a\] logger=klog.V\(2\)`
	klog.Errorf("e %s", "x")                           // want `klog error msg="e %s" format args=1 fields=\[\] logger=- unstructured`
	klog.LoggerWithValues(l, "a", 1).Error(err, "lwv") // want `logr error msg="lwv" fields=\[a\] logger=l err`
}

func stdCalls(l *stdlog.Logger) {
	stdlog.Fatalf("f %d", 1) // want `log fatal msg="f %d" format args=1 fields=\[\] logger=- unstructured`
	l.Println("p")           // want `log \? msg=- args=1 fields=\[\] logger=l unstructured`
}

func logrusIfaces(fl logrus.FieldLogger, x logrus.Ext1FieldLogger) {
	fl.WithField("execution_id", id).Errorf("f") // want `logrus error msg="f" format args=0 fields=\[execution_id\] logger=fl`
	fl.Warning("w")                              // want `logrus warn msg=- args=1 fields=\[\] logger=fl`
	x.Tracef("t")                                // want `logrus debug msg="t" format args=0 fields=\[\] logger=x`
}

func oddCalls(l *slog.Logger) {
	(*slog.Logger).Error(l, "method expression: not decoded")
	f := l.Error
	f("func value: not decoded")
	var nl *slog.Logger
	nl.Error("nil logger", "k") // want `slog error msg="nil logger" fields=\[k\] logger=nl`
}
