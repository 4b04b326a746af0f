// Command team initializes with the team's setup (policy.otel_setup).
package main

import (
	"net/http"

	"example.com/oi/lib/team"
)

func main() {
	defer team.SetupOTel("team")()
	_ = http.ListenAndServe(":8080", nil)
}
