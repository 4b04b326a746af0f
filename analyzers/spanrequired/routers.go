package spanrequired

// Routers: registrations, serve sites, servers and their handler fields.

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/report"
	"golang.org/x/tools/go/ast/inspector"
)

func (s *state) serve(e ast.Expr, pos token.Pos) {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok && id.Name == "nil" {
		if _, isNil := s.info.Uses[id].(*types.Nil); isNil {
			s.serves = append(s.serves, served{expr: e, node: s.defaultMux(), pos: pos})
			return
		}
	}
	s.serves = append(s.serves, served{expr: e, node: s.resolve(e), pos: pos})
}

var defaultMuxKey = types.NewVar(token.NoPos, nil, traceapi.DefaultMux, nil)

func (s *state) defaultMux() *node { return s.objNode(defaultMuxKey) }

func (s *state) registration(call *ast.CallExpr, fn *types.Func, r traceapi.Registration) {
	var router *node
	if recv := receiver(call); recv != nil && fn.Type().(*types.Signature).Recv() != nil {
		router = s.resolve(recv)
	} else {
		router = s.defaultMux()
	}
	h := r.Handler
	if h < 0 {
		h = len(call.Args) - 1
	}
	if h == len(call.Args) && h == 1 && r.Route == 0 {
		// mux.Handle(greetv1connect.NewGreetServiceHandler(impl)): the
		// service's path and handler.
		if inner, ok := ast.Unparen(call.Args[0]).(*ast.CallExpr); ok && s.serviceCtor(inner, callee(s.info, inner)) != nil {
			rg := &reg{fw: r.Framework, pos: call.Pos(), target: s.resolve(inner)}
			router.find().regs = append(router.find().regs, rg)
			s.regs = append(s.regs, rg)
		}
		return
	}
	if h < 0 || h >= len(call.Args) || call.Ellipsis.IsValid() {
		return
	}
	rg := &reg{fw: r.Framework, pos: call.Pos(), mount: r.Mount}
	if r.Route >= 0 && r.Route < len(call.Args) {
		rg.route = s.str(call.Args[r.Route])
	} else if recv := receiver(call); recv != nil {
		rg.route = s.chainRoute(recv)
	}
	var mws []ast.Expr
	switch r.Mw {
	case traceapi.BeforeHandler:
		if r.Route+1 < h {
			mws = call.Args[r.Route+1 : h]
		}
	case traceapi.AfterHandler:
		mws = call.Args[h+1:]
	}
	rg.mws = mws
	rg.target = s.resolve(call.Args[h])
	if r.Returns {
		// h := router.AddHandler(...); h.AddMiddleware(mw): the
		// registration's result stands for the handler.
		rg.target = s.resolve(call)
		rg.target.kids = append(rg.target.kids, s.resolve(call.Args[h]))
	}
	router.find().regs = append(router.find().regs, rg)
	s.regs = append(s.regs, rg)
}

// chainRoute finds the route of a gorilla/mux chain: r.Path("/x").Methods("GET").
func (s *state) chainRoute(e ast.Expr) string {
	for i := 0; i < 8; i++ {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return ""
		}
		name := funcname.CalleeName(s.info, call)
		if idx, ok := traceapi.RouteSetters[name]; ok && idx < len(call.Args) {
			r := s.str(call.Args[idx])
			return r
		}
		e = receiver(call)
		if e == nil {
			return ""
		}
	}
	return ""
}

