// Package traceapi is obscheck's knowledge of tracing and of the places
// where requests and messages enter a service: which calls start a span,
// which wrap a handler or router in one, how handlers are registered on
// routers and message consumers, and where routers are served. Every
// entry is keyed by its go/types full name (see internal/funcname); the
// names were checked against the real modules (versions in the comments).
//
// The analyzers never spell a library identifier: adding a library or a
// new router method is a change to these tables.
package traceapi

import (
	"go/types"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/funcname"
)

// Import paths of the libraries the tables describe.
const (
	OtelTrace = "go.opentelemetry.io/otel/trace"                                // v1.47.0
	Otelhttp  = "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp" // v0.72.0
	Otelgin   = "go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin"
	Otelecho  = "go.opentelemetry.io/contrib/instrumentation/github.com/labstack/echo/otelecho"
	Otelmux   = "go.opentelemetry.io/contrib/instrumentation/github.com/gorilla/mux/otelmux"
	Otelgrpc  = "go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	NetHTTP   = "net/http"
	Gin       = "github.com/gin-gonic/gin"    // v1.12.0
	Echo      = "github.com/labstack/echo/v4" // v4.16.0
	Chi       = "github.com/go-chi/chi/v5"    // v5.5.0
	Mux       = "github.com/gorilla/mux"      // v1.8.1
	GRPC      = "google.golang.org/grpc"      // v1.85.0
	Nats      = "github.com/nats-io/nats.go"  // v1.55.0
	JetStream = "github.com/nats-io/nats.go/jetstream"
	Sarama    = "github.com/IBM/sarama" // v1.61.1
	OldSarama = "github.com/Shopify/sarama"
	KafkaGo   = "github.com/segmentio/kafka-go"    // v0.4.51
	Kgo       = "github.com/twmb/franz-go/pkg/kgo" // franz-go v1.21.5
)

// TracerType is the full name of the OpenTelemetry tracer interface; a
// package-level variable of this type lets the rule suggest a fix.
const TracerType = OtelTrace + ".Tracer"

// SpanStarters are calls that start a span. policy.span_starters extends
// them; facts add the module's own helpers.
var SpanStarters = funcname.NewSet([]string{
	"(" + OtelTrace + ".Tracer).Start",
})

// Wrappers return their Handler argument wrapped in a span.
var Wrappers = map[string]int{
	Otelhttp + ".NewHandler":   0, // NewHandler(handler http.Handler, operation string, opts ...Option) http.Handler
	Otelhttp + ".WithRouteTag": 1, // WithRouteTag(route string, h http.Handler) http.Handler (releases before v0.62)
}

// MiddlewareFactories return a middleware that starts a span: applied to a
// handler, or installed on a router with Use, it covers the handlers.
// policy.tracing_middleware extends them.
var MiddlewareFactories = funcname.NewSet([]string{
	Otelhttp + ".NewMiddleware", // func(http.Handler) http.Handler
	Otelgin + ".Middleware",     // gin.HandlerFunc
	Otelecho + ".Middleware",    // echo.MiddlewareFunc
	Otelmux + ".Middleware",     // mux.MiddlewareFunc
})

// GRPCServerTracing are the otelgrpc server instrumentations: a gRPC
// server created with grpc.StatsHandler(otelgrpc.NewServerHandler()) or
// the (older) interceptors traces every method.
var GRPCServerTracing = funcname.NewSet([]string{
	Otelgrpc + ".NewServerHandler",
	Otelgrpc + ".UnaryServerInterceptor",  // before v0.61
	Otelgrpc + ".StreamServerInterceptor", // before v0.61
})

// GRPCNewServer creates a gRPC server from options.
const GRPCNewServer = GRPC + ".NewServer"

// GRPCServerType is the type GRPCNewServer returns, as funcname.TypeIs
// reads it.
const GRPCServerType = "*" + GRPC + ".Server"

