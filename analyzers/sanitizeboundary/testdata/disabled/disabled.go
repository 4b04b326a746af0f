// Package disabled has the rule off (.obscheck.yaml): nothing is reported.
package disabled

import "log/slog"

type Login struct{ User, Password string }

func log(in Login) {
	slog.Info("ok: the rule is disabled", "pw", in.Password, "in", in)
}
