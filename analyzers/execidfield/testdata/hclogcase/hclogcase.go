package hclogcase

import "github.com/hashicorp/go-hclog"

func calls(l hclog.Logger, id string, err error) {
	l.Error("no id", "err", err) // want `hclog ERROR log without the correlation field "execution_id": .* \(l = l.With\("execution_id", id\)\)`
	l.Warn("no id")              // want `hclog WARN log without`
	l.Log(hclog.Error, "no id")  // want `hclog ERROR log without`
	l.Log(hclog.Info, "ok: info")
	l.Error("ok", "execution_id", id)
	l.Info("ok: info")

	el := l.With("execution_id", id)
	el.Error("ok: derived")
	el.Named("sub").Warn("ok: Named keeps the fields")
	l.With("execution_id", id).Error("ok: chained")
	l.Named("x").Error("no id")    // want `hclog ERROR log without`
	hclog.Default().Error("no id") // want `hclog ERROR log without`
}
