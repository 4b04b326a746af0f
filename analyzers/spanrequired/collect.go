package spanrequired

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// unit is a function or a loop body: whether it starts a span.
type unit struct {
	node      ast.Node
	direct    bool          // calls a span starter or a tracing wrapper
	callees   []*types.Func // same-package functions it calls
	calleesAt []token.Pos   // where
	startsAt  []token.Pos   // where it calls a span starter directly
	delegates bool          // hands the request on (next.ServeHTTP: middleware; ch <- msg in a loop: dispatch)
	handles   bool          // makes a call that is not bookkeeping (traceapi.Bookkeeping): it handles messages
	links     bool          // links a message's context to a batch span (span.AddLink, trace.LinkFromContext)
	handsTo   []ast.Expr    // ... to these handlers (s.router in s.router.ServeHTTP(w, r))
}

// node is a router or handler value (union-find on aliases). Serving it
// serves its registrations, kids, functions and constructors' routers.
type node struct {
	up     *node
	traced bool
	prefix string
	regs   []*reg
	kids   []*node
	funcs  []hfunc
	ctors  []*types.Func // same-package router constructors (their returns)
	ext    []HandlerRef  // uncovered handlers known by fact
	extPos token.Pos
	param  *types.Var // the node is this parameter of the enclosing function
	mws    []ast.Expr // middleware installed or applied: traced if one starts a span
	svcs   []*service // generated service handlers (connect)
}

func (n *node) find() *node {
	for n.up != nil {
		if n.up.up != nil {
			n.up = n.up.up
		}
		n = n.up
	}
	return n
}

func union(a, b *node) {
	a, b = a.find(), b.find()
	if a == b {
		return
	}
	b.up = a
	a.traced = a.traced || b.traced
	a.regs = append(a.regs, b.regs...)
	a.kids = append(a.kids, b.kids...)
	a.funcs = append(a.funcs, b.funcs...)
	a.ctors = append(a.ctors, b.ctors...)
	a.ext = append(a.ext, b.ext...)
	a.mws = append(a.mws, b.mws...)
	a.svcs = append(a.svcs, b.svcs...)
	if a.extPos == token.NoPos {
		a.extPos = b.extPos
	}
	if a.param == nil {
		a.param = b.param
	}
	if a.prefix == "" {
		a.prefix = b.prefix
	}
}

// reg is a handler registered on a router.
type reg struct {
	pos    token.Pos // the registration call
	route  string
	mount  bool // the target's patterns are relative to route (chi Mount)
	target *node
	traced bool
	mws    []ast.Expr // the registration's middleware arguments
	fw     traceapi.Framework
}

// hfunc is a handler function declared in this package.
type hfunc struct {
	fn   ast.Node    // *ast.FuncDecl or *ast.FuncLit
	obj  *types.Func // a declared function, resolved to fn after the traversal
	name string
	fw   traceapi.Framework
}

type consumerLoop struct {
	loop ast.Node
	fn   *ast.FuncDecl
	ch   types.Object // loopChan: the channel
}

type served struct {
	field  bool         // served as an http.Server's Handler
	assign bool         // ... by assignment: srv.Handler = h replaces the literal's
	server types.Object // the variable or field holding that server, if known
	expr   ast.Expr
	node   *node
	traced bool
	pos    token.Pos
}

type grpcReg struct {
	call   *ast.CallExpr
	server ast.Expr
	impl   ast.Expr
	iface  *types.Interface
	svc    string
}

type callRec struct {
	call *ast.CallExpr
	fn   *types.Func
	decl *ast.FuncDecl // the enclosing declaration
}

