package factcase

import (
	"example.com/eid/logging"
	"go.uber.org/zap"
)

func useFacts(cmd logging.Command, w *logging.Worker, z *zap.Logger) {
	logging.LoggerFor(cmd).Error("ok: fact")
	logging.Wrapped(cmd).Warn("ok: fact through a local and a derivation")
	l := logging.LoggerFor(cmd)
	l.Error("ok: local from a fact function")
	logging.Sometimes(cmd, true).Error("not every return carries it") // want `slog ERROR log without the correlation field "execution_id"`
	logging.Plain().Error("plain")                                    // want `slog ERROR log without the correlation field "execution_id"`
	w.Log.Error("ok: every store into Worker.Log carries it")
	w.Other.Error("Worker.Other is reset to a plain logger") // want `slog ERROR log`
	w.Logger().Warn("ok: method returning the field")
	zl, err := logging.ZapFor(z, cmd.ExecutionID)
	if err != nil {
		zl.Error("ok: tuple result of a fact function", zap.Error(err))
	}
}
