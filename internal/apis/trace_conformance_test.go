package apis_test

import (
	"fmt"
	"go/constant"
	"go/types"
	"testing"

	"github.com/obscheck/obscheck/internal/apis/apitest"
	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/funcname"
)

// TestTraceConformance resolves the keys of the tracing tables (traceapi:
// each library's span starters, wrappers, middleware, routers and
// registrations, serve calls, consumers; the span, status, setup and
// correlation tables) and checks each entry's argument indices against
// its signature.
func TestTraceConformance(t *testing.T) {
	conform(t, traceKeys)
}

// olderReleases are keys only releases older than the conformance
// module's have (same module path): they are resolved in testdata/older.
// The tables keep them for services still on those releases.
var olderReleases = map[string]bool{
	traceapi.Otelhttp + ".WithRouteTag":            true, // otelhttp before v0.62
	traceapi.Otelgrpc + ".UnaryServerInterceptor":  true, // otelgrpc before v0.61
	traceapi.Otelgrpc + ".StreamServerInterceptor": true,
}

// unserved are packages of the tables whose modules the module proxy does
// not serve, so no test module can require them: their keys were checked
// by hand against the libraries' source and are left out here.
var unserved = map[string]string{
	"github.com/gofiber/contrib/v3/otel":                           "New, Middleware (fiber v3 contrib)",
	"github.com/voi-oss/watermill-opentelemetry/pkg/opentelemetry": "Trace, TraceHandler, TraceNoPublishHandler",
}

func traceKeys() ([]apitest.Key, []string) {
	keys, problems := traceLibKeys(traceapi.Libs)
	keys = append(keys, traceGlobalKeys()...)
	return routeKeys(keys, problems)
}

// routeKeys sends the keys of olderReleases to the older module and drops
// those of unserved packages; an entry of either list no key uses any
// more is a problem (a list that cannot go stale).
func routeKeys(keys []apitest.Key, problems []string) ([]apitest.Key, []string) {
	usedOlder, usedUnserved := map[string]bool{}, map[string]bool{}
	var out []apitest.Key
	for _, k := range keys {
		if olderReleases[k.Name] {
			k.Module = "older"
			usedOlder[k.Name] = true
		}
		if n, err := funcname.Parse(k.Name); err == nil && unserved[n.Pkg] != "" {
			usedUnserved[n.Pkg] = true
			continue
		}
		out = append(out, k)
	}
	for name := range olderReleases {
		if !usedOlder[name] {
			problems = append(problems, fmt.Sprintf("olderReleases: %s is in no table", name))
		}
	}
	for pkg := range unserved {
		if !usedUnserved[pkg] {
			problems = append(problems, fmt.Sprintf("unserved: no table names a function of %s", pkg))
		}
	}
	return out, problems
}

// traceLibKeys turns every entry of the Lib literals into keys.
func traceLibKeys(libs []*traceapi.Lib) (keys []apitest.Key, problems []string) {
	for _, l := range libs {
		table := func(what string) string { return l.Name + ": " + what }
		fn := func(what string, names []string, check func(types.Object) error) {
			for _, n := range names {
				keys = append(keys, apitest.Func(table(what), n, check))
			}
		}
		ty := func(what string, names []string) {
			for _, n := range names {
				keys = append(keys, apitest.Type(table(what), n))
			}
		}
		fn("SpanStarters", l.SpanStarters, startsSpan)
		ty("SpanTypes", l.SpanTypes)
		for name, i := range l.Wrappers {
			keys = append(keys, apitest.Func(table("Wrappers"), name, apitest.All(apitest.ArgIs(i, apitest.Single, apitest.Handler), apitest.ResultIs(0, apitest.Handler))))
		}
		fn("Middleware", l.Middleware, nil)
		fn("MiddlewareCarriers", l.MiddlewareCarriers, apitest.ArgIs(0, apitest.Variadic))
		fn("GRPCServerTracing", l.GRPCServerTracing, nil)
		for _, f := range l.TracingFlags {
			keys = append(keys, apitest.Field(table("TracingFlags"), f, apitest.ObjectType(apitest.Bool)))
		}
		ty("RouterTypes", l.RouterTypes)
		for name, r := range l.Registrations {
			keys = append(keys, apitest.Func(table("Registrations"), name, registrationCheck(r)))
		}
		fn("Uses", l.Uses, apitest.ArgIs(0, apitest.Variadic))
		for name, d := range l.Derivations {
			keys = append(keys, apitest.Func(table("Derivations"), name, derivationCheck(d, apitest.Variadic, middlewareOf(l.Framework))))
		}
		for name, d := range l.RouterCallbacks {
			keys = append(keys, apitest.Func(table("RouterCallbacks"), name, derivationCheck(d, apitest.Single, apitest.Callback)))
		}
		for name, i := range l.RouteSetters {
			keys = append(keys, apitest.Func(table("RouteSetters"), name, apitest.ArgIs(i, apitest.String)))
		}
		for name, s := range l.Strippers {
			keys = append(keys, apitest.Func(table("Strippers"), name, apitest.All(apitest.ArgIs(s.Prefix, apitest.String), apitest.ArgIs(s.Handler, apitest.Single, apitest.Handler))))
		}
		for name, i := range l.Serves {
			keys = append(keys, apitest.Func(table("Serves"), name, apitest.ArgIs(i, apitest.Single, apitest.Handler)))
		}
		fn("ServesReceiver", l.ServesReceiver, apitest.Method)
		for typ, field := range l.ServerHandlerFields {
			keys = append(keys, apitest.Field(table("ServerHandlerFields"), typ+"."+field, apitest.ObjectType(apitest.Handler)))
		}
		fn("Delegations", l.Delegations, nil)
		fn("Streaming", l.Streaming, nil)
		fn("StreamFlush", l.StreamFlush, nil)
		for _, s := range l.Services {
			keys = append(keys, apitest.Type(table("Services.Option"), s.Option), apitest.Type(table("Services.Handler"), s.Handler))
		}
		ty("GatewayMuxes", l.GatewayMuxes)
		for name, s := range l.Subscriptions {
			keys = append(keys, apitest.Func(table("Subscriptions"), name, subscriptionCheck(s)))
		}
		fn("LoopReceivers", l.LoopReceivers, nil)
		ty("MessageChans", l.MessageChans)
		for typ, field := range l.MessageRanges {
			keys = append(keys, apitest.Field(table("MessageRanges"), typ+"."+field, apitest.ObjectType(apitest.Slice)))
		}
		for iface, method := range l.ConsumerGroupHandlers {
			keys = append(keys, apitest.TypeWith(table("ConsumerGroupHandlers"), iface, hasMethod(method)))
		}
		for _, h := range l.Handlers {
			for _, p := range h.Params {
				if p != "" {
					keys = append(keys, apitest.Type(table("Handlers"), p))
				}
			}
		}
	}
	return keys, problems
}

