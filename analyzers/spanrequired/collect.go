package spanrequired

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/funcname"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// collect is the pass's inspector traversal, after collectReturns.
func (s *state) collect() {
	ins, ok := s.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if !ok || s.info == nil {
		return
	}
	s.collectReturns(ins)
	filter := []ast.Node{
		(*ast.File)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.CallExpr)(nil),
		(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.CompositeLit)(nil),
		(*ast.RangeStmt)(nil), (*ast.ForStmt)(nil), (*ast.UnaryExpr)(nil),
		(*ast.SendStmt)(nil),
	}
	var file *ast.File
	skip := false
	ins.Root().Inspect(filter, func(c inspector.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.File:
			file = n
			skip = s.pol.Exclude.Tests && s.isTest(n.Pos()) // test files are fixtures unless the policy reports them
			s.generated[n] = ast.IsGenerated(n)
			return !skip
		case *ast.FuncDecl:
			s.units[n] = &unit{node: n}
			if fn, ok := s.info.Defs[n.Name].(*types.Func); ok {
				s.decls[fn] = n
				s.declFile[n] = file
				if s.isEntry(fn) && !s.generated[file] {
					s.entries = append(s.entries, n)
				}
			}
		case *ast.FuncLit:
			s.units[n] = &unit{node: n}
			if d := enclosingDecl(c); d != nil {
				s.litOwner[n] = d
			}
		case *ast.RangeStmt:
			s.units[n] = &unit{node: n}
			if s.messageRange(n.X) || s.receivedInto(n.X) { // for d := range deliveries, for _, m := range out.Messages
				s.loops = append(s.loops, consumerLoop{loop: n, fn: enclosingDecl(c)})
			}
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
				if obj := s.info.Uses[id]; obj != nil {
					s.chanLoops[obj] = append(s.chanLoops[obj], consumerLoop{loop: n, fn: enclosingDecl(c), ch: obj})
				}
			}
		case *ast.ForStmt:
			s.units[n] = &unit{node: n}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				if s.messageChan(s.info.TypeOf(n.X)) {
					if l := innermostLoop(c); l != nil {
						s.loops = append(s.loops, consumerLoop{loop: l, fn: enclosingDecl(c)})
					}
				}
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
					if obj := s.info.Uses[id]; obj != nil {
						if l := innermostLoop(c); l != nil {
							s.chanLoops[obj] = append(s.chanLoops[obj], consumerLoop{loop: l, fn: enclosingDecl(c), ch: obj})
						}
					}
				}
			}
		case *ast.SendStmt:
			// A loop that hands each message to a channel dispatches work:
			// the receiving worker is the handler.
			if l := innermostLoop(c); l != nil {
				if u := s.units[l]; u != nil {
					u.delegates = true
				}
			}
		case *ast.CallExpr:
			s.call(n, c)
		case *ast.AssignStmt:
			s.assign(n)
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if i < len(n.Values) && len(n.Values) == len(n.Names) {
					s.bind(s.info.Defs[name], n.Values[i])
				}
			}
		case *ast.CompositeLit:
			s.compositeLit(n, c)
		}
		return true
	})
}

// collectReturns records what the package's functions return, before the
// main pass: a call of a function of the package reads as a router
// constructor or as middleware by what the function returns (fillCall),
// whatever the order in which the two are declared.
func (s *state) collectReturns(ins *inspector.Inspector) {
	ins.Root().Inspect([]ast.Node{(*ast.File)(nil), (*ast.ReturnStmt)(nil)}, func(c inspector.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.File:
			return !(s.pol.Exclude.Tests && s.isTest(n.Pos()))
		case *ast.ReturnStmt:
			s.collectReturn(n, c)
		}
		return true
	})
}

