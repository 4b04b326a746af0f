package metricapi_test

import (
	"go/ast"
	"go/types"
	"testing"

	"github.com/obscheck/obscheck/internal/apis/metricapi"
)

// Odd input must not crash: the analyzers run on code that may not type-check.
func TestNilGuards(t *testing.T) {
	if _, ok := metricapi.Define(nil, nil); ok {
		t.Error("Define(nil, nil) ok")
	}
	if _, ok := metricapi.Use(nil, nil); ok {
		t.Error("Use(nil, nil) ok")
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}}
	call := &ast.CallExpr{Fun: ast.NewIdent("f")}
	if _, ok := metricapi.Define(info, call); ok {
		t.Error("Define(unknown) ok")
	}
	if _, ok := metricapi.Use(info, call); ok {
		t.Error("Use(unknown) ok")
	}
}

// Every table key is a function name in go/types form.
func TestTablesWellFormed(t *testing.T) {
	if len(metricapi.Definers) < 60 || len(metricapi.Users) < 20 {
		t.Fatalf("tables too small: %d definers, %d users", len(metricapi.Definers), len(metricapi.Users))
	}
	for _, name := range []string{
		"github.com/prometheus/client_golang/prometheus.NewCounterVec",
		"(github.com/prometheus/client_golang/prometheus/promauto.Factory).NewHistogramVec",
		"(go.opentelemetry.io/otel/metric.Meter).Int64Counter",
		"(*github.com/VictoriaMetrics/metrics.Set).GetOrCreateCounter",
		"github.com/prometheus/client_golang/prometheus.NewDesc",
		"(github.com/prometheus/client_golang/prometheus.v2).NewCounterVec",
	} {
		if _, ok := metricapi.Definers[name]; !ok {
			t.Errorf("missing definer %s", name)
		}
	}
}