// traceGlobalKeys are the tables outside the Lib literals.
func traceGlobalKeys() []apitest.Key {
	var keys []apitest.Key
	set := func(table string, s funcname.Set, check func(types.Object) error) {
		for n := range s {
			keys = append(keys, apitest.Func(table, n, check))
		}
	}
	set("LinkCalls", traceapi.LinkCalls, nil)
	set("ProviderSetters", traceapi.ProviderSetters, nil)
	set("NotFailureCalls", traceapi.NotFailureCalls, nil)
	for n := range traceapi.Entries {
		keys = append(keys, apitest.Func("Entries", n, nil))
	}
	for n := range traceapi.SpanMethods {
		keys = append(keys, apitest.Func("SpanMethods", n, apitest.Method))
	}
	for n, i := range traceapi.StatusWriters {
		keys = append(keys, apitest.Func("StatusWriters", n, apitest.ArgIs(i, apitest.Integer)))
	}
	for n, e := range traceapi.ErrorValues {
		code := apitest.Integer
		if e.GRPC {
			code = apitest.Named(traceapi.GRPCCodes + ".Code")
		}
		keys = append(keys, apitest.Func("ErrorValues", n, apitest.ArgIs(e.Code, code)))
	}
	for n := range traceapi.NotFailures {
		keys = append(keys, apitest.Var("NotFailures", n, apitest.ObjectType(apitest.Error)))
	}
	for n, i := range traceapi.KeyedReads {
		keys = append(keys, apitest.Func("KeyedReads", n, apitest.ArgIs(i, apitest.String)))
	}
	for _, n := range traceapi.MessageTypes {
		keys = append(keys, apitest.Type("MessageTypes", n))
	}
	for n := range traceapi.GRPCRegistrars {
		keys = append(keys, apitest.Type("GRPCRegistrars", n))
	}
	typeKey := func(k funcname.TypeKey) string { return k.Path + "." + k.Name }
	keys = append(keys,
		apitest.Type("LinkType", traceapi.LinkType),
		apitest.Func("GRPCNewServer", traceapi.GRPCNewServer, apitest.ResultIs(0, apitest.Named(traceapi.GRPCServerType))),
		apitest.Type("TracerType", traceapi.TracerType),
		apitest.Func("SpanFromContext", traceapi.SpanFromContext, apitest.ResultIs(0, apitest.Named(typeKey(traceapi.SpanType)))),
		apitest.Func("WithAttributes", traceapi.WithAttributes, apitest.ArgIs(0, apitest.Variadic)),
		apitest.Func("WithSpanKind", traceapi.WithSpanKind, nil),
		apitest.Var("DefaultMux", traceapi.DefaultMux, nil),
		apitest.Type("SpanType", typeKey(traceapi.SpanType)),
		apitest.Type("ContextType", typeKey(traceapi.ContextType)),
		apitest.Type("StatusCodeType", typeKey(traceapi.StatusCodeType)),
		apitest.Const("SpanKindConsumer", traceapi.OtelTrace+".SpanKindConsumer", constValue(traceapi.SpanKindConsumer)),
		apitest.Const("StatusError", traceapi.OtelCodes+".Error", constValue(traceapi.StatusError)),
	)
	// SetStatus's first argument is a StatusCodeType.
	keys = append(keys, apitest.Func("StatusCodeType", "("+traceapi.OtelTrace+".Span).SetStatus", apitest.ArgIs(0, apitest.Named(typeKey(traceapi.StatusCodeType)))))
	return keys
}

