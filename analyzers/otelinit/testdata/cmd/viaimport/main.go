// Command viaimport initializes by importing a package that does.
package main

import (
	"net/http"

	_ "example.com/oi/lib/autoinit"
)

func main() {
	_ = http.ListenAndServe(":8080", nil)
}