// GRPCRegistrars are the parameter types of the first argument of a
// generated Register<Svc>Server function.
var GRPCRegistrars = map[string]bool{
	GRPC + ".ServiceRegistrar": true,
	GRPC + ".Server":           true, // older generators: *grpc.Server
}

// Framework says how a handler receives its request.
type Framework string

// Frameworks.
const (
	HTTP Framework = "net/http"
	GinF Framework = "gin"
	EchF Framework = "echo"
)

// Placement says which arguments of a registration are middleware.
type Placement int

// Placements.
const (
	NoMiddleware  Placement = iota
	BeforeHandler           // gin: handlers... where all but the last are middleware
	AfterHandler            // echo: (path, h, m...)
)

// Registration describes a call that registers a handler on a router.
type Registration struct {
	Route     int // index of the route pattern, -1 if none
	Handler   int // index of the handler; -1: the last argument
	Mw        Placement
	Framework Framework
}

// Registrations are the handler registrations, keyed by full name. The
// receiver (or http.DefaultServeMux for the package-level functions) is
// the router.
var Registrations = map[string]Registration{}

// Uses install middleware on their receiver router; every argument is a
// middleware.
var Uses = funcname.Set{}

// Derivations return a router derived from the receiver (a group or
// sub-router): it inherits the receiver's middleware. Route is the index
// of its path prefix (-1 none), MwFrom the first middleware argument (-1
// none).
var Derivations = map[string]Derivation{}

// Derivation describes a sub-router constructor.
type Derivation struct{ Route, MwFrom int }

// RouterCallbacks call their Fn argument with a sub-router of the
// receiver (chi's Route and Group).
var RouterCallbacks = map[string]Derivation{} // MwFrom holds the callback's index

// RouteSetters set the route pattern of a gorilla/mux route chain.
var RouteSetters = map[string]int{
	"(*" + Mux + ".Router).Path":       0,
	"(*" + Mux + ".Router).PathPrefix": 0,
	"(*" + Mux + ".Route).Path":        0,
	"(*" + Mux + ".Route).PathPrefix":  0,
}

// DefaultMux is the router the package-level net/http functions use.
const DefaultMux = NetHTTP + ".DefaultServeMux"

// Serves serve the handler at the given argument index (nil: DefaultMux).
var Serves = map[string]int{
	NetHTTP + ".ListenAndServe":    1,
	NetHTTP + ".ListenAndServeTLS": 3,
	NetHTTP + ".Serve":             1,
	NetHTTP + ".ServeTLS":          1,
}

// ServesReceiver serve their receiver router.
var ServesReceiver = funcname.NewSet([]string{
	"(*" + Gin + ".Engine).Run",
	"(*" + Gin + ".Engine).RunTLS",
	"(*" + Gin + ".Engine).RunUnix",
	"(*" + Gin + ".Engine).RunListener",
	"(*" + Echo + ".Echo).Start",
	"(*" + Echo + ".Echo).StartTLS",
	"(*" + Echo + ".Echo).StartAutoTLS",
	"(*" + Echo + ".Echo).StartServer",
})

// ServerHandlerFields are struct fields that serve a handler: the Handler
// of an http.Server literal or assignment.
var ServerHandlerFields = map[string]string{
	NetHTTP + ".Server": "Handler",
}

// RouterTypes are the router and route types, by type name (pointer
// receivers included): a method of one of them that returns one of them
// derives a router from its receiver (gorilla's PathPrefix().Subrouter()).
var RouterTypes = map[string]bool{
	NetHTTP + ".ServeMux": true,
	Gin + ".Engine":       true,
	Gin + ".RouterGroup":  true,
	Gin + ".IRouter":      true,
	Gin + ".IRoutes":      true,
	Echo + ".Echo":        true,
	Echo + ".Group":       true,
	Chi + ".Mux":          true,
	Chi + ".Router":       true,
	Mux + ".Router":       true,
	Mux + ".Route":        true,
}

