package slogcase

import (
	"log/slog"
	"testing"
)

func TestHelper(t *testing.T) {
	truncate(slog.Default(), 3) // a test call site does not decide for the package's callers
}
