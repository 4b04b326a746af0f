// Package spanrequired implements the spanrequired rule: report HTTP, gRPC and message handlers that run without a span.
package spanrequired

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/directives"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/report"
	"github.com/obscheck/obscheck/internal/ruledoc"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

// Name is the rule name.
const Name = "spanrequired"

// Analyzer is the spanrequired rule with the default policy source: the
// analyzer's flags, $OBSCHECK_CONFIG or the nearest .obscheck.yaml (go vet,
// golangci-lint, nogo).
var Analyzer = New(nil)

// New returns the spanrequired rule reading each package's policy from src.
func New(src *policy.Source) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: Name,
		Doc: `report HTTP, gRPC and message handlers that run without a span

Every entry point of a service must run inside a span: an HTTP handler
registered with net/http, gin, echo, chi, gorilla/mux, fiber (v2, v3),
grpc-gateway or connect-go; a method of a gRPC service implementation; a
message handler or per-message loop of NATS/JetStream, Kafka (sarama,
kafka-go, franz-go), RabbitMQ (amqp091-go), Watermill, Google Cloud
Pub/Sub or AWS SQS; a function whose signature is listed in
rules.spanrequired.handlers. It starts one itself (tracer.Start, a
policy.span_starters function, or a function of the module that starts
one), or it is covered by tracing middleware where it is registered, on
the router it is registered on, or where that router is served
(otelhttp, otelgin, otelecho, otelmux, otelfiber, otelconnect's
interceptor, Watermill's OpenTelemetry middleware,
policy.tracing_middleware, grpc.StatsHandler(otelgrpc...)). Routers are
followed across packages: a router built in one package is judged where
it is served, and one router's registrations never change the verdict on
another. Routes in rules.spanrequired.exempt_routes (health probes,
metrics, pprof) are exempt.`,
		URL:       "https://github.com/obscheck/obscheck/blob/main/docs/rules.md#spanrequired",
		Requires:  []*analysis.Analyzer{inspect.Analyzer, directives.New(src)},
		Run:       func(pass *analysis.Pass) (any, error) { return run(pass, src) },
		FactTypes: []analysis.Fact{(*startsSpan)(nil), (*wrapsSpan)(nil), (*subscribes)(nil), (*noSpan)(nil), (*router)(nil), (*grpcServer)(nil)},

		ResultType: report.ResultType,
	}
	policy.RegisterFlags(&a.Flags)
	return a
}

