// Package worker executes commands claimed from the queue.
package worker

import (
	"context"
	"log/slog"
	"time"

	"example.com/noetl-svc/internal/telemetry"
)

// Command is one unit of work of an execution.
type Command struct {
	ExecutionID string
	Pool        string
	Tool        string
}

// Worker runs commands.
type Worker struct {
	Log *slog.Logger
}

// Handle executes one command inside its own span.
func (w *Worker) Handle(ctx context.Context, cmd Command) error {
	ctx, span, log := telemetry.StartSpan(ctx, "worker.handle", cmd.ExecutionID)
	defer span.End()
	start := time.Now()
	telemetry.CommandsClaimed.WithLabelValues(cmd.Pool).Inc()
	if err := w.run(ctx, &cmd); err != nil {
		log.Error("command failed", "tool", cmd.Tool, "err", err)
		w.Log.Error("command failed", "tool", cmd.Tool)
		return err
	}
	telemetry.CommandDuration.WithLabelValues(cmd.Pool, cmd.ExecutionID).Observe(float64(time.Since(start).Milliseconds()))
	return nil
}

// Retry re-runs a command that timed out. It is registered as a queue
// consumer like Handle, but starts no span of its own.
func (w *Worker) Retry(ctx context.Context, cmd Command) error {
	if err := w.run(ctx, &cmd); err != nil {
		w.Log.Warn("retry failed", "execution_id", cmd.ExecutionID, "err", err)
		return err
	}
	return nil
}

func (w *Worker) run(ctx context.Context, cmd *Command) error {
	_ = ctx
	_ = cmd
	return nil
}
