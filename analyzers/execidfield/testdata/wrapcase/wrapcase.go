// Package wrapcase: the project's own loggers. A logger type embedding
// logrus's Entry with its own WithField, a Logger interface over slog,
// and helpers over zap one and two levels deep, across packages.
package wrapcase

import (
	"context"
	"log/slog"
	"net/http"

	"example.com/eid/wrapcase/logx"
	"example.com/eid/wrapcase/mid"
	"github.com/sirupsen/logrus"
)

// L embeds the library's logger and derives itself.
type L struct{ *logrus.Entry }

func NewL(e *logrus.Entry) *L { return &L{e} }

func (l *L) WithField(k string, v any) *L { return &L{l.Entry.WithField(k, v)} }

// WithRequest is a configured carrier (.obscheck.yaml): it attaches the
// execution id of the request.
func (l *L) WithRequest(r *http.Request) *L {
	return &L{l.Entry.WithField("execution_id", r.Header.Get("X-Execution-Id"))}
}

func embedded(l *L, r *http.Request, id string) {
	l.WithField("execution_id", id).Error("ok: the wrapper attaches it")
	l.WithField("execution_id", id).WithField("k", 1).Warn("ok: two wrapper derivations")
	l.WithRequest(r).Error("ok: a carrier method")
	l.WithField("k", 1).Error("no id") // want `logrus ERROR log without the correlation field "execution_id"`
}

// Logger is the project's logging interface; slogLogger is its only
// implementation.
type Logger interface {
	Error(msg string, args ...any)
	Warn(msg string, args ...any)
	Info(msg string, args ...any)
}

type slogLogger struct{ l *slog.Logger }

func (s *slogLogger) Error(msg string, args ...any) { s.l.Error(msg, args...) }
func (s *slogLogger) Warn(msg string, args ...any)  { s.l.Warn(msg, args...) }
func (s *slogLogger) Info(msg string, args ...any)  { s.l.Info(msg, args...) }

func New() Logger { return &slogLogger{l: slog.Default()} }

func iface(log Logger, id string) {
	log.Error("no id")        // want `slog ERROR log without the correlation field "execution_id": .* \(the call goes through the log wrapper Error\)`
	log.Warn("no id", "k", 1) // want `slog WARN log without`
	log.Error("ok", "execution_id", id)
	log.Info("ok: info")
}

func helpers(ctx context.Context, id string) {
	logx.ErrorCtx(ctx, "ok: the helper adds the id")
	logx.Fail("no id") // want `zap ERROR log without .* wrapper Fail\)`
	logx.Fail("ok", "execution_id", id)
	mid.Oops("no id") // want `zap ERROR log without .* wrapper Oops\)`
	mid.Oops("ok", "execution_id", id)
	logx.Note(nil)
}