// Explain is the long-form documentation.
var Explain = ruledoc.Explain{
	Rationale: `A request or message handled without a span leaves a hole in every trace
that passes through it: the caller's span ends at the network hop, the
handler's logs carry no trace id, and its latency and errors are invisible
in the tracing backend. Debugging production then becomes guesswork. The
rule finds every entry point of the service and requires that it runs in a
span, started by the handler itself or by tracing middleware. Async
consumers must start a span per message, not once around the loop.`,
	Bad:  examples(func(l *traceapi.Lib) string { return l.Bad }),
	Good: examples(func(l *traceapi.Lib) string { return l.Good }),
	Notes: `Handlers: functions, methods, literals and ServeHTTP methods (generic
ones too) registered with net/http (Handle, HandleFunc, http.HandlerFunc,
ListenAndServe, http.Server{Handler}), gin, echo, chi (including Route,
Group, With, Mount), gorilla/mux, fiber v2 and v3 (routes, Group, Route,
Mount) and grpc-gateway (HandlePath); methods of a type passed to a
generated Register<Svc>Server that implement the service interface, and
of the implementation given to a generated connect New<Svc>Handler
(generated code and the embedded Unimplemented<Svc>Server/Handler are never
handlers); services registered on a grpc-gateway runtime.ServeMux by the
generated Register<Svc>Handler* functions (reported at the registration
when the gateway mux is served unwrapped); nats Subscribe/QueueSubscribe
callbacks and ChanSubscribe receive loops, JetStream Consume callbacks and
Messages().Next loops, sarama ConsumeClaim loops over claim.Messages(),
kafka-go ReadMessage/FetchMessage loops, franz-go EachRecord callbacks and
record loops (Records, RecordsAll, RecordIter), RabbitMQ loops receiving
amqp.Delivery values (range or <-), Watermill router handlers
(AddHandler, AddNoPublisherHandler; middleware added to the router or to
the returned *Handler covers them), Pub/Sub Receive callbacks (a client
created with EnableOpenTelemetryTracing traces them), loops over the
Messages of an SQS ReceiveMessage result; and functions whose signature is
in rules.spanrequired.handlers. A function that only hands the request on
(next.ServeHTTP, c.Next) is middleware, not an endpoint. huma and goa
operations are not recognized as handlers: only the net/http router they
are mounted on is judged (wrap it with otelhttp.NewHandler).

A handler starts a span when it (or a function of the module it calls,
known by fact) calls trace.Tracer.Start, a policy.span_starters function,
or anything returning a context together with a span (a team's own Tracer
interface, StartSpan helpers returning (ctx, span, logger)). Consumers
start one per message: inside the loop, not once around it.

Batch consumers: a span started once for a batch covers its messages when
each message's context is linked to it (span.AddLink,
trace.LinkFromContext, trace.WithLinks, trace.Link literals): links count
as coverage. A loop or callback over messages that only does bookkeeping
(metrics, counting, concatenating the messages of a bounded read, acking:
calls into metrics libraries, strings/bytes/strconv/time and the message
client itself) handles no message and is not reported; processing each
message (calling the module's code, a function value, a database...)
inside one unlinked span started before the loop is. The same rules hold
for loops (over Records(), a variable holding them, a channel) and for
callbacks (EachRecord, Subscribe).

Wrappers: a function that hands the request to a handler it did not
create (a next parameter, a field, a handler captured from outside:
prev := srv.Handler; srv.Handler = http.HandlerFunc(func(w, r) { ...;
prev.ServeHTTP(w, r) })) is middleware. A function of the module that
passes its parameter as the handler of a subscription (a project Bus
around *nats.Conn whose Subscribe(subject, nats.MsgHandler) calls
nc.Subscribe) is a subscription too, and so is the method of a local
interface implemented only by such wrappers (a fact carries it across
packages).

Routers are judged where they are served: a router built in one package
and returned (func Routes() *http.ServeMux) is reported in the package that
serves it unwrapped, at the serve site, with each handler's declaration and
registration as related locations (an //obscheck:ignore spanrequired
directive at the declaration suppresses it there too); a router that is
never served inside the module is not reported. A constructor that wraps
one of its handlers in a span does not make the rest of its router traced.
Routes are shown as the server sees them: a router mounted with
mux.Handle("/admin/", sub) keeps its own patterns, while http.StripPrefix,
chi Mount, fiber Mount, groups and gorilla PathPrefix().Subrouter() prefix
them. rules.spanrequired.assume_traced_routers declares router constructors
as traced. A gRPC service is judged where its server's origin is known:
grpc.NewServer or a function of the module returning the server (traced if
its package installs otelgrpc), including services registered by a
function on its server parameter (judged at the caller).

A suggested fix inserting tracer.Start and defer span.End() is offered when
the package has a variable of type trace.Tracer and the handler's
parameters make the edit compile.`,
}

// examples joins the libraries' examples, each under its name.
func examples(get func(*traceapi.Lib) string) string {
	var b strings.Builder
	for _, l := range traceapi.Libs {
		if ex := get(l); ex != "" {
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "// %s\n%s\n", l.Name, ex)
		}
	}
	return b.String()
}

func run(pass *analysis.Pass, src *policy.Source) (any, error) {
	r, pol, err := report.Begin(pass, Name, src)
	if r == nil {
		return report.Disabled(Name), err
	}
	// The standard library and the libraries of the tables are knowledge,
	// not code under analysis.
	if pass.Pkg == nil || traceapi.Library(pass.Pkg.Path()) {
		return r.Result(), nil
	}
	s := newState(pass, pol)
	s.collect()
	s.localSubscriptions()
	s.solve()
	s.r = r
	s.reported = map[token.Pos]bool{}
	s.reportedExt = map[string]bool{}
	servedParams := s.linkCalls()
	s.reportServes()
	s.reportSubs()
	s.reportLoops()
	s.reportGRPC()
	s.reportEntries()
	s.exportFacts(servedParams)
	return r.Result(), nil
}

