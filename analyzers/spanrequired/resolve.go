package spanrequired

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/report"
)

// resolve returns the node of a router or handler expression.
func (s *state) resolve(e ast.Expr) *node {
	e = ast.Unparen(e)
	if n, ok := s.resolving[e]; ok {
		return n.find()
	}
	n := &node{}
	s.resolving[e] = n
	s.fill(n, e)
	return n.find()
}

func (s *state) fill(n *node, e ast.Expr) {
	switch e := e.(type) {
	case *ast.FuncLit:
		n.funcs = append(n.funcs, hfunc{fn: e})
	case *ast.Ident, *ast.SelectorExpr:
		switch obj := s.info.Uses[identOf(e)].(type) {
		case *types.Func:
			s.funcTarget(n, obj.Origin(), e)
		case *types.Var:
			union(s.objNode(obj), n)
			s.serveHTTPMethods(n.find(), obj.Type())
		}
	case *ast.IndexExpr: // a generic handler instantiated: gh[int]
		union(n, s.resolve(e.X))
	case *ast.IndexListExpr:
		union(n, s.resolve(e.X))
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			union(n, s.resolve(e.X))
		}
	case *ast.StarExpr:
		union(n, s.resolve(e.X))
	case *ast.CompositeLit:
		s.serveHTTPMethods(n, s.info.TypeOf(e))
	case *ast.CallExpr:
		s.fillCall(n, e)
	}
}

func (s *state) fillCall(n *node, call *ast.CallExpr) {
	if tv, ok := s.info.Types[call.Fun]; ok && tv.IsType() {
		if len(call.Args) == 1 { // http.HandlerFunc(f)
			union(n, s.resolve(call.Args[0]))
		}
		return
	}
	if inner, ok := ast.Unparen(call.Fun).(*ast.CallExpr); ok { // mw(...)(h)
		n.mws = append(n.mws, inner)
	}
	fn := callee(s.info, call)
	name := ""
	if fn != nil {
		name = funcname.Of(fn)
	}
	if r, ok := traceapi.Registrations[name]; ok && r.Returns {
		return // the registered handler (registration adds it as a kid), not the router
	}
	if sv := s.serviceCtor(call, fn); sv != nil { // connect: New<Svc>Handler(impl, opts...)
		n.svcs = append(n.svcs, sv)
		n.mws = s.appendMws(n.mws, call.Args[1:])
		return
	}
	if i, ok := traceapi.Wrappers[name]; ok {
		n.traced = true
		if i < len(call.Args) {
			n.kids = append(n.kids, s.resolve(call.Args[i]))
		}
		return
	}
	if st, ok := traceapi.Strippers[name]; ok && st.Handler < len(call.Args) && st.Prefix < len(call.Args) {
		// http.StripPrefix("/v2", h): h's patterns are relative to /v2.
		n.prefix = s.str(call.Args[st.Prefix])
		n.kids = append(n.kids, s.resolve(call.Args[st.Handler]))
		return
	}
	if d, ok := traceapi.Derivations[name]; ok {
		if recv := receiver(call); recv != nil {
			if d.Route >= 0 && d.Route < len(call.Args) {
				n.prefix = s.str(call.Args[d.Route])
			} else if d.Chain {
				n.prefix = s.chainRoute(recv) // r.PathPrefix("/api").Subrouter()
			}
			if d.MwFrom >= 0 && d.MwFrom <= len(call.Args) {
				n.mws = append(n.mws, call.Args[d.MwFrom:]...)
			}
			p := s.resolve(recv)
			p.kids = append(p.kids, n)
		}
		return
	}
	if fn != nil {
		if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && isRouterType(sig.Recv().Type()) && sig.Results().Len() == 1 && isRouterType(sig.Results().At(0).Type()) {
			if recv := receiver(call); recv != nil { // gorilla: r.PathPrefix("/x").Subrouter()
				union(n, s.resolve(recv))
				return
			}
		}
		if fn.Pkg() == s.pass.Pkg {
			if len(s.returns[fn]) > 0 {
				n.ctors = append(n.ctors, fn)
			} else {
				n.mws = append(n.mws, call) // a local function returning a traced handler
			}
		} else {
			if f := s.importedRouter(fn); f != nil && len(f.Result) > 0 {
				n.ext = append(n.ext, f.Result...)
				n.extPos = call.Pos()
			}
			if s.wrapsInSpan(fn) { // a constructor returning a traced handler, not one that merely starts spans somewhere
				n.traced = true
			}
		}
	}
	// A chain built by a middleware library (alice.New(mw...).Then(h),
	// negroni): a tracing middleware among its arguments traces it.
	// Handler arguments are not middleware: a traced handler passed to a
	// router constructor traces itself, not the router.
	n.mws = s.appendMws(n.mws, call.Args)
	for recv, i := receiver(call), 0; recv != nil && i < 4; i++ {
		rc, ok := ast.Unparen(recv).(*ast.CallExpr)
		if !ok {
			break
		}
		n.mws = s.appendMws(n.mws, rc.Args)
		recv = receiver(rc)
	}
	// Middleware chains and http.StripPrefix: the handler arguments are
	// served with the result.
	for _, a := range call.Args {
		if t := s.info.TypeOf(a); t != nil && (s.routerish(t) || isHandlerFunc(t)) {
			n.kids = append(n.kids, s.resolve(a))
		}
	}
}