// Delegations are calls by which a handler hands the request on: a
// function that makes one is middleware, not an endpoint.
var Delegations = funcname.NewSet([]string{
	"(" + NetHTTP + ".Handler).ServeHTTP",
	"(" + NetHTTP + ".HandlerFunc).ServeHTTP",
	"(*" + Gin + ".Context).Next",
})

// Subscription describes a message subscription: Handler is the callback
// argument, or the channel argument when Chan is set (the loop receiving
// from the channel is the handler).
type Subscription struct {
	Subject int
	Handler int
	Chan    bool
}

// Subscriptions register message handlers.
var Subscriptions = map[string]Subscription{
	"(*" + Nats + ".Conn).Subscribe":              {0, 1, false},
	"(*" + Nats + ".Conn).QueueSubscribe":         {0, 2, false},
	"(*" + Nats + ".Conn).ChanSubscribe":          {0, 1, true},
	"(*" + Nats + ".Conn).ChanQueueSubscribe":     {0, 2, true},
	"(" + Nats + ".JetStream).Subscribe":          {0, 1, false},
	"(" + Nats + ".JetStream).QueueSubscribe":     {0, 2, false},
	"(" + Nats + ".JetStream).ChanSubscribe":      {0, 1, true},
	"(" + Nats + ".JetStream).ChanQueueSubscribe": {0, 2, true},
	"(" + JetStream + ".Consumer).Consume":        {-1, 0, false},
	// franz-go: the per-record callbacks of a poll.
	"(" + Kgo + ".Fetches).EachRecord":              {-1, 0, false},
	"(*" + Kgo + ".FetchTopic).EachRecord":          {-1, 0, false},
	"(*" + Kgo + ".FetchPartition).EachRecord":      {-1, 0, false},
	"(*" + Kgo + ".FetchTopicPartition).EachRecord": {-1, 0, false},
}

// LoopReceivers receive one message; the loop around the call is a
// per-message handler whose body must start the span.
var LoopReceivers = funcname.NewSet([]string{
	"(*" + KafkaGo + ".Reader).ReadMessage",
	"(*" + KafkaGo + ".Reader).FetchMessage",
	"(" + JetStream + ".MessagesContext).Next",
	"(*" + Nats + ".Subscription).NextMsg",
	"(*" + Nats + ".Subscription).NextMsgWithContext",
	"(" + Sarama + ".ConsumerGroupClaim).Messages",
	"(" + OldSarama + ".ConsumerGroupClaim).Messages",
	"(*" + Kgo + ".FetchesRecordIter).Next", // for !it.Done() { r := it.Next() }
	"(" + Kgo + ".Fetches).Records",         // for _, r := range fetches.Records()
	"(" + Kgo + ".Fetches).RecordsAll",      // for r := range fetches.RecordsAll()
})

// ConsumerGroupHandlers are interfaces whose ConsumeClaim method is a
// message consumer (its per-message loop is the handler).
var ConsumerGroupHandlers = map[string]string{
	Sarama + ".ConsumerGroupHandler":    "ConsumeClaim",
	OldSarama + ".ConsumerGroupHandler": "ConsumeClaim",
}

