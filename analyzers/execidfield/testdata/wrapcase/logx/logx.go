// Package logx is a project's logging helpers over zap's global sugared
// logger: Fail wraps Errorw, which wraps zap (two levels).
package logx

import (
	"context"

	"go.uber.org/zap"
)

func Errorw(msg string, kv ...any) { zap.S().Errorw(msg, kv...) }

func Fail(msg string, kv ...any) { Errorw(msg, kv...) }

// Note logs a fixed message: not a wrapper (nothing is passed on).
func Note(err error) { zap.S().Infow("note", "err", err) }

func use(id string) {
	Fail("no id") // want `zap ERROR log without the correlation field "execution_id": .* \(the call goes through the log wrapper Fail\)`
	Fail("ok", "execution_id", id)
}

// ErrorCtx adds the execution id from the context before logging: what
// it passes on is not its caller's arguments, so it is no wrapper.
func ErrorCtx(ctx context.Context, msg string, kv ...any) {
	kv = append(kv, "execution_id", ctx.Value("id"))
	zap.S().Errorw(msg, kv...)
}
