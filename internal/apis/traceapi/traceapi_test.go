package traceapi

import (
	"go/token"
	"go/types"
	"testing"

	"github.com/obscheck/obscheck/internal/funcname"
)

func TestLibrary(t *testing.T) {
	for path, want := range map[string]bool{
		"net/http":                       true,
		"github.com/gin-gonic/gin":       true,
		"go.opentelemetry.io/otel/trace": true,
		"github.com/IBM/sarama":          true,
		"github.com/IBM/saramax":         false,
		"example.com/svc/api":            false,
		"github.com/openfga/openfga/pkg": false,
	} {
		if got := Library(path); got != want {
			t.Errorf("Library(%q) = %v, want %v", path, got, want)
		}
	}
}

// Every table key must be a valid go/types function name.
func TestTableNames(t *testing.T) {
	var names []string
	for n := range SpanStarters {
		names = append(names, n)
	}
	for n := range Wrappers {
		names = append(names, n)
	}
	for n := range MiddlewareFactories {
		names = append(names, n)
	}
	for n := range Registrations {
		names = append(names, n)
	}
	for n := range Uses {
		names = append(names, n)
	}
	for n := range Derivations {
		names = append(names, n)
	}
	for n := range Subscriptions {
		names = append(names, n)
	}
	for n := range LoopReceivers {
		names = append(names, n)
	}
	for n := range Serves {
		names = append(names, n)
	}
	for _, n := range names {
		p, err := funcname.Parse(n)
		if err != nil {
			t.Errorf("%s: %v", n, err)
		} else if p.String() != n {
			t.Errorf("%s prints as %s", n, p)
		}
	}
	if len(Registrations) < 40 {
		t.Errorf("only %d registrations", len(Registrations))
	}
}

func TestStartsSpanByShape(t *testing.T) {
	ctxPkg := types.NewPackage("context", "context")
	ctx := types.NewNamed(types.NewTypeName(token.NoPos, ctxPkg, "Context", nil), types.NewInterfaceType(nil, nil), nil)
	trPkg := types.NewPackage(OtelTrace, "trace")
	span := types.NewNamed(types.NewTypeName(token.NoPos, trPkg, "Span", nil), types.NewInterfaceType(nil, nil), nil)
	v := func(t types.Type) *types.Var { return types.NewVar(token.NoPos, nil, "", t) }
	if !StartsSpanByShape(types.NewTuple(v(ctx), v(span))) {
		t.Error("(ctx, span) is a span start")
	}
	if StartsSpanByShape(types.NewTuple(v(span))) {
		t.Error("span alone (SpanFromContext) is not a span start")
	}
	if StartsSpanByShape(types.NewTuple(v(ctx))) {
		t.Error("ctx alone is not a span start")
	}
}