// linkCalls connects router arguments to what the callee does with its
// parameters, and turns calls to functions that serve a parameter into
// serve sites. It returns the parameters this package serves.
func (s *state) linkCalls() map[*types.Var]bool {
	for _, c := range s.calls {
		sig, ok := c.fn.Type().(*types.Signature)
		if !ok {
			continue
		}
		if c.fn.Pkg() == s.pass.Pkg {
			for i, a := range c.call.Args {
				if i >= sig.Params().Len() {
					break
				}
				if pn, ok := s.objs[sig.Params().At(i)]; ok && s.routerish(s.info.TypeOf(a)) {
					an := s.resolve(a)
					an.kids = append(an.kids, pn.find())
					if s.nodeTraced(pn.find()) { // setupTracing(r): r.Use(otelgin.Middleware(...))
						an.traced = true
					}
				}
			}
		} else if f := s.importedRouter(c.fn); f != nil {
			for _, p := range f.Params {
				if p.Index >= len(c.call.Args) {
					continue
				}
				a := c.call.Args[p.Index]
				var httpRefs []HandlerRef
				for _, h := range p.Handlers {
					if h.Kind != string(fwGRPC) {
						httpRefs = append(httpRefs, h)
					}
				}
				if len(httpRefs) > 0 {
					an := s.resolve(a)
					an.kids = append(an.kids, &node{ext: httpRefs, extPos: c.call.Pos()})
				}
				if p.Traced && !p.Served {
					s.resolve(a).traced = true
				}
				if p.Served {
					s.serves = append(s.serves, served{expr: a, node: s.resolve(a), traced: p.Traced, pos: c.call.Pos()})
				}
			}
		}
	}
	// Parameters served in this package: their callers serve the argument.
	params := map[*types.Var]bool{}
	done := map[*ast.CallExpr]bool{}
	for round := 0; round < 4; round++ {
		grew := false
		for _, sv := range s.serves {
			n := sv.node.find()
			if n.param == nil {
				continue
			}
			if _, ok := params[n.param]; !ok {
				params[n.param] = sv.traced || s.nodeTraced(n)
				grew = true
			}
		}
		if !grew {
			break
		}
		for _, c := range s.calls {
			if done[c.call] || c.fn.Pkg() != s.pass.Pkg {
				continue
			}
			sig, ok := c.fn.Type().(*types.Signature)
			if !ok {
				continue
			}
			for i, a := range c.call.Args {
				if i >= sig.Params().Len() {
					break
				}
				if t, ok := params[sig.Params().At(i)]; ok {
					done[c.call] = true
					s.serves = append(s.serves, served{expr: a, node: s.resolve(a), traced: t, pos: c.call.Pos()})
				}
			}
		}
	}
	return params
}

func (s *state) reportServes() {
	// srv.Handler = otelhttp.NewHandler(srv.Handler, "api") (or any traced
	// handler) replaces the handler the literal assigned to the same
	// server variable or field was built with; other servers are not
	// concerned.
	serversTraced := map[types.Object]bool{}
	for _, sv := range s.serves {
		if sv.assign && sv.server != nil && s.nodeTraced(sv.node.find()) {
			serversTraced[sv.server] = true
		}
	}
	for _, sv := range s.serves {
		n := sv.node.find()
		if n.param != nil || s.assumedTraced(sv.expr) || sv.field && !sv.assign && sv.server != nil && serversTraced[sv.server] {
			continue
		}
		var items []item
		s.walk(n, walkCtx{traced: sv.traced, fw: traceapi.HTTP}, map[*node]bool{}, &items)
		s.reportItems(items, sv.pos)
	}
}

// assumedTraced reports whether e is a call to a router constructor named
// in rules.spanrequired.assume_traced_routers.
func (s *state) assumedTraced(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	name := calleeName(s.info, call)
	for _, n := range s.pol.Rules.SpanRequired.AssumeTracedRouters {
		if n == name {
			return true
		}
	}
	return false
}

