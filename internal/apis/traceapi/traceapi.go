// Package traceapi is obscheck's knowledge of tracing and of the places
// where requests and messages enter a service: which calls start a span,
// which wrap a handler or router in one, how handlers are registered on
// routers and message consumers, and where routers are served. Every
// entry is keyed by its go/types full name (see internal/funcname); the
// conformance test (internal/apis/trace_conformance_test.go) resolves
// every one against the real modules, with its argument indices.
//
// Each library is one Lib value in its own file (nethttp.go, gin.go,
// amqp.go, ...); the tables the analyzers read (Registrations, Serves,
// ...) are their union. The analyzers never spell a library identifier:
// adding a library is a new file with one Lib literal, listed in Libs.
package traceapi

import (
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/funcname"
)

// Lib is everything obscheck knows about one tracing library, framework
// or message client. Every name is a go/types full name (funcname).
type Lib struct {
	Name    string   // as the documentation names it
	Modules []string // module paths: its packages are knowledge, never analyzed

	// Framework and Handler describe the handlers it calls: their
	// signature, and the hint a finding about one of them gives (%q is
	// the suggested span name).
	Framework Framework
	Handlers  []HandlerSig
	Hint      string

	// Bad and Good are the documentation's examples: an entry point it
	// finds without a span, and the same one traced (obscheck explain
	// spanrequired, docs/rules.md).
	Bad, Good string

	// Tracing.
	SpanStarters       []string       // calls that start a span
	SpanTypes          []string       // span types: a call returning (ctx, span) starts one
	Wrappers           map[string]int // return their handler argument (index) wrapped in a span
	Middleware         []string       // return a middleware (or interceptor) that starts a span
	MiddlewareCarriers []string       // options whose arguments are middleware (connect.WithInterceptors)
	GRPCServerTracing  []string       // gRPC server instrumentation: a server created with it is traced
	TracingFlags       []string       // bool fields of a client config that trace every message ("T.Field")

	// Routers.
	RouterTypes         []string // router and route types ("pkg.Type")
	Registrations       map[string]Registration
	Uses                []string              // install every argument as middleware on the receiver
	Derivations         map[string]Derivation // sub-routers of the receiver
	RouterCallbacks     map[string]Derivation // call a function with a sub-router (MwFrom: its index)
	RouteSetters        map[string]int        // set the route of a route chain (index of the pattern)
	Strippers           map[string]Strip      // serve a handler with a path prefix removed
	Serves              map[string]int        // serve the handler at this argument
	ServesReceiver      []string              // serve their receiver
	ServerHandlerFields map[string]string     // server type -> field holding the handler
	Delegations         []string              // hand the request on: their caller is middleware
	Streaming           []string              // upgrade or hijack the connection: their caller is a long-lived stream
	StreamFlush         []string              // flush the response: called in a loop, their caller streams
	Services            []ServiceCtor         // generated service handler constructors
	GatewayMuxes        []string              // gRPC-gateway mux types

	// Messages.
	Subscriptions         map[string]Subscription
	LoopReceivers         []string          // receive one message: the loop around is a handler
	MessageChans          []string          // element types: a loop receiving them is a handler
	MessageRanges         map[string]string // "*pkg.Output" -> field: a range over it is a handler
	ConsumerGroupHandlers map[string]string // interface -> consumer method
}

// Bookkeeping are packages whose calls do not handle a message: a
// per-message loop (or callback) that only calls these, builtins and the
// message client itself (metrics, counting, concatenating the messages of
// a bounded read, acking) is not a message handler. Message client
// libraries (those with subscriptions or loops) are added in init.
var Bookkeeping = []string{
	"bytes", "strings", "strconv", "sync", "sync/atomic", "time", "errors", "math", "sort", "slices", "maps",
	"unicode", "unicode/utf8", "context", "encoding/binary",
	"go.opentelemetry.io/otel/metric", "go.opentelemetry.io/otel/trace", "go.opentelemetry.io/otel/attribute",
	"github.com/prometheus/client_golang", "github.com/VictoriaMetrics/metrics",
}

