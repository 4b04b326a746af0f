// Package logging is a service's logging helpers: other packages learn by
// fact which of them return loggers carrying the execution id.
package logging

import (
	"context"
	"log/slog"

	"go.uber.org/zap"
)

// KeyExecutionID is the correlation key, as a constant.
const KeyExecutionID = "execution_id"

// Command is one unit of work.
type Command struct {
	ExecutionID string
	Name        string
}

var base = slog.Default()

// LoggerFor returns a logger carrying the execution id.
func LoggerFor(cmd Command) *slog.Logger {
	return base.With(KeyExecutionID, cmd.ExecutionID)
}

// Wrapped carries it through another function.
func Wrapped(cmd Command) *slog.Logger {
	l := LoggerFor(cmd)
	return l.With("step", cmd.Name)
}

// Sometimes does not always carry it.
func Sometimes(cmd Command, ok bool) *slog.Logger {
	if ok {
		return base.With(KeyExecutionID, cmd.ExecutionID)
	}
	return base
}

// Plain never carries it.
func Plain() *slog.Logger { return base }

// ZapFor returns a zap logger carrying it, with an error result.
func ZapFor(z *zap.Logger, id string) (*zap.Logger, error) {
	return z.With(zap.String(KeyExecutionID, id)), nil
}

// FromContext is configured as a carrier in the tests that need it.
func FromContext(ctx context.Context) *slog.Logger { return base }

// Worker holds a logger that always carries the id.
type Worker struct {
	Log   *slog.Logger
	Other *slog.Logger
}

// NewWorker stores a carrying logger in Log; Other gets a plain one once.
func NewWorker(cmd Command) *Worker {
	return &Worker{Log: LoggerFor(cmd), Other: LoggerFor(cmd)}
}

// Reset stores a plain logger in Other.
func (w *Worker) Reset() { w.Other = base }

// Logger is a method returning the carrying field.
func (w *Worker) Logger() *slog.Logger { return w.Log }

// Service embeds its logger: importers log through the promoted methods
// without importing slog.
type Service struct{ *slog.Logger }