func (s *state) reportItems(items []item, servePos token.Pos) {
	for _, it := range items {
		if it.fn != nil {
			s.reportFunc(it.fn, it.route, it.fw, it.regPos, servePos)
			continue
		}
		pos := it.pos
		if pos == token.NoPos {
			pos = servePos
		}
		key := fmt.Sprint(pos, it.ref.Name, it.ref.Decl, it.route)
		if s.reportedExt[key] {
			continue
		}
		s.reportedExt[key] = true
		name := it.ref.Name
		if it.ref.Kind == gatewayService {
			d := analysis.Diagnostic{
				Pos:     pos,
				Message: fmt.Sprintf("gRPC-gateway service %s answers HTTP requests without a span: wrap the gateway mux with otelhttp.NewHandler where it is served", name),
			}
			if it.ref.Reg != report.PositionOf(s.pass.Fset, pos) {
				d.Related = s.r.Related(it.ref.Reg, "service "+name+" is registered here")
			}
			if servePos != token.NoPos && servePos != pos {
				d.Related = append(d.Related, report.RelatedHere(servePos, "served here")...)
			}
			s.r.Report(d)
			continue
		}
		// The handler and its registration are in another package: they
		// are related locations, never part of the message, so the
		// finding keeps its identity when lines move there.
		related := s.r.Related(it.ref.Decl, "handler "+name+" is declared here")
		if it.ref.Reg.IsValid() {
			related = append(related, s.r.Related(it.ref.Reg, "handler "+name+" is registered here")...)
		} else if it.regPos != token.NoPos && it.regPos != pos {
			related = append(related, report.RelatedHere(it.regPos, "handler "+name+" is registered here")...)
		}
		s.r.Report(analysis.Diagnostic{
			Pos:     pos,
			Message: fmt.Sprintf("handler %s %s without a span: %s", name, serves(it.fw, it.route), hint(it.fw, spanName(name, it.route))),
			Related: related,
		})
	}
}

func serves(fw traceapi.Framework, route string) string {
	switch fw {
	case fwMessage, traceapi.WaterF:
		if route == "" {
			return "consumes messages"
		}
		return "consumes " + route
	case fwGRPC:
		return "serves gRPC method " + route
	case traceapi.ConnectF:
		if route != "" {
			return "serves connect procedure " + route
		}
	}
	if route == "" {
		return "serves requests"
	}
	return "serves " + route
}

const (
	fwMessage traceapi.Framework = "message"
	fwGRPC    traceapi.Framework = "grpc"
)

func hint(fw traceapi.Framework, name string) string {
	switch fw {
	case fwGRPC:
		return fmt.Sprintf("start one with tracer.Start(ctx, %q) or create the server with grpc.StatsHandler(otelgrpc.NewServerHandler())", name)
	case fwMessage:
		return fmt.Sprintf("start one per message with tracer.Start(ctx, %q)", name)
	}
	if l := traceapi.ByFramework(fw); l != nil && l.Hint != "" {
		return fmt.Sprintf(l.Hint, name)
	}
	return fmt.Sprintf(traceapi.NetHTTPLib.Hint, name)
}

// spanName suggests a span name: the function's name, or for a literal
// its route (else the enclosing function's name).
func spanName(name, route string) string {
	if rest, ok := strings.CutPrefix(name, "func literal"); ok {
		if route != "" {
			return route
		}
		if rest = strings.TrimPrefix(rest, " in "); rest != "" {
			return rest
		}
	}
	return name
}

// funcInfo returns the position and display name of a handler.
func (s *state) funcInfo(f *hfunc) (token.Pos, string) {
	switch d := f.fn.(type) {
	case *ast.FuncDecl:
		if fn, ok := s.info.Defs[d.Name].(*types.Func); ok {
			return d.Name.Pos(), funcDisplayName(fn)
		}
		return d.Name.Pos(), d.Name.Name
	case *ast.FuncLit:
		if o := s.litOwner[d]; o != nil {
			name := o.Name.Name
			if fn, ok := s.info.Defs[o.Name].(*types.Func); ok {
				name = funcDisplayName(fn)
			}
			return d.Pos(), "func literal in " + name
		}
		return d.Pos(), "func literal"
	}
	return token.NoPos, ""
}

