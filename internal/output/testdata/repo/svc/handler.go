package svc

import "log/slog"

func Handle() {
	slog.Error("échec — 😀", "user", "x")
}
