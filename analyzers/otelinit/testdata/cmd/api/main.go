// Command api serves HTTP and never initializes OpenTelemetry.
package main

import (
	"net/http"

	"example.com/oi/lib/server"
)

func main() { // want `binary serves HTTP but never initializes OpenTelemetry on the path from main`
	mux := http.NewServeMux()
	_ = server.Run(":8080", mux)
}
