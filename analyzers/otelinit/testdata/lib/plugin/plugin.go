package plugin // want package:`inits=true serves=\[\]`

// Package plugin registers a module whose Provision method, run by the
// host through an interface, initializes OpenTelemetry (as caddy's tracing
// module does): a value of the type is made at initialization, so its
// methods count as reached.

import (
	"example.com/oi/lib/telemetry"
	"go.opentelemetry.io/otel/trace/noop"
)

// Module is what the host calls.
type Module interface{ Provision() error }

// Tracing is the tracing module.
type Tracing struct{}

// Provision initializes the tracer provider.
func (Tracing) Provision() error { // want Provision:`inits=true serves=\[\]`
	telemetry.Setup(noop.NewTracerProvider())
	return nil
}

var registry []Module

func init() { registry = append(registry, Tracing{}) }