func (s *state) collectReturn(n *ast.ReturnStmt, c inspector.Cursor) {
	if lit, ok := innermostFunc(c).(*ast.FuncLit); ok {
		// func(next http.Handler) http.Handler { return otelhttp.NewHandler(next, name) }
		for _, r := range n.Results {
			if s.routerish(s.resultType(r)) {
				s.litReturns[lit] = append(s.litReturns[lit], r)
			}
		}
	}
	d, ok := innermostFunc(c).(*ast.FuncDecl)
	if !ok {
		return
	}
	fn, ok := s.info.Defs[d.Name].(*types.Func)
	if !ok || !s.mayReturnRouter(fn) {
		return
	}
	res := fn.Signature().Results()
	for i, r := range n.Results {
		t := s.resultType(r)
		if !s.routerish(t) && t != nil && res.Len() == len(n.Results) {
			// return func(w, r) {...} from a func() http.HandlerFunc: the
			// literal is the declared handler type.
			if dt := res.At(i).Type(); s.routerish(dt) && types.AssignableTo(t, dt) {
				t = dt
			}
		}
		if s.routerish(t) {
			s.returns[fn] = append(s.returns[fn], r)
		} else if t != nil && !isHandlerFunc(t) {
			if _, ok := t.Underlying().(*types.Signature); ok {
				s.mwReturns[fn] = append(s.mwReturns[fn], r) // return otelhttp.NewMiddleware("x")
			}
		}
	}
}

// call records what one call means.
func (s *state) call(call *ast.CallExpr, c inspector.Cursor) {
	fn := callee(s.info, call)
	name := ""
	if fn != nil {
		name = funcname.Of(fn)
	}
	// Span starts and callee edges, for every enclosing unit.
	// Only span starts count: a function that wraps some handler in
	// tracing middleware (otelhttp.NewHandler(h), r.Use(otelgin...)) does
	// not run in a span itself, and counting it made a router constructor
	// that traces one sub-handler look traced as a whole.
	direct := name != "" && (s.starts[name] || s.importedStarts(fn))
	if !direct && isServeHTTP(fn) && s.wrapperCall(receiver(call)) {
		direct = true // otelhttp.NewHandler(h, "x").ServeHTTP(w, r)
	}
	if !direct && multiValued(c) && traceapi.StartsSpanByShape(s.results(call, fn)) {
		direct = true // tracer.Start under any name: a team's Tracer interface, func values
	}
	local := fn != nil && fn.Pkg() == s.pass.Pkg
	delegates := name != "" && (traceapi.Delegations[name] || isServeHTTP(fn)) && s.handedOn(call, c)
	handling := !s.bookkeeping(call, fn, name)
	link := traceapi.LinkCalls[name]
	streams := name != "" && (traceapi.Streaming[name] || s.importedStreams(fn) ||
		traceapi.StreamFlush[name] && innermostLoop(c) != nil)
	dispatch := fn == nil && len(call.Args) > 0 && s.funcValueCall(call)
	innerFn := true
	for e := range c.Enclosing(unitTypes...) {
		n := e.Node()
		u := s.units[n]
		if u == nil {
			continue
		}
		u.handles = u.handles || handling
		u.links = u.links || link
		u.streams = u.streams || streams
		u.dispatch = u.dispatch || dispatch
		if direct {
			u.direct = true
			u.startsAt = append(u.startsAt, call.Pos())
		}
		if local {
			u.callees = append(u.callees, fn)
			u.calleesAt = append(u.calleesAt, call.Pos())
		}
		switch n.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			if delegates && innerFn {
				u.delegates = true
				if recv := receiver(call); recv != nil {
					u.handsTo = append(u.handsTo, recv)
				}
			}
			innerFn = false
		}
		if _, ok := n.(*ast.FuncDecl); ok {
			break
		}
	}
	if traceapi.GRPCServerTracing[name] {
		s.grpcTrace = true
	}
	if name == "" {
		return
	}
	if local || s.importedRouter(fn) != nil {
		s.calls = append(s.calls, callRec{call, fn, enclosingDecl(c)})
	}
	if traceapi.LoopReceivers[name] {
		if l := innermostLoop(c); l != nil {
			s.loops = append(s.loops, consumerLoop{loop: l, fn: enclosingDecl(c)})
		}
	}
	sub, ok := traceapi.Subscriptions[name]
	if !ok && !local {
		sub, ok = s.importedSubscribes(fn)
	}
	if ok && sub.Handler < len(call.Args) {
		subj := ""
		if sub.Subject >= 0 && sub.Subject < len(call.Args) {
			subj = s.str(call.Args[sub.Subject])
		}
		if !sub.Chan && s.subscribeWrapper(call, sub, enclosingDecl(c)) {
			// the caller's handler: judged where the wrapper is called
		} else if sub.Chan {
			if id, ok := ast.Unparen(call.Args[sub.Handler]).(*ast.Ident); ok {
				if obj := s.info.Uses[id]; obj != nil {
					s.chans[obj] = true
				}
			}
		} else {
			s.subs = append(s.subs, subRec{call, subj, call.Args[sub.Handler]})
		}
	}
	if r, ok := traceapi.Registrations[name]; ok {
		s.registration(call, fn, r)
	}
	if traceapi.Uses[name] {
		if recv := receiver(call); recv != nil {
			n := s.resolve(recv)
			n.mws = append(n.mws, call.Args...)
		}
	}
	if cb, ok := traceapi.RouterCallbacks[name]; ok && cb.MwFrom < len(call.Args) {
		if recv := receiver(call); recv != nil {
			if lit, ok := ast.Unparen(call.Args[cb.MwFrom]).(*ast.FuncLit); ok && len(lit.Type.Params.List) > 0 && len(lit.Type.Params.List[0].Names) > 0 {
				if p := s.info.Defs[lit.Type.Params.List[0].Names[0]]; p != nil {
					child := s.objNode(p)
					child.param = nil
					if cb.Route >= 0 && cb.Route < len(call.Args) {
						child.prefix = s.str(call.Args[cb.Route])
					}
					parent := s.resolve(recv)
					parent.find().kids = append(parent.find().kids, child)
				}
			}
		}
	}
	if i, ok := traceapi.Serves[name]; ok && i < len(call.Args) {
		s.serve(call.Args[i], call.Pos())
	}
	if traceapi.ServesReceiver[name] {
		if recv := receiver(call); recv != nil {
			s.serve(recv, call.Pos())
		}
	}
	s.gatewayRegistration(call, fn)
	if fn.Type() != nil {
		if g, ok := s.grpcRegistration(call, fn); ok {
			s.grpcRegs = append(s.grpcRegs, g)
		}
	}
}

