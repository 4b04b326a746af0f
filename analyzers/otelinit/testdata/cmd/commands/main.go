// Command commands runs sub-commands kept in a package variable, through
// an interface: references are followed.
package main

import (
	"net/http"
	"os"

	"example.com/oi/lib/telemetry"
	"go.opentelemetry.io/otel/trace/noop"
)

type runner interface{ Run() error }

type serveCmd struct{}

func (serveCmd) Run() error {
	telemetry.Setup(noop.NewTracerProvider())
	return http.ListenAndServe(":8080", nil)
}

var commands = map[string]runner{"serve": serveCmd{}}

func main() {
	if c, ok := commands[os.Args[1]]; ok {
		_ = c.Run()
	}
}
