package slogcase

import (
	"log/slog"
	"testing"
)

func TestLogs(t *testing.T) {
	slog.Error("ok: tests run outside any execution")
}
