// Package telemetry installs the service's providers.
package telemetry

import (
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
)

// Setup installs tp as the global tracer provider.
func Setup(tp trace.TracerProvider) { // want Setup:`inits=true serves=\[\]`
	otel.SetTracerProvider(tp)
}

// Init reaches Setup through another function.
func Init(tp trace.TracerProvider) { // want Init:`inits=true serves=\[\]`
	configure(tp)
}

func configure(tp trace.TracerProvider) { Setup(tp) } // want configure:`inits=true serves=\[\]`
