package spanrequired

import (
	"testing"

	"github.com/obscheck/obscheck/internal/policy"
)

func TestExemptRoutes(t *testing.T) {
	s := &state{pol: policy.Default()}
	for route, want := range map[string]bool{
		"/healthz":              true,
		"/healthz/":             true,
		"GET /readyz":           true,
		"/api/v1/health":        true,
		"/debug/pprof/":         true,
		"/debug/pprof/profile":  true,
		"example.com/metrics":   true,
		"/metrics/custom":       false,
		"/users":                false,
		"/healthcheck-disabled": false,
		"":                      false,
	} {
		if got := s.exempt(route); got != want {
			t.Errorf("exempt(%q) = %v, want %v", route, got, want)
		}
	}
}

func TestExemptName(t *testing.T) {
	s := &state{pol: policy.Default()}
	for name, want := range map[string]bool{
		"healthCheck":            true,
		"Server.Liveness":        true,
		"serveReadyz":            true,
		"metricsHandler":         true,
		"deliverOrders":          false,
		"Server.users":           false,
		"func literal in health": false,
	} {
		if got := s.exemptName(name); got != want {
			t.Errorf("exemptName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestJoinRoute(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"", "/x", "/x"},
		{"/api", "", "/api"},
		{"/api", "/x", "/api/x"},
		{"/api/", "/x", "/api/x"},
		{"/v1", "GET /users", "GET /v1/users"},
	} {
		if got := joinRoute(c.a, c.b); got != c.want {
			t.Errorf("joinRoute(%q, %q) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}
