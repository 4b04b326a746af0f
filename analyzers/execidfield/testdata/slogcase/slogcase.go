package slogcase

import (
	"context"
	"fmt"
	"log/slog"

	"example.com/eid/logging"
)

const keyExec = "execution_id"

func levels(ctx context.Context, l *slog.Logger, id string) {
	slog.Error("no id")                       // want `slog ERROR log without the correlation field "execution_id": the line cannot be tied to its execution; attach the field once per execution \(l = l.With\("execution_id", id\)\) or add it to this call`
	slog.Warn("no id", "k", 1)                // want `slog WARN log without the correlation field`
	l.Error("no id", "err", nil)              // want `slog ERROR log without`
	l.WarnContext(ctx, "no id")               // want `slog WARN log without`
	slog.ErrorContext(ctx, "no id")           // want `slog ERROR log without`
	l.Log(ctx, slog.LevelError, "no id")      // want `slog ERROR log without`
	l.Log(ctx, slog.LevelWarn+2, "no id")     // want `slog WARN log without`
	l.LogAttrs(ctx, slog.LevelError, "no id") // want `slog ERROR log without`
	l.Info("ok: info is not checked")
	l.Debug("ok: debug is not checked")
	l.Log(ctx, slog.LevelInfo, "ok: info level")
	l.Log(ctx, slog.Level(len(id)), "ok: level not constant")
	l.DebugContext(ctx, "ok")
}

func keys(ctx context.Context, l *slog.Logger, id string, attrs []slog.Attr, a slog.Attr) {
	l.Error("ok", "execution_id", id)
	l.Error("ok", keyExec, id)
	l.Error("ok", logging.KeyExecutionID, id)
	l.Warn("ok", slog.String("execution_id", id))
	l.Warn("ok", slog.Any(keyExec, id))
	l.LogAttrs(ctx, slog.LevelError, "ok", slog.Attr{Key: "execution_id", Value: slog.StringValue(id)})
	l.Error("ok", "execution"+"_id", id)
	l.Error("group key does not count", slog.Group("req", "execution_id", id)) // want `slog ERROR log without`
	l.Error("value named like the key does not count", "key", "execution_id")  // want `slog ERROR log without`
	l.LogAttrs(ctx, slog.LevelError, "ok: attrs not visible", attrs...)
	l.Error("ok: attr not visible", a)
	l.Error("wrong key", "executionid", id) // want `slog ERROR log without`
}

func derived(l *slog.Logger, id string, cond bool) {
	el := l.With("execution_id", id)
	el.Error("ok: derived earlier")
	el2 := el.With("step", 1)
	el2.Warn("ok: derived from a derived logger")
	l.With("execution_id", id).Error("ok: chained")
	l.With("execution_id", id).With("x", 1).Error("ok: chained twice")
	slog.With("execution_id", id).Error("ok: package With")
	l.Error("the original logger still lacks it") // want `slog ERROR log without`

	g := l.WithGroup("g")
	g.Error("ok: WithGroup keeps the base's fields? no, the base has none") // want `slog ERROR log without`

	l2 := l
	l2.Error("before") // want `slog ERROR log without`
	l2 = l2.With("execution_id", id)
	l2.Error("ok: after the reassignment")

	l3 := l
	if cond {
		l3 = l.With("execution_id", id)
	}
	l3.Error("only one branch attaches it") // want `slog ERROR log without`

	var l4 *slog.Logger
	if cond {
		l4 = l.With("execution_id", id)
	} else {
		l4 = slog.With("execution_id", id)
	}
	l4.Error("ok: every branch attaches it")

	f := func() {
		el.Error("ok: closure uses the derived logger")
	}
	f()
}

type server struct {
	log  *slog.Logger // want log:"carries execution_id"
	base *slog.Logger
}

func newServer(id string) *server {
	return &server{log: slog.With("execution_id", id), base: slog.Default()}
}

func (s *server) setLog(id string) { s.log = slog.Default().With(keyExec, id) }

func (s *server) handle() {
	s.log.Error("ok: every store into server.log carries it")
	s.base.Error("server.base is plain") // want `slog ERROR log without`
}

var pkgLog = slog.With("execution_id", "boot") // want pkgLog:"carries execution_id"

func pkgVar() {
	pkgLog.Error("ok: package variable carries it")
}

func param(l *slog.Logger) {
	l.Error("a parameter is not known to carry it") // want `slog ERROR log without`
}

func carrier(ctx context.Context) {
	logging.FromContext(ctx).Error("not a carrier unless configured") // want `slog ERROR log without`
}

type stdlibWriter struct{ l *slog.Logger }

func (w stdlibWriter) Write(p []byte) (int, error) {
	msg := string(p)
	w.l.Error(msg) // ok: an io.Writer adapter relays its caller's message
	return len(p), nil
}

func (w stdlibWriter) Println(args ...any) {
	w.l.Error(fmt.Sprint(args...)) // ok: a Println adapter
}

func (w stdlibWriter) Report(msg string) {
	w.l.Error(msg) // want `slog ERROR log without`
}

func notify(l *slog.Logger, id string) {
	el := l.With("execution_id", id)
	truncate(el, 1)
	truncate(l.With("execution_id", id), 2)
	partly(el)
	partly(l)
	escaping(el)
	f := escaping
	_ = f
	Exported(el)
	s := &server{}
	s.helper(el)
}

func truncate(l *slog.Logger, n int) {
	l.Warn("ok: every call site passes a carrying logger", "n", n)
}

func partly(l *slog.Logger) {
	l.Warn("one call site passes a plain logger") // want `slog WARN log without`
}

func escaping(l *slog.Logger) {
	l.Warn("used as a func value: callers unknown") // want `slog WARN log without`
}

func Exported(l *slog.Logger) {
	l.Warn("exported: callers in other packages unknown") // want `slog WARN log without`
}

func unused(l *slog.Logger) {
	l.Warn("no call sites") // want `slog WARN log without`
}

func (s *server) helper(l *slog.Logger) {
	l.Error("ok: method parameter, every call site carries it")
}

type execLog struct{ *slog.Logger } // want Logger:"carries execution_id"

type plainLog struct{ *slog.Logger }

func embedded(id string) {
	el := execLog{slog.With("execution_id", id)}
	el.Error("ok: the embedded logger carries it")
	pl := plainLog{Logger: slog.Default()}
	pl.Error("the embedded logger is plain") // want `slog ERROR log without`
}
