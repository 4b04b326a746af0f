// Package app declares its own interface over the helpers' metrics; the
// implementation lives in the imported helpers package.
package app

import (
	"context"

	"example.com/lc/wrap/helpers"
)

// Recorder is what app needs of the metrics helper.
type Recorder interface {
	IncrementCounter(ctx context.Context, name string, labels ...string)
}

// New returns the helpers' implementation.
func New() Recorder { return helpers.New() }

func handle(ctx context.Context, rec Recorder, id string) {
	rec.IncrementCounter(ctx, "noetl.jobs", "pool", "a")
	rec.IncrementCounter(ctx, "noetl.jobs", "execution_id", id) // want `label "execution_id" is a correlation key`
}