// state is one pass of the rule.
type state struct {
	pass   *analysis.Pass
	info   *types.Info
	pol    *policy.Policy
	starts funcname.Set // span starters incl. policy
	mws    funcname.Set // middleware factories incl. policy

	routerishMemo map[types.Type]bool  // see routerish
	retMemo       map[*types.Func]bool // see mayReturnRouter

	units         map[ast.Node]*unit
	decls         map[*types.Func]*ast.FuncDecl
	declFile      map[*ast.FuncDecl]*ast.File
	objs          map[types.Object]*node
	returns       map[*types.Func][]ast.Expr
	mwReturns     map[*types.Func][]ast.Expr  // returned middleware (func-typed, not handlers)
	litReturns    map[*ast.FuncLit][]ast.Expr // handlers returned by literals (middleware bodies)
	wrapsMemo     map[*types.Func]bool        // see wrapsInSpan
	varValues     map[*types.Var][]ast.Expr   // values assigned to local variables, for middleware
	fnStarts      map[*types.Func]bool
	regs          []*reg
	serves        []served
	loops         []consumerLoop
	chanLoops     map[types.Object][]consumerLoop
	chans         map[types.Object]bool
	subs          []subRec
	grpcRegs      []grpcReg
	grpcSrv       map[types.Object]bool // gRPC servers of known origin: traced where created
	grpcTrace     bool
	calls         []callRec
	resolving     map[ast.Expr]*node
	entries       []*ast.FuncDecl
	generated     map[*ast.File]bool
	litOwner      map[*ast.FuncLit]*ast.FuncDecl
	r             *report.Reporter
	reported      map[token.Pos]bool
	reportedExt   map[string]bool
	locals        *eval.Locals
	grpcParams    map[*types.Var][]HandlerRef           // uncovered gRPC methods registered on a server parameter
	bookMemo      map[string]bool                       // see bookkeeping
	subWrappers   map[*types.Func]traceapi.Subscription // functions subscribing their parameter (subwrap.go)
	subDone       map[int]bool                          // calls turned into subscriptions
	tracedClients map[string]bool                       // packages of message clients configured to trace every message
}

type subRec struct {
	call    *ast.CallExpr
	subject string
	handler ast.Expr
}

func newState(pass *analysis.Pass, pol *policy.Policy) *state {
	s := &state{
		pass: pass, info: pass.TypesInfo, pol: pol,
		starts:        funcname.NewSet(pol.Policy.SpanStarters),
		mws:           funcname.NewSet(pol.Policy.TracingMiddleware),
		units:         map[ast.Node]*unit{},
		routerishMemo: map[types.Type]bool{},
		retMemo:       map[*types.Func]bool{},
		decls:         map[*types.Func]*ast.FuncDecl{},
		declFile:      map[*ast.FuncDecl]*ast.File{},
		objs:          map[types.Object]*node{},
		returns:       map[*types.Func][]ast.Expr{},
		mwReturns:     map[*types.Func][]ast.Expr{},
		litReturns:    map[*ast.FuncLit][]ast.Expr{},
		wrapsMemo:     map[*types.Func]bool{},
		varValues:     map[*types.Var][]ast.Expr{},
		fnStarts:      map[*types.Func]bool{},
		chanLoops:     map[types.Object][]consumerLoop{},
		chans:         map[types.Object]bool{},
		grpcSrv:       map[types.Object]bool{},
		resolving:     map[ast.Expr]*node{},
		generated:     map[*ast.File]bool{},
		litOwner:      map[*ast.FuncLit]*ast.FuncDecl{},
		tracedClients: map[string]bool{},
		bookMemo:      map[string]bool{},
		subWrappers:   map[*types.Func]traceapi.Subscription{},
		subDone:       map[int]bool{},
	}
	for n := range traceapi.SpanStarters {
		s.starts[n] = true
	}
	for n := range traceapi.MiddlewareFactories {
		s.mws[n] = true
	}
	return s
}

