// Command notcmd is not under cmd/: not a binary rules.otelinit.binaries
// names.
package main

import "net/http"

func main() {
	_ = http.ListenAndServe(":8080", nil)
}
