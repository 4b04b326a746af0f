package gokitcase

import (
	"github.com/go-kit/log"
	"github.com/go-kit/log/level"
)

func calls(logger log.Logger, id string, err error) {
	level.Error(logger).Log("msg", "no id", "err", err) // want `go-kit/log ERROR log without the correlation field "execution_id": .* \(logger = log.With\(logger, "execution_id", id\)\)`
	level.Warn(logger).Log("msg", "no id")              // want `go-kit/log WARN log without`
	level.Error(logger).Log("msg", "ok", "execution_id", id)
	level.Info(logger).Log("msg", "ok: info")
	logger.Log("msg", "ok: no level")

	l := log.With(logger, "execution_id", id)
	level.Error(l).Log("msg", "ok: derived")
	level.Error(log.With(logger, "execution_id", id)).Log("msg", "ok: derived inline")
	log.With(level.Error(logger), "execution_id", id).Log("msg", "ok: the level wrapper inside")
	log.With(level.Error(logger), "k", 1).Log("msg", "no id") // want `go-kit/log ERROR log without`

	errs := level.Error(logger)
	errs.Log("msg", "no id") // want `go-kit/log ERROR log without`
	errs2 := level.Error(l)
	errs2.Log("msg", "ok: from the derived logger")
}
