// Command plugged initializes through a registered module.
package main

import (
	"net/http"

	_ "example.com/oi/lib/plugin"
)

func main() {
	_ = http.ListenAndServe(":8080", nil)
}
