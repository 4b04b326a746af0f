//go:build linux

package tags

import "log/slog"

// OS logs on linux.
func OS() { slog.Error("linux only") }