func (s *state) assign(a *ast.AssignStmt) {
	if len(a.Lhs) != len(a.Rhs) {
		// path, h := greetv1connect.NewGreetServiceHandler(impl): h.
		if call, ok := ast.Unparen(a.Rhs[0]).(*ast.CallExpr); ok && len(a.Rhs) == 1 && len(a.Lhs) == 2 {
			if s.serviceCtor(call, callee(s.info, call)) != nil {
				if v, ok := s.exprObj(a.Lhs[1]).(*types.Var); ok {
					union(s.objNode(v), s.resolve(call))
				}
			}
		}
		// mw, err := otelconnect.NewInterceptor(): the first result.
		if len(a.Rhs) == 1 && len(a.Lhs) > 1 {
			if id, ok := a.Lhs[0].(*ast.Ident); ok {
				if v, ok := s.info.ObjectOf(id).(*types.Var); ok && mayHoldMiddleware(v.Type()) {
					s.varValues[v] = append(s.varValues[v], a.Rhs[0])
				}
			}
		}
		return
	}
	for i, l := range a.Lhs {
		var obj types.Object
		switch l := ast.Unparen(l).(type) {
		case *ast.Ident:
			obj = s.info.ObjectOf(l)
		case *ast.SelectorExpr:
			obj = s.info.ObjectOf(l.Sel)
			// srv.Handler = h
			if v, ok := obj.(*types.Var); ok && v.IsField() && serverFieldNames[v.Name()] && s.serverField(s.info.TypeOf(l.X), v.Name()) {
				s.serve(a.Rhs[i], a.Pos())
				s.serves[len(s.serves)-1].field = true
				s.serves[len(s.serves)-1].assign = true
				s.serves[len(s.serves)-1].server = s.exprObj(l.X)
				continue
			}
		}
		s.bind(obj, a.Rhs[i])
	}
}

// bind aliases a router- or handler-typed variable to its value.
func (s *state) bind(obj types.Object, rhs ast.Expr) {
	v, ok := obj.(*types.Var)
	if !ok || rhs == nil {
		return
	}
	if call, ok := ast.Unparen(rhs).(*ast.CallExpr); ok && mayHoldGRPCServer(v.Type()) {
		if known, traced := s.grpcServerCall(call); known {
			s.grpcSrv[v] = traced
		}
	}
	if !v.IsField() && mayHoldMiddleware(v.Type()) {
		s.varValues[v] = append(s.varValues[v], rhs)
	}
	if !s.routerish(v.Type()) && !isHandlerFunc(v.Type()) {
		return
	}
	union(s.objNode(v), s.resolve(rhs))
}

// serverField reports whether t is (a pointer to) a server type whose field
// named field serves a handler.
func (s *state) serverField(t types.Type, field string) bool {
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	k, ok := funcname.KeyOf(t)
	return ok && serverHandlerFields[k] == field
}

var (
	serverHandlerFields = funcname.TypeKeys(traceapi.ServerHandlerFields)
	serverFieldNames    = func() map[string]bool {
		m := map[string]bool{}
		for _, f := range traceapi.ServerHandlerFields {
			m[f] = true
		}
		return m
	}()
)

func (s *state) compositeLit(cl *ast.CompositeLit, c inspector.Cursor) {
	s.tracingFlags(cl)
	s.linkLit(cl, c)
	if !s.serverField(s.info.TypeOf(cl), "Handler") {
		// &App{router: r}: the field holds the router its ServeHTTP hands on to.
		for _, el := range cl.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok {
					if v, ok := s.info.Uses[k].(*types.Var); ok && v.IsField() && v.Pkg() == s.pass.Pkg {
						s.bind(v, kv.Value)
					}
				}
			}
		}
		return
	}
	for _, el := range cl.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Handler" {
			s.serve(kv.Value, cl.Pos())
			s.serves[len(s.serves)-1].field = true
			s.serves[len(s.serves)-1].server = s.boundTo(c)
		}
	}
}

// boundTo returns the variable or field the composite literal on top of
// c is assigned to (srv := &http.Server{...}, s.srv = ..., Srv: ...).
func (s *state) boundTo(c inspector.Cursor) types.Object {
	child := c.Node()
	for p := c.Parent(); p.Node() != nil; p = p.Parent() {
		switch p := p.Node().(type) {
		case *ast.UnaryExpr, *ast.ParenExpr:
			child = p
			continue
		case *ast.AssignStmt:
			for j, r := range p.Rhs {
				if r == child && j < len(p.Lhs) && len(p.Lhs) == len(p.Rhs) {
					return s.exprObj(p.Lhs[j])
				}
			}
		case *ast.ValueSpec:
			for j, r := range p.Values {
				if r == child && j < len(p.Names) {
					return s.info.Defs[p.Names[j]]
				}
			}
		case *ast.KeyValueExpr:
			if p.Value == child {
				if k, ok := p.Key.(*ast.Ident); ok {
					return s.info.Uses[k]
				}
			}
		}
		return nil
	}
	return nil
}