// reportFunc reports a handler of this package at its declaration; where
// it is registered and served are related locations.
func (s *state) reportFunc(f *hfunc, route string, fw traceapi.Framework, regPos, servePos token.Pos) {
	pos, name := s.funcInfo(f)
	if pos == token.NoPos || s.reported[pos] {
		return
	}
	s.reported[pos] = true
	if fw == "" {
		fw = traceapi.HTTP
	}
	sn := spanName(name, route)
	who := "handler"
	if fw == fwMessage || fw == traceapi.WaterF {
		who = "message handler"
	}
	d := analysis.Diagnostic{
		Pos:     pos,
		Message: fmt.Sprintf("%s %s %s without a span: %s", who, name, serves(fw, route), hint(fw, sn)),
	}
	if regPos != token.NoPos {
		d.Related = append(d.Related, report.RelatedHere(regPos, "registered here")...)
	}
	if servePos != token.NoPos && servePos != regPos {
		d.Related = append(d.Related, report.RelatedHere(servePos, "served here")...)
	}
	if fix := s.fix(f, sn, fw); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	s.r.Report(d)
}

func (s *state) reportSubs() {
	for _, sub := range s.subs {
		if fn := callee(s.info, sub.call); fn != nil && fn.Pkg() != nil && s.tracedClients[fn.Pkg().Path()] {
			continue // the client runs every callback in a span
		}
		var items []item
		s.walk(s.resolve(sub.handler), walkCtx{fw: fwMessage, route: sub.subject}, map[*node]bool{}, &items)
		kept := items[:0]
		for _, it := range items {
			// A callback that only does bookkeeping or links each
			// message to a batch span is not a per-message handler.
			if it.fn != nil {
				if u := s.units[it.fn.fn]; u != nil && (u.links || !u.handles) {
					continue
				}
			}
			kept = append(kept, it)
		}
		items = kept
		for i := range items {
			items[i].fw = fwMessage
			items[i].route = sub.subject
		}
		s.reportItems(items, sub.call.Pos())
	}
}

func (s *state) reportLoops() {
	loops := append([]consumerLoop(nil), s.loops...)
	for obj := range s.chans {
		loops = append(loops, s.chanLoops[obj]...)
	}
	sort.Slice(loops, func(i, j int) bool { return loops[i].loop.Pos() < loops[j].loop.Pos() })
	for _, l := range loops {
		if l.fn == nil || s.reported[l.loop.Pos()] {
			continue
		}
		// Not a per-message handler: a dispatcher, a loop that starts its
		// span, links each message to a batch span, or only does
		// bookkeeping (metrics, concatenating a bounded read, acking).
		if u := s.units[l.loop]; u == nil || u.delegates || s.unitStarts(u) || u.links || !u.handles {
			continue
		}
		s.reported[l.loop.Pos()] = true
		name := l.fn.Name.Name
		if fn, ok := s.info.Defs[l.fn.Name].(*types.Func); ok {
			name = funcDisplayName(fn)
		}
		if s.startsBefore(s.units[l.fn], l.loop.Pos()) {
			if s.units[l.fn].links {
				continue // a batch span linked to its messages: links count as coverage
			}
			s.r.Reportf(l.loop.Pos(), "message loop in %s handles every message in one span started outside the loop: start one per message inside the loop with tracer.Start(ctx, %q)", name, name)
			continue
		}
		s.r.Reportf(l.loop.Pos(), "message loop in %s handles each message without a span: start one per message inside the loop with tracer.Start(ctx, %q)", name, name)
	}
}

// grpcRegistration recognizes a generated Register<Svc>Server call.
func (s *state) grpcRegistration(call *ast.CallExpr, fn *types.Func) (grpcReg, bool) {
	name := fn.Name()
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() != nil || !strings.HasPrefix(name, "Register") || !strings.HasSuffix(name, "Server") || len(name) <= len("RegisterServer") {
		return grpcReg{}, false
	}
	if sig.Params().Len() != 2 || len(call.Args) != 2 {
		return grpcReg{}, false
	}
	t0 := sig.Params().At(0).Type()
	if p, ok := t0.(*types.Pointer); ok {
		t0 = p.Elem()
	}
	n0, ok := types.Unalias(t0).(*types.Named)
	if !ok || n0.Obj().Pkg() == nil || !traceapi.GRPCRegistrars[n0.Obj().Pkg().Path()+"."+n0.Obj().Name()] {
		return grpcReg{}, false
	}
	iface, ok := sig.Params().At(1).Type().Underlying().(*types.Interface)
	if !ok {
		return grpcReg{}, false
	}
	svc := strings.TrimSuffix(strings.TrimPrefix(name, "Register"), "Server")
	return grpcReg{call: call, server: call.Args[0], impl: call.Args[1], iface: iface, svc: svc}, true
}