func (s *state) isTest(pos token.Pos) bool {
	f := s.pass.Fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// collect is the one inspector traversal of the pass.
func (s *state) collect() {
	ins, ok := s.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if !ok || s.info == nil {
		return
	}
	filter := []ast.Node{
		(*ast.File)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.CallExpr)(nil),
		(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.CompositeLit)(nil),
		(*ast.ReturnStmt)(nil), (*ast.RangeStmt)(nil), (*ast.ForStmt)(nil), (*ast.UnaryExpr)(nil),
		(*ast.SendStmt)(nil),
	}
	var file *ast.File
	skip := false
	ins.WithStack(filter, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		switch n := n.(type) {
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
			if d := enclosingDecl(stack); d != nil {
				s.litOwner[n] = d
			}
		case *ast.RangeStmt:
			s.units[n] = &unit{node: n}
			if s.messageRange(n.X) || s.receivedInto(n.X) { // for d := range deliveries, for _, m := range out.Messages
				s.loops = append(s.loops, consumerLoop{loop: n, fn: enclosingDecl(stack)})
			}
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
				if obj := s.info.Uses[id]; obj != nil {
					s.chanLoops[obj] = append(s.chanLoops[obj], consumerLoop{loop: n, fn: enclosingDecl(stack), ch: obj})
				}
			}
		case *ast.ForStmt:
			s.units[n] = &unit{node: n}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				if s.messageChan(s.info.TypeOf(n.X)) {
					if l := innermostLoop(stack); l != nil {
						s.loops = append(s.loops, consumerLoop{loop: l, fn: enclosingDecl(stack)})
					}
				}
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
					if obj := s.info.Uses[id]; obj != nil {
						if l := innermostLoop(stack); l != nil {
							s.chanLoops[obj] = append(s.chanLoops[obj], consumerLoop{loop: l, fn: enclosingDecl(stack), ch: obj})
						}
					}
				}
			}
		case *ast.SendStmt:
			// A loop that hands each message to a channel dispatches work:
			// the receiving worker is the handler.
			if l := innermostLoop(stack); l != nil {
				if u := s.units[l]; u != nil {
					u.delegates = true
				}
			}
		case *ast.CallExpr:
			s.call(n, stack)
		case *ast.AssignStmt:
			s.assign(n)
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if i < len(n.Values) && len(n.Values) == len(n.Names) {
					s.bind(s.info.Defs[name], n.Values[i])
				}
			}
		case *ast.CompositeLit:
			s.compositeLit(n, stack)
		case *ast.ReturnStmt:
			if lit, ok := innermostFunc(stack).(*ast.FuncLit); ok {
				// func(next http.Handler) http.Handler { return otelhttp.NewHandler(next, name) }
				for _, r := range n.Results {
					if s.routerish(s.resultType(r)) {
						s.litReturns[lit] = append(s.litReturns[lit], r)
					}
				}
			}
			if d, ok := innermostFunc(stack).(*ast.FuncDecl); ok {
				if fn, ok := s.info.Defs[d.Name].(*types.Func); ok && s.mayReturnRouter(fn) {
					for _, r := range n.Results {
						t := s.resultType(r)
						if s.routerish(t) {
							s.returns[fn] = append(s.returns[fn], r)
						} else if t != nil && !isHandlerFunc(t) {
							if _, ok := t.Underlying().(*types.Signature); ok {
								s.mwReturns[fn] = append(s.mwReturns[fn], r) // return otelhttp.NewMiddleware("x")
							}
						}
					}
				}
			}
		}
		return true
	})
}

// messageChan reports whether t is a channel of messages a consumer
// loop handles one at a time (amqp.Delivery).
func (s *state) messageChan(t types.Type) bool {
	if t == nil {
		return false
	}
	ch, ok := t.Underlying().(*types.Chan)
	if !ok {
		return false
	}
	k, ok := funcname.KeyOf(ch.Elem())
	return ok && messageChans[k]
}

// messageRange reports whether ranging over x handles messages one at a
// time: a channel of messages, or the message field of a receive result
// (out.Messages of sqs.ReceiveMessage).
func (s *state) messageRange(x ast.Expr) bool {
	t := s.info.TypeOf(x)
	if s.messageChan(t) {
		return true
	}
	sel, ok := ast.Unparen(x).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	rt := s.info.TypeOf(sel.X)
	if rt == nil {
		return false
	}
	ptr := ""
	if p, ok := rt.(*types.Pointer); ok {
		rt, ptr = p.Elem(), "*"
	}
	k, ok := funcname.KeyOf(rt)
	return ok && traceapi.MessageRanges[ptr+k.Path+"."+k.Name] == sel.Sel.Name
}

var messageChans = funcname.TypeKeys(traceapi.MessageChans)

