// Command worker consumes messages and serves HTTP from a goroutine.
package main

import (
	"net/http"

	"github.com/nats-io/nats.go"
)

func main() { // want `binary serves HTTP and consumes messages but never initializes OpenTelemetry`
	nc, _ := nats.Connect(nats.DefaultURL)
	go serveMetrics()
	_, _ = nc.Subscribe("commands", handle)
	select {}
}

func handle(m *nats.Msg) {}

func serveMetrics() {
	_ = http.ListenAndServe(":9090", nil)
}
