package badconfig

import "log/slog"

// Run logs at INFO only.
func Run(executionID string) {
	slog.Info("started", "execution_id", executionID)
}
