package autoinit // want package:`inits=true serves=\[\]`

// Package autoinit installs a provider when imported (the package
// clause comes first: a package fact is reported at the file's start).

import (
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace/noop"
)

func init() {
	otel.SetTracerProvider(noop.NewTracerProvider())
}