// str evaluates a route or subject. Variables assigned once (pathMetrics
// := etcdhttp.PathMetrics) are followed; their index is built only when a
// route needs it.
func (s *state) str(e ast.Expr) string {
	if v, ok := eval.String(s.info, e); ok {
		return v
	}
	switch ast.Unparen(e).(type) {
	case *ast.Ident, *ast.SelectorExpr:
		if s.locals == nil {
			s.locals = eval.NewLocals(s.info, s.pass.Files)
		}
		if v := s.locals.Eval(e); v.Known {
			return v.Value
		}
	}
	return ""
}

// funcTarget adds a function or method value used as a handler.
func (s *state) funcTarget(n *node, fn *types.Func, e ast.Expr) {
	if fn.Pkg() == s.pass.Pkg { // the declaration may come later in the traversal
		n.funcs = append(n.funcs, hfunc{obj: fn})
		return
	}
	var ns noSpan
	if s.sameModule(fn.Pkg()) && s.pass.ImportObjectFact(fn, &ns) {
		n.ext = append(n.ext, HandlerRef{Name: funcDisplayName(fn), Decl: report.PositionOf(s.pass.Fset, fn.Pos())})
		n.extPos = e.Pos()
	}
}

// serveHTTPMethods adds the ServeHTTP method of t, if declared here.
func (s *state) serveHTTPMethods(n *node, t types.Type) {
	if t == nil || isRouterType(t) {
		return
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "ServeHTTP")
	if fn, ok := obj.(*types.Func); ok && fn.Pkg() == s.pass.Pkg {
		n.funcs = append(n.funcs, hfunc{obj: fn.Origin()}) // &HG[int]{}: the generic declaration
	}
}

func (s *state) importedStarts(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg() == s.pass.Pkg {
		return false
	}
	var f startsSpan
	return s.pass.ImportObjectFact(fn, &f)
}

func (s *state) importedRouter(fn *types.Func) *router {
	if fn == nil || fn.Pkg() == nil || fn.Pkg() == s.pass.Pkg || !s.sameModule(fn.Pkg()) {
		return nil
	}
	var f router
	if s.pass.ImportObjectFact(fn, &f) {
		return &f
	}
	return nil
}

// funcStarts reports whether calling fn starts a span.
func (s *state) funcStarts(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if fn.Pkg() == s.pass.Pkg {
		return s.fnStarts[fn]
	}
	return s.starts[funcname.Of(fn)] || s.importedStarts(fn)
}

// solve computes which functions start a span, and which stream the
// connection (fixpoints over the package's call graph).
func (s *state) solve() {
	s.fixpoint(s.fnStarts, func(u *unit) bool { return u.direct })
	s.fixpoint(s.fnStreams, func(u *unit) bool { return u.streams })
	s.fixpoint(s.fnDispatch, func(u *unit) bool { return u.dispatch })
}

// unitDispatches reports whether u (or a function of the package it
// calls) hands messages to a function value: a consumer loop of a
// library-style component whose per-message handler is its caller's.
func (s *state) unitDispatches(u *unit) bool {
	if u == nil {
		return false
	}
	if u.dispatch {
		return true
	}
	for _, c := range u.callees {
		if s.fnDispatch[c] {
			return true
		}
	}
	return false
}

