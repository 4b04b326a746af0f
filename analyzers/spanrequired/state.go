package spanrequired

// State of one pass: the value graph of routers and handlers (node, union-find on aliases), the units whose span starts are tracked, and the state sub-structs.

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
	streams   bool          // upgrades or streams the connection (traceapi.Streaming, or a callee that does)
	dispatch  bool          // calls a function value with arguments: hands a message to a handler given by its caller
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

type served struct {
	field  bool         // served as an http.Server's Handler
	assign bool         // ... by assignment: srv.Handler = h replaces the literal's
	server types.Object // the variable or field holding that server, if known
	expr   ast.Expr
	node   *node
	traced bool
	pos    token.Pos
}

type callRec struct {
	call *ast.CallExpr
	fn   *types.Func
	decl *ast.FuncDecl // the enclosing declaration
}

// state is one pass of the rule.
// state is one pass of the rule. Its parts are the seams of the rule:
// what every entry point shares (units, declarations, the value graph),
// routers, message consumers and gRPC services.
type state struct {
	pass   *analysis.Pass
	info   *types.Info
	pol    *policy.Policy
	starts funcname.Set // span starters incl. policy
	mws    funcname.Set // middleware factories incl. policy

	units      map[ast.Node]*unit
	decls      map[*types.Func]*ast.FuncDecl
	declFile   map[*ast.FuncDecl]*ast.File
	fnStarts   map[*types.Func]bool
	fnStreams  map[*types.Func]bool // functions that upgrade or stream the connection
	fnDispatch map[*types.Func]bool // functions that hand messages to a function value
	calls      []callRec
	entries    []*ast.FuncDecl
	generated  map[*ast.File]bool
	litOwner   map[*ast.FuncLit]*ast.FuncDecl
	locals     *eval.Locals

	routes
	consumers
	grpcs

	r           *report.Reporter
	reported    map[token.Pos]bool
	reportedExt map[string]bool
}

// routes is what the pass knows of routers and handlers: the value graph
// (objs, resolving), constructors' returns, registrations, serve sites,
// and the middleware values it follows.
type routes struct {
	objs          map[types.Object]*node
	resolving     map[ast.Expr]*node
	returns       map[*types.Func][]ast.Expr
	mwReturns     map[*types.Func][]ast.Expr  // returned middleware (func-typed, not handlers)
	litReturns    map[*ast.FuncLit][]ast.Expr // handlers returned by literals (middleware bodies)
	varValues     map[*types.Var][]ast.Expr   // values assigned to variables, for middleware
	regs          []*reg
	serves        []served
	routerishMemo map[types.Type]bool  // see routerish
	retMemo       map[*types.Func]bool // see mayReturnRouter
	wrapsMemo     map[*types.Func]bool // see wrapsInSpan
}

// consumers is what the pass knows of message consumers.
type consumers struct {
	loops         []consumerLoop
	chanLoops     map[types.Object][]consumerLoop
	chans         map[types.Object]bool
	subs          []subRec
	subWrappers   map[*types.Func]traceapi.Subscription // functions subscribing their parameter (subwrap.go)
	subDone       map[int]bool                          // calls turned into subscriptions
	tracedClients map[string]bool                       // packages of message clients configured to trace every message
	bookMemo      map[string]bool                       // see bookkeeping
}

// grpcs is what the pass knows of gRPC services and servers.
type grpcs struct {
	grpcRegs   []grpcReg
	grpcSrv    map[types.Object]bool       // gRPC servers of known origin: traced where created
	grpcTrace  bool                        // the package installs otelgrpc
	grpcParams map[*types.Var][]HandlerRef // uncovered gRPC methods registered on a server parameter
}

func newState(pass *analysis.Pass, pol *policy.Policy) *state {
	s := &state{
		pass: pass, info: pass.TypesInfo, pol: pol,
		starts:     funcname.NewSet(pol.Policy.SpanStarters),
		mws:        funcname.NewSet(pol.Policy.TracingMiddleware),
		units:      map[ast.Node]*unit{},
		decls:      map[*types.Func]*ast.FuncDecl{},
		declFile:   map[*ast.FuncDecl]*ast.File{},
		fnStarts:   map[*types.Func]bool{},
		fnStreams:  map[*types.Func]bool{},
		fnDispatch: map[*types.Func]bool{},
		generated:  map[*ast.File]bool{},
		litOwner:   map[*ast.FuncLit]*ast.FuncDecl{},
		routes: routes{
			objs:          map[types.Object]*node{},
			resolving:     map[ast.Expr]*node{},
			returns:       map[*types.Func][]ast.Expr{},
			mwReturns:     map[*types.Func][]ast.Expr{},
			litReturns:    map[*ast.FuncLit][]ast.Expr{},
			varValues:     map[*types.Var][]ast.Expr{},
			routerishMemo: map[types.Type]bool{},
			retMemo:       map[*types.Func]bool{},
			wrapsMemo:     map[*types.Func]bool{},
		},
		consumers: consumers{
			chanLoops:     map[types.Object][]consumerLoop{},
			chans:         map[types.Object]bool{},
			subWrappers:   map[*types.Func]traceapi.Subscription{},
			subDone:       map[int]bool{},
			tracedClients: map[string]bool{},
			bookMemo:      map[string]bool{},
		},
		grpcs: grpcs{grpcSrv: map[types.Object]bool{}},
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

func identOf(e ast.Expr) *ast.Ident {
	switch e := e.(type) {
	case *ast.Ident:
		return e
	case *ast.SelectorExpr:
		return e.Sel
	}
	return nil
}

func receiver(call *ast.CallExpr) ast.Expr {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.X
	}
	return nil
}