// receivedInto reports whether x is a variable holding what a loop
// receiver returned: records := fetches.Records(); for _, r := range
// records is the same loop as ranging over fetches.Records() directly.
func (s *state) receivedInto(x ast.Expr) bool {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := s.info.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	for _, e := range s.varValues[v] {
		if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && traceapi.LoopReceivers[calleeName(s.info, call)] {
			return true
		}
	}
	return false
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

// enclosingDecl returns the innermost FuncDecl of stack.
func enclosingDecl(stack []ast.Node) *ast.FuncDecl {
	for i := len(stack) - 1; i >= 0; i-- {
		if d, ok := stack[i].(*ast.FuncDecl); ok {
			return d
		}
	}
	return nil
}

func innermostFunc(stack []ast.Node) ast.Node {
	for i := len(stack) - 2; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return stack[i]
		}
	}
	return nil
}

// innermostLoop returns the innermost loop of stack inside the innermost
// function, or nil.
func innermostLoop(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return nil
		case *ast.ForStmt, *ast.RangeStmt:
			return stack[i]
		}
	}
	return nil
}

// call records what one call means.
func (s *state) call(call *ast.CallExpr, stack []ast.Node) {
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
	if !direct && multiValued(stack) && traceapi.StartsSpanByShape(s.results(call, fn)) {
		direct = true // tracer.Start under any name: a team's Tracer interface, func values
	}
	local := fn != nil && fn.Pkg() == s.pass.Pkg
	delegates := name != "" && (traceapi.Delegations[name] || isServeHTTP(fn)) && s.handedOn(call, stack)
	handling := !s.bookkeeping(call, fn, name)
	link := traceapi.LinkCalls[name]
	innerFn := true
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.FuncDecl, *ast.FuncLit, *ast.RangeStmt, *ast.ForStmt:
		default:
			continue // not a unit: no map lookup for every ancestor of every call
		}
		u := s.units[stack[i]]
		if u == nil {
			continue
		}
		u.handles = u.handles || handling
		u.links = u.links || link
		if direct {
			u.direct = true
			u.startsAt = append(u.startsAt, call.Pos())
		}
		if local {
			u.callees = append(u.callees, fn)
			u.calleesAt = append(u.calleesAt, call.Pos())
		}
		switch stack[i].(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			if delegates && innerFn {
				u.delegates = true
				if recv := receiver(call); recv != nil {
					u.handsTo = append(u.handsTo, recv)
				}
			}
			innerFn = false
		}
		if _, ok := stack[i].(*ast.FuncDecl); ok {
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
		s.calls = append(s.calls, callRec{call, fn, enclosingDecl(stack)})
	}
	if traceapi.LoopReceivers[name] {
		if l := innermostLoop(stack[:len(stack)-1]); l != nil {
			s.loops = append(s.loops, consumerLoop{loop: l, fn: enclosingDecl(stack)})
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
		if !sub.Chan && s.subscribeWrapper(call, sub, enclosingDecl(stack)) {
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

// bookkeeping reports whether a call does not handle a message: a
// builtin, a conversion, the loop's own receive, or a call into a
// traceapi.Bookkeeping package (metrics, strings, the message client).
func (s *state) bookkeeping(call *ast.CallExpr, fn *types.Func, name string) bool {
	if fn == nil {
		if tv, ok := s.info.Types[call.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
			return true
		}
		return false // a function value: unknown work
	}
	if fn.Pkg() == nil || traceapi.LoopReceivers[name] {
		return true // error.Error, the receive itself
	}
	path := fn.Pkg().Path()
	b, ok := s.bookMemo[path]
	if !ok {
		b = traceapi.IsBookkeeping(path)
		s.bookMemo[path] = b
	}
	return b
}

// linkLit marks the units around a trace.Link literal (links =
// append(links, trace.Link{SpanContext: ...})) as linking.
func (s *state) linkLit(cl *ast.CompositeLit, stack []ast.Node) {
	if !funcname.TypeIs(s.info.TypeOf(cl), traceapi.LinkType) {
		return
	}
	for i := len(stack) - 1; i >= 0; i-- {
		if u := s.units[stack[i]]; u != nil {
			u.links = true
		}
	}
}

// multiValued reports whether the call on top of stack may have several
// results, by where it stands: elsewhere Go requires a single value, so
// the call cannot be a (ctx, span) start and its type need not be looked
// up (it was a tenth of the rule's time).
func multiValued(stack []ast.Node) bool {
	if len(stack) < 2 {
		return true
	}
	call := stack[len(stack)-1]
	switch p := stack[len(stack)-2].(type) {
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

func receiver(call *ast.CallExpr) ast.Expr {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.X
	}
	return nil
}

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

// tracingMiddleware reports whether e, a middleware argument, starts a
// span: a tracing middleware factory's result, a middleware function
// whose body starts one, a function returning a tracing middleware, or a
// variable holding one of these.
func (s *state) tracingMiddleware(e ast.Expr) bool {
	return s.tracingMw(e, 0)
}

func (s *state) tracingMw(e ast.Expr, depth int) bool {
	if depth > 4 {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		// A middleware literal that starts a span or wraps the next
		// handler in one.
		if s.unitStarts(s.units[e]) {
			return true
		}
		for _, r := range s.litReturns[e] {
			if s.nodeTraced(s.resolve(r).find()) {
				return true
			}
		}
	case *ast.CompositeLit: // []connect.HandlerOption{...}
		for _, el := range e.Elts {
			if s.tracingMw(el, depth+1) {
				return true
			}
		}
	case *ast.CallExpr:
		fn := callee(s.info, e)
		if fn == nil {
			if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && id.Name == "append" {
				if _, ok := s.info.Uses[id].(*types.Builtin); ok {
					for _, a := range e.Args {
						if s.tracingMw(a, depth+1) {
							return true
						}
					}
				}
			}
			return false
		}
		if s.mws[funcname.Of(fn)] || s.wrapsInSpan(fn) {
			return true
		}
		if traceapi.MiddlewareCarriers[funcname.Of(fn)] { // connect.WithInterceptors(otel), runtime.WithMiddlewares(...)
			for _, a := range e.Args {
				if s.tracingMw(a, depth+1) {
					return true
				}
			}
			return false
		}
		// A factory returning a middleware function whose body starts a span.
		return returnsFunc(fn) && s.funcStarts(fn)
	case *ast.Ident, *ast.SelectorExpr:
		switch obj := s.info.Uses[identOf(e)].(type) {
		case *types.Func:
			return s.mws[funcname.Of(obj)] || s.funcStarts(obj) || s.wrapsInSpan(obj)
		case *types.Var:
			for _, v := range s.varValues[obj] {
				if s.tracingMw(v, depth+1) {
					return true
				}
			}
		}
	}
	return false
}

// wrapperCall reports whether e is a call wrapping a handler in a span.
func (s *state) wrapperCall(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	_, ok = traceapi.Wrappers[calleeName(s.info, call)]
	return ok
}

// returnsFunc reports whether fn returns a function (a middleware).
func returnsFunc(fn *types.Func) bool {
	res := fn.Signature().Results()
	if res.Len() == 0 {
		return false
	}
	_, ok := res.At(0).Type().Underlying().(*types.Signature)
	return ok
}

// wrapsInSpan reports whether fn returns a handler wrapped in a span or a
// tracing middleware (of this package, or known by fact).
func (s *state) wrapsInSpan(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if fn.Pkg() != s.pass.Pkg {
		var f wrapsSpan
		return s.sameModule(fn.Pkg()) && s.pass.ImportObjectFact(fn, &f)
	}
	if r, ok := s.wrapsMemo[fn]; ok {
		return r
	}
	s.wrapsMemo[fn] = false // recursion guard
	r := false
	for _, e := range s.returns[fn] {
		if s.nodeTraced(s.resolve(e).find()) {
			r = true
		}
	}
	for _, e := range s.mwReturns[fn] {
		if s.tracingMw(e, 1) {
			r = true
		}
	}
	s.wrapsMemo[fn] = r
	return r
}

func identOf(e ast.Expr) *ast.Ident {
	switch e := e.(type) {
	case *ast.Ident:
		return e
	case *ast.SelectorExpr:
		return e.Sel
	}
	return nil
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

// mayHoldMiddleware reports whether a variable of type t can hold a
// middleware, an interceptor or options carrying them: anything but
// basic values.
func mayHoldMiddleware(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Basic, *types.Map, *types.Chan:
		return false
	}
	return true
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

func (s *state) compositeLit(cl *ast.CompositeLit, stack []ast.Node) {
	s.tracingFlags(cl)
	s.linkLit(cl, stack)
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
			s.serves[len(s.serves)-1].server = s.boundTo(stack)
		}
	}
}

// tracingFlags records the clients whose configuration turns on
// per-message tracing (pubsub.ClientConfig{EnableOpenTelemetryTracing: true}).
func (s *state) tracingFlags(cl *ast.CompositeLit) {
	if len(traceapi.TracingFlags) == 0 {
		return
	}
	t := s.info.TypeOf(cl)
	if t == nil {
		return
	}
	k, ok := funcname.KeyOf(t)
	if !ok {
		return
	}
	for _, el := range cl.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok || !traceapi.TracingFlags[k.Path+"."+k.Name+"."+key.Name] {
			continue
		}
		if tv, ok := s.info.Types[kv.Value]; ok && tv.Value != nil && tv.Value.String() == "true" {
			s.tracedClients[k.Path] = true
		}
	}
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

// exprObj returns the variable or field e denotes (srv, s.srv), or nil.
func (s *state) exprObj(e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return s.info.ObjectOf(e)
	case *ast.SelectorExpr:
		return s.info.ObjectOf(e.Sel)
	case *ast.StarExpr:
		return s.exprObj(e.X)
	}
	return nil
}

// boundTo returns the variable or field the composite literal on top of
// stack is assigned to (srv := &http.Server{...}, s.srv = ..., Srv: ...).
func (s *state) boundTo(stack []ast.Node) types.Object {
	i := len(stack) - 1
	child := stack[i]
	for i--; i >= 0; i-- {
		switch p := stack[i].(type) {
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

func (s *state) objNode(obj types.Object) *node {
	if n, ok := s.objs[obj]; ok {
		return n.find()
	}
	n := &node{}
	if v, ok := obj.(*types.Var); ok && s.declParam(v) {
		n.param = v
	}
	s.objs[obj] = n
	return n
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

// param reports whether v is a parameter of a function of the package,
// declared or literal. go/types knows (Var.Kind); recording every
// parameter of every function in maps was a tenth of the rule's time.
func (s *state) param(v *types.Var) bool {
	return v != nil && v.Kind() == types.ParamVar && v.Pkg() == s.pass.Pkg && v.Parent() != nil
}

// declParam reports whether v is a parameter of a declared function: its
// scope is the function's, whose parent is a file scope.
func (s *state) declParam(v *types.Var) bool {
	if !s.param(v) {
		return false
	}
	file := v.Parent().Parent()
	return file != nil && file.Parent() == s.pass.Pkg.Scope()
}

// handedOn reports whether a delegation hands the request to the next
// handler of a chain: a parameter (next), a struct field (m.next) or gin's
// c.Next. Serving a local http.FileServer is the endpoint's own work.
func (s *state) handedOn(call *ast.CallExpr, stack []ast.Node) bool {
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
		f := innermostFunc(stack)
		if f == nil || v.Pos() >= f.Pos() && v.Pos() < f.End() {
			return false
		}
		for _, e := range s.varValues[v] {
			if _, ok := ast.Unparen(e).(*ast.CallExpr); ok {
				return false
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

// grpcServerCall reports whether call creates a gRPC server the rule can
// judge: grpc.NewServer, a function of this package returning one, or a
// function with a grpcServer fact (traced: created with otelgrpc there).
func (s *state) grpcServerCall(call *ast.CallExpr) (known, traced bool) {
	fn := callee(s.info, call)
	if fn == nil {
		return false, false
	}
	if funcname.Of(fn) == traceapi.GRPCNewServer {
		return true, false
	}
	if fn.Pkg() == s.pass.Pkg {
		return returnsGRPCServer(fn), false
	}
	var f grpcServer
	if s.sameModule(fn.Pkg()) && s.pass.ImportObjectFact(fn, &f) {
		return true, f.Traced
	}
	return false, false
}

// mayHoldGRPCServer reports whether a variable of type t can hold a
// *grpc.Server: tested before resolving the callee of every assignment.
func mayHoldGRPCServer(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Interface); ok {
		return true // grpc.ServiceRegistrar, any
	}
	return funcname.TypeIs(t, traceapi.GRPCServerType)
}

func returnsGRPCServer(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Results().Len() == 1 && funcname.TypeIs(sig.Results().At(0).Type(), traceapi.GRPCServerType)
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