func (s *state) importedStreams(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg() == s.pass.Pkg || !s.sameModule(fn.Pkg()) {
		return false
	}
	var f streams
	return s.pass.ImportObjectFact(fn, &f)
}

// unitStreams reports whether u upgrades or streams the connection.
func (s *state) unitStreams(u *unit) bool {
	if u == nil {
		return false
	}
	if u.streams {
		return true
	}
	for _, c := range u.callees {
		if s.fnStreams[c] {
			return true
		}
	}
	return false
}

// fixpoint marks in m the declared functions whose unit has the property
// or calls a function that has it.
func (s *state) fixpoint(m map[*types.Func]bool, has func(*unit) bool) {
	for fn, d := range s.decls {
		if u := s.units[d]; u != nil && has(u) {
			m[fn] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for fn, d := range s.decls {
			if m[fn] {
				continue
			}
			if u := s.units[d]; u != nil {
				for _, c := range u.callees {
					if m[c] {
						m[fn] = true
						changed = true
						break
					}
				}
			}
		}
	}
}

func (s *state) unitStarts(u *unit) bool {
	if u == nil {
		return false
	}
	if u.direct {
		return true
	}
	for _, c := range u.callees {
		if s.fnStarts[c] {
			return true
		}
	}
	return false
}

// startsBefore reports whether u starts a span before pos (a span that
// encloses a loop at pos rather than one inside a later loop).
func (s *state) startsBefore(u *unit, pos token.Pos) bool {
	if u == nil {
		return false
	}
	for _, p := range u.startsAt {
		if p < pos {
			return true
		}
	}
	for i, c := range u.callees {
		if u.calleesAt[i] < pos && s.fnStarts[c] {
			return true
		}
	}
	return false
}

func (s *state) nodeTraced(n *node) bool {
	if n.traced {
		return true
	}
	for _, m := range n.mws {
		if s.tracingMiddleware(m) {
			return true
		}
	}
	return false
}

// isRouterType reports whether t is (a pointer to) a known router type.
func isRouterType(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	k, ok := funcname.KeyOf(t)
	return ok && routerTypes[k]
}

var routerTypes = funcname.TypeKeys(traceapi.RouterTypes)

// routerish reports whether a value of type t can be served: a router
// or an http.Handler. It is asked for most assignments and returns, so
// types that cannot have methods are rejected first and the method
// lookups of named types are memoized.
func (s *state) routerish(t types.Type) bool {
	switch types.Unalias(t).(type) {
	case nil, *types.Basic, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Array, *types.Tuple:
		return false
	case *types.Named, *types.Pointer:
		if r, ok := s.routerishMemo[t]; ok {
			return r
		}
		r := isRouterish(t)
		s.routerishMemo[t] = r
		return r
	}
	return isRouterish(t)
}

// isRouterish is routerish without the memo.
func isRouterish(t types.Type) bool {
	if t == nil {
		return false
	}
	if isRouterType(t) {
		return true
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "ServeHTTP")
	_, ok := obj.(*types.Func)
	return ok
}

// isHandlerFunc reports whether t is a handler function type: net/http,
// gin or echo.
func isHandlerFunc(t types.Type) bool {
	if t == nil {
		return false
	}
	sig, ok := t.Underlying().(*types.Signature)
	return ok && handlerSig(sig) != ""
}

// handlerSig returns the framework of a handler signature, or "".
func handlerSig(sig *types.Signature) traceapi.Framework {
	fw, _ := traceapi.Handlers(sig)
	return fw
}

func funcDisplayName(fn *types.Func) string {
	sig, ok := fn.Type().(*types.Signature)
	if ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Name()
}

// sameModule reports whether pkg belongs to the module under analysis:
// handlers known by fact are reported only for the module's own code
// (go vet also analyzes dependencies, for facts).
func (s *state) sameModule(pkg *types.Package) bool {
	m := s.pass.Module
	if m == nil || m.Path == "" || pkg == nil {
		return true
	}
	p := pkg.Path()
	return strings.HasPrefix(p, m.Path) && (len(p) == len(m.Path) || p[len(m.Path)] == '/')
}