// funcValueCall reports whether call calls a function value (a handler
// given by the caller: a parameter, a field, a map entry), not a declared
// function, a conversion or a builtin.
func (s *state) funcValueCall(call *ast.CallExpr) bool {
	if tv, ok := s.info.Types[call.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
		return false
	}
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.FuncLit:
		return false // func() { ... }(): called in place
	case *ast.Ident:
		_, ok := s.info.Uses[f].(*types.Var)
		return ok
	}
	return true
}

// multiValued reports whether the call at c may have several
// results, by where it stands: elsewhere Go requires a single value, so
// the call cannot be a (ctx, span) start and its type need not be looked
// up (it was a tenth of the rule's time).
func multiValued(c inspector.Cursor) bool {
	call := c.Node()
	switch p := c.Parent().Node().(type) {
	case *ast.AssignStmt:
		return len(p.Rhs) == 1 && len(p.Lhs) > 1
	case *ast.ValueSpec:
		return len(p.Values) == 1 && len(p.Names) > 1
	case *ast.ReturnStmt:
		return len(p.Results) == 1
	case *ast.CallExpr:
		return p.Fun != call && len(p.Args) == 1
	case *ast.BinaryExpr, *ast.UnaryExpr, *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr,
		*ast.SliceExpr, *ast.TypeAssertExpr, *ast.KeyValueExpr, *ast.CompositeLit,
		*ast.IfStmt, *ast.SwitchStmt, *ast.SendStmt, *ast.IncDecStmt, *ast.RangeStmt:
		return false
	}
	return true // statements (results discarded), parentheses, anything unforeseen
}

// results returns the result types of call, or nil for a conversion. A
// static call to a non-generic function has its callee's results, which
// saves a types.Info lookup per call; the others (func values,
// instantiations) take the call's own type.
func (s *state) results(call *ast.CallExpr, fn *types.Func) *types.Tuple {
	if fn != nil {
		if sig := fn.Signature(); sig.TypeParams().Len() == 0 && sig.RecvTypeParams().Len() == 0 {
			return sig.Results()
		}
	}
	if tv, ok := s.info.Types[call.Fun]; ok && !tv.IsType() && tv.Type != nil {
		if sig, ok := tv.Type.Underlying().(*types.Signature); ok {
			return sig.Results()
		}
	}
	return nil
}