// LinkCalls attach the context of a message to a span started for a
// batch: a per-message loop that makes one is covered by the batch span.
var LinkCalls = funcname.NewSet([]string{
	"(" + OtelTrace + ".Span).AddLink",
	OtelTrace + ".LinkFromContext",
	OtelTrace + ".WithLinks",
})

// LinkType is the span link type: building one per message is linking.
const LinkType = OtelTrace + ".Link"

// IsBookkeeping reports whether calls into the package at path are
// bookkeeping (see Bookkeeping).
func IsBookkeeping(path string) bool {
	for _, p := range Bookkeeping {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// Libs are the libraries obscheck knows, in documentation order.
var Libs = []*Lib{
	&OTel, &NetHTTPLib, &GinLib, &EchoLib, &ChiLib, &GorillaLib, &FiberLib, &Fiber3Lib,
	&ConnectLib, &GRPCLib, &GatewayLib,
	&NatsLib, &SaramaLib, &KafkaGoLib, &FranzLib, &AMQPLib, &WatermillLib, &PubSubLib, &SQSLib,
}

// Framework says how a handler receives its request.
type Framework string

// Frameworks with handlers of their own signature; message consumers and
// gRPC services have theirs in the analyzer.
const (
	HTTP     Framework = "net/http"
	GinF     Framework = "gin"
	EchF     Framework = "echo"
	FiberF   Framework = "fiber"
	Fiber3F  Framework = "fiber/v3"
	GatewayF Framework = "grpc-gateway"
	ConnectF Framework = "connect"
	WaterF   Framework = "watermill"
)

// HandlerSig is a framework's handler function signature: parameter
// types as funcname.TypeIs reads them ("" matches any type) and the
// number of results.
type HandlerSig struct {
	Params  []string
	Results int
}

// Match reports whether sig has this shape.
func (h *HandlerSig) Match(sig *types.Signature) bool {
	p := sig.Params()
	if p.Len() != len(h.Params) || sig.Results().Len() != h.Results {
		return false
	}
	for i, t := range h.Params {
		if t != "" && !funcname.TypeIs(p.At(i).Type(), t) {
			return false
		}
	}
	return true
}

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
	// Mount: a router registered here sees paths with the route removed
	// (chi Mount, fiber Mount): its routes are relative to the route.
	// Otherwise a router sees the full path (net/http Handle).
	Mount bool
	// Returns: the call returns the registered handler (watermill's
	// *Handler), on which middleware can be added.
	Returns bool
}

// Derivation describes a sub-router constructor: Route is the index of
// its path prefix (-1 none), MwFrom the first middleware argument (-1
// none). Chain: the prefix is the route of the receiver's route chain
// (gorilla's PathPrefix("/x").Subrouter()).
type Derivation struct {
	Route, MwFrom int
	Chain         bool
}

// Strip describes a handler wrapper that removes a path prefix
// (http.StripPrefix): the handler's routes are relative to the prefix.
type Strip struct{ Prefix, Handler int }

// Subscription describes a message subscription: Handler is the callback
// argument, or the channel argument when Chan is set (the loop receiving
// from the channel is the handler); Subject the subject or topic (-1 none).
type Subscription struct {
	Subject int
	Handler int
	Chan    bool
}

// ServiceCtor describes generated constructors of service handlers
// (connect-go's New<Svc>Handler(svc, opts...) (string, http.Handler)):
// functions whose last parameter is ...Option and whose results are
// (string, Handler). The methods of svc implementing the interface of
// the first parameter are the handlers; Name is the generated constant
// <Svc>Name holding the service's full name.
type ServiceCtor struct {
	Option  string // the variadic option type
	Handler string // the returned handler type
}

// The merged tables the analyzers read.
var (
	SpanStarters          = funcname.Set{}
	Wrappers              = map[string]int{}
	MiddlewareFactories   = funcname.Set{}
	MiddlewareCarriers    = funcname.Set{}
	GRPCServerTracing     = funcname.Set{}
	TracingFlags          = map[string]bool{}
	RouterTypes           = map[string]bool{}
	Registrations         = map[string]Registration{}
	Uses                  = funcname.Set{}
	Derivations           = map[string]Derivation{}
	RouterCallbacks       = map[string]Derivation{}
	RouteSetters          = map[string]int{}
	Strippers             = map[string]Strip{}
	Serves                = map[string]int{}
	ServesReceiver        = funcname.Set{}
	ServerHandlerFields   = map[string]string{}
	Delegations           = funcname.Set{}
	Streaming             = funcname.Set{}
	StreamFlush           = funcname.Set{}
	Services              []ServiceCtor
	GatewayMuxes          = map[string]bool{}
	Subscriptions         = map[string]Subscription{}
	LoopReceivers         = funcname.Set{}
	MessageChans          = map[string]bool{}
	MessageRanges         = map[string]string{}
	ConsumerGroupHandlers = map[string]string{}
	SpanTypes             = map[string]bool{}
)

func init() {
	for _, l := range Libs {
		add(SpanStarters, l.SpanStarters)
		add(MiddlewareFactories, l.Middleware)
		add(MiddlewareCarriers, l.MiddlewareCarriers)
		add(GRPCServerTracing, l.GRPCServerTracing)
		add(TracingFlags, l.TracingFlags)
		add(RouterTypes, l.RouterTypes)
		add(Uses, l.Uses)
		add(ServesReceiver, l.ServesReceiver)
		add(Delegations, l.Delegations)
		add(Streaming, l.Streaming)
		add(StreamFlush, l.StreamFlush)
		add(GatewayMuxes, l.GatewayMuxes)
		add(LoopReceivers, l.LoopReceivers)
		add(MessageChans, l.MessageChans)
		add(SpanTypes, l.SpanTypes)
		merge(Wrappers, l.Wrappers)
		merge(Registrations, l.Registrations)
		merge(Derivations, l.Derivations)
		merge(RouterCallbacks, l.RouterCallbacks)
		merge(RouteSetters, l.RouteSetters)
		merge(Strippers, l.Strippers)
		merge(Serves, l.Serves)
		merge(ServerHandlerFields, l.ServerHandlerFields)
		merge(Subscriptions, l.Subscriptions)
		merge(MessageRanges, l.MessageRanges)
		merge(ConsumerGroupHandlers, l.ConsumerGroupHandlers)
		Services = append(Services, l.Services...)
		if len(l.Subscriptions)+len(l.LoopReceivers)+len(l.MessageChans)+len(l.MessageRanges) > 0 || l.Framework == WaterF {
			Bookkeeping = append(Bookkeeping, l.Modules...)
		}
	}
	spanTypes = funcname.TypeKeys(SpanTypes)
	addEntries()
}

func add[S ~map[string]bool](m S, names []string) {
	for _, n := range names {
		m[n] = true
	}
}

func merge[V any](m, from map[string]V) {
	for k, v := range from {
		m[k] = v
	}
}

// methods builds registrations of the same shape for several methods of
// one receiver ("(*pkg.T)").
func methods(recv string, names []string, r Registration) map[string]Registration {
	m := map[string]Registration{}
	for _, n := range names {
		m[recv+"."+n] = r
	}
	return m
}

// join merges registration tables.
func join(ms ...map[string]Registration) map[string]Registration {
	out := map[string]Registration{}
	for _, m := range ms {
		merge(out, m)
	}
	return out
}

// names builds "recv.Name" for each name.
func names(recv string, ns ...string) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = recv + "." + n
	}
	return out
}

// Handlers returns the framework of a handler signature and the library
// describing it, or "" and nil.
func Handlers(sig *types.Signature) (Framework, *Lib) {
	for _, l := range Libs {
		for i := range l.Handlers {
			if l.Handlers[i].Match(sig) {
				return l.Framework, l
			}
		}
	}
	return "", nil
}

// ByFramework returns the library of a framework, or nil.
func ByFramework(fw Framework) *Lib {
	for _, l := range Libs {
		if l.Framework == fw {
			return l
		}
	}
	return nil
}

// Library reports whether the package at path belongs to the standard
// library or to a library the tables describe; the rule does not analyze it.
func Library(path string) bool {
	if apis.IsLibrary(path) {
		return true
	}
	for _, l := range Libs {
		for _, m := range l.Modules {
			if path == m || strings.HasPrefix(path, m+"/") {
				return true
			}
		}
	}
	return false
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
	spanTypes   map[funcname.TypeKey]bool
)
