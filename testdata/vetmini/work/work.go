// Package work is a small, standard-library-only service for the go vet
// protocol tests: a cold go vet analyzes every dependency, so the module
// imports as little as a finding of each kind needs (execidfield with a
// fix, sanitizeboundary, and an unused directive with a fix).
package work

import (
	"context"
	"log/slog"
)

// Handle runs one execution.
func Handle(ctx context.Context, l *slog.Logger, executionID, password string) error {
	if err := run(ctx); err != nil {
		l.Error("execution failed", "err", err)
		return err
	}
	l.Info("login", "password", password)
	//obscheck:ignore execidfield kept after the finding below it was fixed
	l.Info("done", "execution_id", executionID)
	return nil
}

func run(ctx context.Context) error { return ctx.Err() }