func init() {
	httpMethods := []string{"Handle", "HandleFunc"}
	for _, m := range httpMethods {
		Registrations[NetHTTP+"."+m] = Registration{0, 1, NoMiddleware, HTTP}
		Registrations["(*"+NetHTTP+".ServeMux)."+m] = Registration{0, 1, NoMiddleware, HTTP}
	}
	// gin: (path, handlers...) on *RouterGroup (promoted to *Engine) and
	// the IRoutes/IRouter interfaces.
	ginRecv := []string{"(*" + Gin + ".RouterGroup)", "(" + Gin + ".IRoutes)"}
	for _, r := range ginRecv {
		for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "Any"} {
			Registrations[r+"."+m] = Registration{0, -1, BeforeHandler, GinF}
		}
		Registrations[r+".Handle"] = Registration{1, -1, BeforeHandler, GinF}
		Registrations[r+".Match"] = Registration{1, -1, BeforeHandler, GinF}
		Uses[r+".Use"] = true
	}
	Uses["(*"+Gin+".Engine).Use"] = true
	Derivations["(*"+Gin+".RouterGroup).Group"] = Derivation{0, 1}
	Derivations["("+Gin+".IRouter).Group"] = Derivation{0, 1}
	// echo: (path, h, m...).
	for _, r := range []string{"(*" + Echo + ".Echo)", "(*" + Echo + ".Group)"} {
		for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE", "Any"} {
			Registrations[r+"."+m] = Registration{0, 1, AfterHandler, EchF}
		}
		Registrations[r+".Add"] = Registration{1, 2, AfterHandler, EchF}
		Registrations[r+".Match"] = Registration{1, 2, AfterHandler, EchF}
		Uses[r+".Use"] = true
		Derivations[r+".Group"] = Derivation{0, 1}
	}
	Uses["(*"+Echo+".Echo).Pre"] = true
	// chi: net/http handlers on *Mux and the Router interface.
	for _, r := range []string{"(*" + Chi + ".Mux)", "(" + Chi + ".Router)"} {
		for _, m := range []string{"Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "Connect", "Trace", "Handle", "HandleFunc", "Mount"} {
			Registrations[r+"."+m] = Registration{0, 1, NoMiddleware, HTTP}
		}
		Registrations[r+".Method"] = Registration{1, 2, NoMiddleware, HTTP}
		Registrations[r+".MethodFunc"] = Registration{1, 2, NoMiddleware, HTTP}
		Uses[r+".Use"] = true
		Derivations[r+".With"] = Derivation{-1, 0}
		RouterCallbacks[r+".Route"] = Derivation{0, 1}
		RouterCallbacks[r+".Group"] = Derivation{-1, 0}
	}
	// gorilla/mux.
	Registrations["(*"+Mux+".Router).Handle"] = Registration{0, 1, NoMiddleware, HTTP}
	Registrations["(*"+Mux+".Router).HandleFunc"] = Registration{0, 1, NoMiddleware, HTTP}
	Registrations["(*"+Mux+".Route).Handler"] = Registration{-1, 0, NoMiddleware, HTTP}
	Registrations["(*"+Mux+".Route).HandlerFunc"] = Registration{-1, 0, NoMiddleware, HTTP}
	Uses["(*"+Mux+".Router).Use"] = true
}

// Library reports whether the package at path belongs to the standard
// library or to a library the tables describe; the rule does not analyze it.
func Library(path string) bool { return apis.IsLibrary(path) }

// SpanTypes are span types. A call that returns a context together with
// one of them starts a span, whatever it is called: (trace.Tracer).Start,
// a team's own Tracer interface, helpers returning (ctx, span, logger).
var SpanTypes = map[string]bool{
	OtelTrace + ".Span":                          true,
	"github.com/opentracing/opentracing-go.Span": true, // StartSpanFromContext(ctx, name) (Span, context.Context)
}

// StartsSpanByShape reports whether results has the shape of a span
// start: a context.Context and a span.
func StartsSpanByShape(results *types.Tuple) bool {
	if results == nil || results.Len() < 2 {
		return false // the common case, decided without looking at types
	}
	// A context first, compared by name: most multi-valued calls return
	// (T, error) and are decided without a table lookup. Types are
	// compared by package path and name: printing or concatenating type
	// names showed up in the benchmark profile.
	ctx := -1
	for i := 0; i < results.Len(); i++ {
		if k, ok := funcname.KeyOf(results.At(i).Type()); ok && k == contextType {
			ctx = i
			break
		}
	}
	if ctx < 0 {
		return false
	}
	for i := 0; i < results.Len(); i++ {
		if k, ok := funcname.KeyOf(results.At(i).Type()); ok && i != ctx && spanTypes[k] {
			return true
		}
	}
	return false
}

var (
	contextType = funcname.TypeKey{Path: "context", Name: "Context"}
	spanTypes   = funcname.TypeKeys(SpanTypes)
)