// gatewayRegistration recognizes a generated gRPC-gateway registration,
// Register<Svc>Handler{,FromEndpoint,Server,Client}(ctx, mux, ...): the
// service answers HTTP requests on the mux.
func (s *state) gatewayRegistration(call *ast.CallExpr, fn *types.Func) {
	if len(traceapi.GatewayMuxes) == 0 || fn.Pkg() == s.pass.Pkg || !strings.HasPrefix(fn.Name(), "Register") {
		return
	}
	svc, _, ok := strings.Cut(strings.TrimPrefix(fn.Name(), "Register"), "Handler")
	if !ok || svc == "" {
		return
	}
	for _, a := range call.Args {
		t := s.info.TypeOf(a)
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if k, ok := funcname.KeyOf(t); ok && traceapi.GatewayMuxes[k.Path+"."+k.Name] {
			ref := HandlerRef{Name: svc, Kind: gatewayService, Reg: report.PositionOf(s.pass.Fset, call.Pos())}
			rg := &reg{fw: traceapi.GatewayF, pos: call.Pos(), target: &node{ext: []HandlerRef{ref}, extPos: call.Pos()}}
			mux := s.resolve(a).find()
			mux.regs = append(mux.regs, rg)
			s.regs = append(s.regs, rg)
			return
		}
	}
}

// gatewayService is the HandlerRef.Kind of a gRPC-gateway service.
const gatewayService = "grpc-gateway-service"

// handedOn reports whether a delegation hands the request to the next
// handler of a chain: a parameter (next), a struct field (m.next) or gin's
// c.Next. Serving a local http.FileServer is the endpoint's own work.
func (s *state) handedOn(call *ast.CallExpr, c inspector.Cursor) bool {
	recv := receiver(call)
	if recv == nil {
		return false
	}
	switch x := ast.Unparen(recv).(type) {
	case *ast.Ident:
		v, ok := s.info.Uses[x].(*types.Var)
		if !ok {
			return false
		}
		if s.param(v) || funcname.TypeIs(v.Type(), "*"+traceapi.Gin+".Context") {
			return true
		}
		// A handler captured from outside the function: prev :=
		// srv.Handler; srv.Handler = http.HandlerFunc(func(w, r) { ...;
		// prev.ServeHTTP(w, r) }) wraps prev. A handler the function
		// creates itself (fs := http.FileServer(...)) is its own work.
		f := innermostFunc(c)
		if f == nil || v.Pos() >= f.Pos() && v.Pos() < f.End() {
			return false
		}
		// A handler a library builds here (http.FileServer) is served as
		// the function's own work; a router, or what the module's own
		// constructors return, is handed on to.
		if isRouterType(v.Type()) {
			return true
		}
		for _, e := range s.varValues[v] {
			if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
				if fn := callee(s.info, call); fn == nil || fn.Pkg() == nil || !s.sameModule(fn.Pkg()) || traceapi.Library(fn.Pkg().Path()) {
					return false
				}
			}
		}
		return true
	case *ast.SelectorExpr:
		v, ok := s.info.Uses[x.Sel].(*types.Var)
		return ok && v.IsField()
	case *ast.CallExpr: // http.HandlerFunc(next).ServeHTTP
		if tv, ok := s.info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			if id, ok := ast.Unparen(x.Args[0]).(*ast.Ident); ok {
				v, ok := s.info.Uses[id].(*types.Var)
				return ok && s.param(v)
			}
		}
	}
	return false
}

// isServeHTTP reports whether fn is a ServeHTTP method of any handler type
// (a router's, another handler's): calling it hands the request on.
func isServeHTTP(fn *types.Func) bool {
	if fn == nil || fn.Name() != "ServeHTTP" {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Recv() != nil && handlerSig(sig) == traceapi.HTTP
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
		if n.param != nil {
			continue
		}
		traced := sv.traced || s.assumedTraced(sv.expr) || sv.field && !sv.assign && sv.server != nil && serversTraced[sv.server]
		var items []item
		s.walk(n, walkCtx{traced: traced, how: "router", fw: traceapi.HTTP, all: true}, map[*node]bool{}, &items)
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
