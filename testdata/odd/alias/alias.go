// Package alias uses type aliases and generic aliases.
package alias

import (
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
)

// Logger is an alias.
type Logger = slog.Logger

// Opts is an alias of the prometheus options.
type Opts = prometheus.CounterOpts

// List is a generic alias.
type List[T any] = []T

// New builds a counter through aliases.
func New() prometheus.Counter { return prometheus.NewCounter(Opts{Name: "noetl_alias_total", Help: "h"}) }

// Log logs through an aliased logger.
func Log(l *Logger, xs List[string]) { l.Error("alias", "n", len(xs)) }

// Recursive generic types and odd declarations.
type Tree[T any] struct {
	Left, Right *Tree[T]
	_           [0]func()
}

var _ = func() int { return 0 }()