// grpcMethod is a method of a registered gRPC service that starts no span.
type grpcMethod struct {
	decl  *ast.FuncDecl
	route string
}

func (s *state) uncoveredMethods(g grpcReg) []grpcMethod {
	t := s.info.TypeOf(g.impl)
	if t == nil {
		return nil
	}
	var out []grpcMethod
	for i := 0; i < g.iface.NumMethods(); i++ {
		m := g.iface.Method(i)
		if !m.Exported() {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, s.pass.Pkg, m.Name())
		fn, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		d := s.decls[fn]
		if d == nil || s.generated[s.declFile[d]] {
			continue // generated code (Unimplemented<Svc>Server) or another package
		}
		if u := s.units[d]; u != nil && !s.unitStarts(u) {
			out = append(out, grpcMethod{d, g.svc + "/" + m.Name()})
		}
	}
	return out
}

func (s *state) reportGRPC() {
	if s.grpcTrace {
		return
	}
	params := map[*types.Var][]grpcMethod{}
	for _, g := range s.grpcRegs {
		if v := s.paramOf(g.server); v != nil { // the caller's server decides
			params[v] = append(params[v], s.uncoveredMethods(g)...)
			continue
		}
		if known, traced := s.knownGRPCServer(g.server); !known || traced {
			continue
		}
		for _, m := range s.uncoveredMethods(g) {
			s.reportFunc(&hfunc{fn: m.decl}, m.route, fwGRPC, token.NoPos, token.NoPos)
		}
	}
	s.grpcParams = map[*types.Var][]HandlerRef{}
	for v, ms := range params {
		for _, m := range ms {
			pos, name := s.funcInfo(&hfunc{fn: m.decl})
			s.grpcParams[v] = append(s.grpcParams[v], HandlerRef{Name: name, Route: m.route, Decl: report.PositionOf(s.pass.Fset, pos), Kind: string(fwGRPC)})
		}
	}
	// Servers passed to functions registering services on their parameter.
	for _, c := range s.calls {
		sig, ok := c.fn.Type().(*types.Signature)
		if !ok {
			continue
		}
		for i, a := range c.call.Args {
			if i >= sig.Params().Len() {
				break
			}
			if known, traced := s.knownGRPCServer(a); !known || traced {
				continue
			}
			if c.fn.Pkg() == s.pass.Pkg {
				for _, m := range params[sig.Params().At(i)] {
					s.reportFunc(&hfunc{fn: m.decl}, m.route, fwGRPC, token.NoPos, token.NoPos)
				}
			} else if f := s.importedRouter(c.fn); f != nil {
				for _, p := range f.Params {
					if p.Index != i {
						continue
					}
					var refs []item
					for _, h := range p.Handlers {
						if h.Kind == string(fwGRPC) {
							refs = append(refs, item{ref: h, pos: c.call.Pos(), route: h.Route, fw: fwGRPC})
						}
					}
					s.reportItems(refs, c.call.Pos())
				}
			}
		}
	}
}

// paramOf returns the parameter of a declared function e denotes, or nil.
func (s *state) paramOf(e ast.Expr) *types.Var {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := s.info.Uses[id].(*types.Var); ok && s.declParam(v) {
			return v
		}
	}
	return nil
}

// knownGRPCServer reports whether e is a gRPC server of known origin and
// whether it was created traced.
func (s *state) knownGRPCServer(e ast.Expr) (known, traced bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		return s.grpcServerCall(e)
	case *ast.Ident, *ast.SelectorExpr:
		if obj := s.info.Uses[identOf(e)]; obj != nil {
			traced, known = s.grpcSrv[obj]
			return known, traced
		}
	}
	return false, false
}

func (s *state) reportEntries() {
	for _, d := range s.entries {
		if s.unitStarts(s.units[d]) {
			continue
		}
		pos, name := s.funcInfo(&hfunc{fn: d})
		if s.reported[pos] {
			continue
		}
		s.reported[pos] = true
		s.r.Reportf(pos, "entry point %s runs without a span: start one with tracer.Start(ctx, %q)", name, name)
	}
}