// mayReturnRouter reports whether fn has a result that can hold a
// router or handler, so that its returns are worth looking at. A value
// returned as a named type T has type T, or an untyped one, or an unnamed
// type of T's underlying type (which has no methods but for pointers and
// funcs); a value returned as an unnamed type may be of any named type
// with that underlying type.
func (s *state) mayReturnRouter(fn *types.Func) bool {
	if r, ok := s.retMemo[fn]; ok {
		return r
	}
	res, may := fn.Signature().Results(), false
	for i := 0; i < res.Len() && !may; i++ {
		t := res.At(i).Type()
		_, named := types.Unalias(t).(*types.Named)
		switch t.Underlying().(type) {
		case *types.Interface, *types.Signature:
			may = true
		case *types.Basic:
			may = s.routerish(t)
		case *types.Pointer:
			may = named || s.routerish(t)
		default:
			// A struct, slice, map...: a value of a named type with the
			// same underlying type is assignable to an unnamed one.
			may = !named || s.routerish(t)
		}
	}
	s.retMemo[fn] = may
	return may
}

// resultType is the type of a returned expression. Most are nil,
// literals or variables (return nil, err), whose type needs no lookup in
// types.Info.Types.
func (s *state) resultType(e ast.Expr) types.Type {
	switch e := e.(type) {
	case *ast.BasicLit:
		return nil // a string or number: never served
	case *ast.Ident:
		switch obj := s.info.Uses[e].(type) {
		case *types.Nil:
			return nil
		case *types.Var:
			return obj.Type()
		}
	}
	return s.info.TypeOf(e)
}

// unitTypes are the nodes that are units: functions and loops.
var unitTypes = []ast.Node{(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.RangeStmt)(nil), (*ast.ForStmt)(nil)}

// enclosingDecl returns the FuncDecl enclosing c, or nil.
func enclosingDecl(c inspector.Cursor) *ast.FuncDecl {
	for e := range c.Enclosing((*ast.FuncDecl)(nil)) {
		return e.Node().(*ast.FuncDecl)
	}
	return nil
}

// innermostFunc returns the function (declared or literal) strictly
// enclosing c, or nil.
func innermostFunc(c inspector.Cursor) ast.Node {
	p := c.Parent()
	if p.Node() == nil {
		return nil
	}
	for e := range p.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return e.Node()
	}
	return nil
}

// innermostLoop returns the innermost loop enclosing c inside the
// innermost function, or nil.
func innermostLoop(c inspector.Cursor) ast.Node {
	for e := range c.Enclosing(unitTypes...) {
		switch n := e.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return nil
		default:
			return n
		}
	}
	return nil
}

// isEntry reports whether fn has a signature named in
// rules.spanrequired.handlers.
func (s *state) isEntry(fn *types.Func) bool {
	hs := s.pol.Rules.SpanRequired.Handlers
	if len(hs) == 0 {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return false
	}
	str := sigString(sig)
	for _, h := range hs {
		if strings.ReplaceAll(h, " ", "") == strings.ReplaceAll(str, " ", "") {
			return true
		}
	}
	return false
}

// sigString prints sig without parameter names or receiver.
func sigString(sig *types.Signature) string {
	var b strings.Builder
	b.WriteString("func(")
	for i := 0; i < sig.Params().Len(); i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		t := sig.Params().At(i).Type()
		if sig.Variadic() && i == sig.Params().Len()-1 {
			if sl, ok := t.(*types.Slice); ok {
				b.WriteString("..." + types.TypeString(sl.Elem(), nil))
				continue
			}
		}
		b.WriteString(types.TypeString(t, nil))
	}
	b.WriteString(")")
	switch sig.Results().Len() {
	case 0:
	case 1:
		b.WriteString(" " + types.TypeString(sig.Results().At(0).Type(), nil))
	default:
		b.WriteString(" (")
		for i := 0; i < sig.Results().Len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(types.TypeString(sig.Results().At(i).Type(), nil))
		}
		b.WriteString(")")
	}
	return b.String()
}
