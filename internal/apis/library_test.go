package apis

import "testing"

func TestLibrary(t *testing.T) {
	for path, want := range map[string]bool{
		"net/http":                true,
		"log/slog":                true,
		"go.uber.org/zap":         true,
		"go.uber.org/zap/zapcore": true,
		"go.uber.org/zapper":      false,
		"github.com/prometheus/client_golang/prometheus": true,
		"go.opentelemetry.io/otel/trace":                 true,
		"example.com/svc/api":                            false,
		"myservice":                                      false, // a module named without a dot
		"myservice/internal/api":                         false,
		"net/httpx":                                      false,
	} {
		if got := IsLibrary(path); got != want {
			t.Errorf("IsLibrary(%q) = %v, want %v", path, got, want)
		}
	}
}