func (s *state) exportFacts(servedParams map[*types.Var]bool) {
	for fn, w := range s.subWrappers {
		s.pass.ExportObjectFact(fn, &subscribes{Subject: w.Subject, Handler: w.Handler})
	}
	for fn, d := range s.decls {
		if s.fnStarts[fn] {
			s.pass.ExportObjectFact(fn, &startsSpan{})
		}
		if s.wrapsInSpan(fn) {
			s.pass.ExportObjectFact(fn, &wrapsSpan{})
		}
		if returnsGRPCServer(fn) {
			s.pass.ExportObjectFact(fn, &grpcServer{Traced: s.grpcTrace})
		}
		sig, ok := fn.Type().(*types.Signature)
		if !ok {
			continue
		}
		if !s.fnStarts[fn] && fn.Exported() && handlerSig(sig) != "" && !s.generated[s.declFile[d]] {
			if u := s.units[d]; u != nil && !u.delegates {
				s.pass.ExportObjectFact(fn, &noSpan{})
			}
		}
		if s.generated[s.declFile[d]] {
			continue // generated code (connect, grpc-gateway) is modelled at its call sites
		}
		var f router
		if rets := s.returns[fn]; len(rets) > 0 && !s.assumed(fn) {
			var items []item
			for _, r := range rets {
				s.walk(s.resolve(r), walkCtx{fw: traceapi.HTTP}, map[*node]bool{}, &items)
			}
			f.Result = s.refs(items)
		}
		for i := 0; i < sig.Params().Len(); i++ {
			p := sig.Params().At(i)
			pr := ParamRouter{Index: i}
			if pn, ok := s.objs[p]; ok {
				var items []item
				s.walk(pn, walkCtx{fw: traceapi.HTTP}, map[*node]bool{}, &items)
				pr.Handlers = s.refs(items)
				pr.Traced = s.nodeTraced(pn.find())
			}
			if t, ok := servedParams[p]; ok {
				pr.Served, pr.Traced = true, t
			}
			pr.Handlers = append(pr.Handlers, s.grpcParams[p]...)
			if len(pr.Handlers) > 0 || pr.Served || pr.Traced {
				f.Params = append(f.Params, pr)
			}
		}
		if len(f.Result) > 0 || len(f.Params) > 0 {
			s.pass.ExportObjectFact(fn, &f)
		}
	}
}

func (s *state) assumed(fn *types.Func) bool {
	name := fullName(fn)
	for _, n := range s.pol.Rules.SpanRequired.AssumeTracedRouters {
		if n == name {
			return true
		}
	}
	return false
}

// refs turns walk items into fact handler references.
func (s *state) refs(items []item) []HandlerRef {
	var out []HandlerRef
	seen := map[string]bool{}
	for _, it := range items {
		r := it.ref
		if it.fn != nil {
			pos, name := s.funcInfo(it.fn)
			if s.suppressedHere(pos) {
				continue // //obscheck:ignore at the declaration holds wherever it is served
			}
			r = HandlerRef{Name: name, Route: it.route, Decl: report.PositionOf(s.pass.Fset, pos), Kind: string(it.fw)}
		}
		if !r.Reg.IsValid() {
			r.Reg = report.PositionOf(s.pass.Fset, it.regPos)
		}
		if k := fmt.Sprint(r.Name, r.Decl, r.Route); !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

// declAt returns the function declaration holding pos, or nil.
func (s *state) declAt(pos token.Pos) *ast.FuncDecl {
	for _, d := range s.decls {
		if d.Pos() <= pos && pos < d.End() {
			return d
		}
	}
	return nil
}

// suppressedHere reports whether a directive at pos suppresses this rule;
// the suppression is then recorded as used (through the reporter, which
// drops the finding), so a handler declared here and served elsewhere can
// be suppressed at its declaration.
func (s *state) suppressedHere(pos token.Pos) bool {
	ix := s.r.Directives()
	if ix == nil || ix.Suppressing(Name, pos) == nil {
		return false
	}
	if !s.reported[pos] {
		s.reported[pos] = true
		s.r.Report(analysis.Diagnostic{Pos: pos, Message: "suppressed handler"})
	}
	return true
}
