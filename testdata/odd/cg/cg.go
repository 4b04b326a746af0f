// Package cg has a cgo file.
package cg

/*
static int add(int a, int b) { return a + b; }
*/
import "C"

import "log/slog"

// Add calls C and logs.
func Add(a, b int) int {
	r := int(C.add(C.int(a), C.int(b)))
	if r < 0 {
		slog.Warn("negative", "r", r)
	}
	return r
}
