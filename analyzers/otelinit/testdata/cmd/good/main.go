// Command good initializes through the module's telemetry package.
package main

import (
	"net/http"

	"example.com/oi/lib/server"
	"example.com/oi/lib/telemetry"
	"go.opentelemetry.io/otel/trace/noop"
)

func main() {
	telemetry.Init(noop.NewTracerProvider())
	_ = server.Run(":8080", http.NewServeMux())
}
