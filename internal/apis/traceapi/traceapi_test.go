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
	for _, set := range []map[string]bool{ServesReceiver, Delegations, Streaming, StreamFlush, MiddlewareCarriers, LinkCalls, GRPCServerTracing} {
		for n := range set {
			names = append(names, n)
		}
	}
	for n := range RouterCallbacks {
		names = append(names, n)
	}
	for n := range Strippers {
		names = append(names, n)
	}
	for n := range RouteSetters {
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

// Every library has a name, module paths, and documentation examples when
// it describes entry points.
func TestLibs(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range Libs {
		if l.Name == "" || seen[l.Name] {
			t.Errorf("library %q: empty or duplicate name", l.Name)
		}
		seen[l.Name] = true
		if len(l.Modules) == 0 && l != &NetHTTPLib {
			t.Errorf("%s: no module paths", l.Name)
		}
		entry := len(l.Registrations)+len(l.Subscriptions)+len(l.LoopReceivers)+len(l.MessageChans)+len(l.MessageRanges)+len(l.Services) > 0
		if entry && (l.Bad == "" || l.Good == "") {
			t.Errorf("%s describes entry points but has no Bad/Good example", l.Name)
		}
	}
	for _, path := range []string{"github.com/gofiber/fiber/v2", "connectrpc.com/connect", "github.com/rabbitmq/amqp091-go", "cloud.google.com/go/pubsub/v2", "github.com/aws/aws-sdk-go-v2/service/sqs"} {
		if !Library(path) {
			t.Errorf("Library(%q) = false", path)
		}
	}
}

// TestEntriesIncludeServeTables: the entry points otelinit looks for
// include every serve and subscription call of the libraries' tables,
// which are merged in init (an init of another file that ran first saw
// them empty, and otelinit found no entry point at all).
func TestEntriesIncludeServeTables(t *testing.T) {
	for _, name := range []string{"net/http.ListenAndServe", "(*github.com/nats-io/nats.go.Conn).Subscribe"} {
		if _, ok := Entries[name]; !ok {
			t.Errorf("Entries lacks %s", name)
		}
	}
	for name := range Serves {
		if _, ok := Entries[name]; !ok {
			t.Errorf("Entries lacks the serve call %s", name)
		}
	}
}
