package disabled

import "log/slog"

func run() {
	slog.Error("ok: the rule is disabled")
}