// startsSpan: the call returns a context and a span (traceapi's shape).
func startsSpan(obj types.Object) error {
	sig, err := apitest.Signature(obj)
	if err != nil {
		return err
	}
	if !traceapi.StartsSpanByShape(sig.Results()) {
		return fmt.Errorf("returns %s, not a context and a span of SpanTypes", sig.Results())
	}
	return nil
}

// registrationCheck: the route is a string, the handler a function or a
// handler interface whose function form is the framework's handler
// signature, and middleware the variadic tail.
func registrationCheck(r traceapi.Registration) func(types.Object) error {
	var checks []func(types.Object) error
	if r.Route >= 0 {
		checks = append(checks, apitest.ArgIs(r.Route, apitest.String))
	}
	if !r.Mount {
		checks = append(checks, apitest.ArgIs(r.Handler, handlerOf(r.Framework)))
	}
	if r.Mw != traceapi.NoMiddleware {
		checks = append(checks, apitest.ArgIs(-1, apitest.Variadic))
	}
	if r.Returns {
		checks = append(checks, apitest.ResultIs(0, apitest.Pred{What: "a value", Fits: func(types.Type, bool) bool { return true }}))
	}
	return apitest.All(checks...)
}

// handlerOf: a handler interface, or a function with one of the
// framework's handler signatures (any function when the framework has
// none listed).
func handlerOf(fw traceapi.Framework) apitest.Pred {
	return apitest.Pred{What: "a handler of " + string(fw), Fits: func(t types.Type, _ bool) bool {
		switch u := t.Underlying().(type) {
		case *types.Interface:
			return !u.Empty() || fw == traceapi.Fiber3F // fiber v3 takes handlers of any form
		case *types.Signature:
			l := traceapi.ByFramework(fw)
			if l == nil || len(l.Handlers) == 0 {
				return true
			}
			got, _ := traceapi.Handlers(u)
			return got == fw || fw == traceapi.GatewayF && got == traceapi.HTTP
		}
		return false
	}}
}

// middlewareOf: middleware is a function or a handler interface; fiber v3
// takes handlers of any form (...any).
func middlewareOf(fw traceapi.Framework) apitest.Pred {
	if fw != traceapi.Fiber3F {
		return apitest.Handler
	}
	return apitest.Pred{What: "a handler or any", Fits: func(t types.Type, _ bool) bool {
		i, ok := t.Underlying().(*types.Interface)
		return ok && i.Empty() || apitest.Handler.Fits(t, false)
	}}
}

// derivationCheck: the route is a string and MwFrom fits mw (variadic
// middleware for sub-routers, a callback for router callbacks).
func derivationCheck(d traceapi.Derivation, mw ...apitest.Pred) func(types.Object) error {
	var checks []func(types.Object) error
	if d.Route >= 0 {
		checks = append(checks, apitest.ArgIs(d.Route, apitest.String))
	}
	if d.MwFrom >= 0 {
		checks = append(checks, apitest.ArgIs(d.MwFrom, mw...))
	}
	return apitest.All(checks...)
}

// subscriptionCheck: the subject is a string, the handler a callback (or
// a channel with Chan).
func subscriptionCheck(s traceapi.Subscription) func(types.Object) error {
	var checks []func(types.Object) error
	if s.Subject >= 0 {
		checks = append(checks, apitest.ArgIs(s.Subject, apitest.String))
	}
	h := apitest.Callback
	if s.Chan {
		h = apitest.Chan
	}
	return apitest.All(append(checks, apitest.ArgIs(s.Handler, apitest.Single, h))...)
}

// hasMethod: the type is an interface with the method.
func hasMethod(name string) func(types.Object) error {
	return func(obj types.Object) error {
		i, ok := obj.Type().Underlying().(*types.Interface)
		if !ok {
			return fmt.Errorf("not an interface")
		}
		for m := range i.Methods() {
			if m.Name() == name {
				return nil
			}
		}
		return fmt.Errorf("has no method %s", name)
	}
}

// constValue: the constant's value is want.
func constValue(want int64) func(types.Object) error {
	return func(obj types.Object) error {
		c := obj.(*types.Const)
		if v, ok := constant.Int64Val(c.Val()); !ok || v != want {
			return fmt.Errorf("value %s; the table says %d", c.Val(), want)
		}
		return nil
	}
}
