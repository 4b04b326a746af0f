package spanrequired

// The inventory (obscheck catalog and coverage): the spans this rule found
// started, and the entry points it judged, covered or not.

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/otelattr"
	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/inventory"
	"github.com/obscheck/obscheck/internal/report"
)

// recordItem records a handler a walk found (or an uncovered one the rule
// reports), with its verdict, where the rule reports it: at the handler
// declared here, else where it was found (servePos when unknown).
func (s *state) recordItem(it item, servePos token.Pos) {
	e, at := s.entry(it)
	if at == token.NoPos {
		at = servePos
	}
	s.r.Record(at, e)
}

// entry makes the inventory entry of a handler, and where it is.
func (s *state) entry(it item) (*inventory.Entry, token.Pos) {
	e := &inventory.Entry{Kind: entryKind(it.fw), Route: it.route, Traced: it.traced, How: it.how}
	e.Method, e.Path = splitRoute(e.Kind, it.route)
	if it.fn == nil {
		// Declared in another package (known by fact): its position.
		e.Handler = it.ref.Name
		e.HandlerPos = inventory.Pos{File: it.ref.Decl.File, Line: it.ref.Decl.Line, Col: it.ref.Decl.Col}
		return e, it.pos
	}
	pos, name := s.funcInfo(it.fn)
	e.Handler = name
	if d, ok := it.fn.fn.(*ast.FuncDecl); ok {
		if fn, ok := s.info.Defs[d.Name].(*types.Func); ok {
			e.Handler = funcname.Of(fn)
		}
	}
	if pos != token.NoPos {
		e.HandlerPos = s.position(pos)
		e.HandlerPos.Package = s.pass.Pkg.Path()
	}
	return e, pos
}

func (s *state) position(pos token.Pos) inventory.Pos {
	p := report.PositionOf(s.pass.Fset, pos)
	return inventory.Pos{File: p.File, Line: p.Line, Col: p.Col}
}

// recordTraced records the covered items of a walk of a router this
// package builds but may not serve (their verdict holds wherever it is
// served) and returns the others, which go into the router fact.
func (s *state) recordTraced(items []item) []item {
	var rest []item
	for _, it := range items {
		if it.traced {
			s.recordItem(it, it.regPos)
			continue
		}
		rest = append(rest, it)
	}
	return rest
}

// recordEntry records a function of a policy handler signature.
func (s *state) recordEntry(d *ast.FuncDecl) {
	it := item{fn: &hfunc{fn: d}, fw: "entry"}
	if s.unitStarts(s.units[d]) {
		it.traced, it.how = true, "span"
	}
	s.recordItem(it, token.NoPos)
}

// recordCoveredLoop records a loop the rule does not report: covered by
// its own span or by links to a batch span, when it handles messages.
func (s *state) recordCoveredLoop(l consumerLoop, u *unit) {
	if u == nil || u.delegates || !u.handles || s.unitDispatches(u) {
		return // not a per-message handler
	}
	how := "links"
	if s.unitStarts(u) {
		how = "span"
	}
	s.recordLoop(l, how)
}

// recordLoop records a message loop where the rule reports it; how says
// what covers it ("" for nothing).
func (s *state) recordLoop(l consumerLoop, how string) {
	if l.fn == nil {
		return
	}
	e, _ := s.entry(item{fn: &hfunc{fn: l.fn}, fw: fwMessage, traced: how != "", how: how})
	e.Route = "loop in " + l.fn.Name.Name
	if fn, ok := s.info.Defs[l.fn.Name].(*types.Func); ok {
		e.Route = "loop in " + funcDisplayName(fn)
	}
	s.r.Record(l.loop.Pos(), e)
}

// recordGRPC records the methods of the registered gRPC services that are
// covered: by their own span, or by the server's stats handler. (The
// uncovered ones are recorded where they are reported.)
func (s *state) recordGRPC() {
	for _, g := range s.grpcRegs {
		_, traced := s.knownGRPCServer(g.server)
		traced = traced || s.grpcTrace
		for _, m := range s.ownMethods(g) {
			it := item{fn: &hfunc{fn: m.decl}, route: m.route, fw: fwGRPC, traced: true, how: "interceptor"}
			if u := s.units[m.decl]; u != nil && s.unitStarts(u) {
				it.how = "span"
			} else if !traced {
				continue
			}
			s.recordItem(it, token.NoPos)
		}
	}
}

// coveredBy says what covers a handler: its own span, else the walk's how.
func coveredBy(starts bool, how string) string {
	if starts {
		return "span"
	}
	return how
}

// covered marks items as covered by how.
func covered(items []item, how string) []item {
	for i := range items {
		items[i].traced, items[i].how = true, how
	}
	return items
}

// entryKind is the inventory's kind of a framework.
func entryKind(fw traceapi.Framework) string {
	switch string(fw) {
	case "grpc", "connect", "entry":
		return string(fw)
	case "message", "watermill":
		return "message"
	}
	return "http"
}

// splitRoute splits an HTTP route "GET /x" into method and path.
func splitRoute(kind, route string) (method, path string) {
	if kind != "http" {
		return "", ""
	}
	if m, p, ok := strings.Cut(route, " "); ok && m != "" && strings.ToUpper(m) == m && strings.HasPrefix(strings.TrimSpace(p), "/") {
		return m, strings.TrimSpace(p)
	}
	return "", route
}

const otelTrace = "go.opentelemetry.io/otel/trace"

// spanKinds are trace.SpanKind's values.
var spanKinds = map[int64]string{1: "internal", 2: "server", 3: "client", 4: "producer", 5: "consumer"}

// recordSpans records the span starts the rule found (the calls its units
// count as starting a span): name (the first string argument), kind
// (trace.WithSpanKind), attributes (trace.WithAttributes at the start,
// SetAttributes on the returned span in the same function).
func (s *state) recordSpans() {
	starts := map[token.Pos]bool{}
	for _, u := range s.units {
		for _, p := range u.startsAt {
			starts[p] = true
		}
	}
	if len(starts) == 0 {
		return
	}
	spans := map[*ast.CallExpr]*inventory.Span{}
	var order []*ast.CallExpr
	get := func(call *ast.CallExpr) *inventory.Span {
		if sp := spans[call]; sp != nil {
			return sp
		}
		sp := s.span(call)
		spans[call] = sp
		order = append(order, call)
		return sp
	}
	vars := map[*types.Var]*inventory.Span{}
	for _, f := range s.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.AssignStmt:
				// ctx, span := tracer.Start(ctx, "name")
				if len(x.Rhs) != 1 {
					return true
				}
				call, ok := ast.Unparen(x.Rhs[0]).(*ast.CallExpr)
				if !ok || !starts[call.Pos()] {
					return true
				}
				sp := get(call)
				for _, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						if v, ok := s.info.ObjectOf(id).(*types.Var); ok && funcname.IsNamed(v.Type(), otelTrace, "Span") {
							vars[v] = sp
						}
					}
				}
			case *ast.CallExpr:
				if starts[x.Pos()] {
					get(x)
				}
				sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "SetAttributes" {
					return true
				}
				if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
					if v, ok := s.info.Uses[id].(*types.Var); ok && vars[v] != nil {
						vars[v].Attributes = append(vars[v].Attributes, attrKeys(s.info, x.Args)...)
					}
				}
			}
			return true
		})
	}
	for _, call := range order {
		s.r.Record(call.Pos(), spans[call])
	}
}

// span decodes a span start.
func (s *state) span(call *ast.CallExpr) *inventory.Span {
	sp := &inventory.Span{Starter: funcname.CalleeName(s.info, call), Dynamic: true}
	named := false
	for _, a := range call.Args {
		t := s.info.TypeOf(a)
		if b, ok := t.(*types.Basic); !named && ok && b.Info()&types.IsString != 0 {
			named = true
			v := s.locals.Eval(a) // nil Locals: nothing known
			if !v.Known {
				v = eval.Eval(s.info, a)
			}
			if v.Known {
				sp.Name, sp.Dynamic = v.Value, false
			}
			continue
		}
		c, ok := ast.Unparen(a).(*ast.CallExpr)
		if !ok {
			continue
		}
		switch funcname.CalleeName(s.info, c) {
		case otelTrace + ".WithSpanKind":
			if len(c.Args) == 1 {
				if tv, ok := s.info.Types[c.Args[0]]; ok && tv.Value != nil {
					if k, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok {
						sp.Kind = spanKinds[k]
					}
				}
			}
		case otelTrace + ".WithAttributes":
			sp.Attributes = append(sp.Attributes, attrKeys(s.info, c.Args)...)
		}
	}
	return sp
}

// attrKeys are the keys of the attributes among args ("?" for a key not
// known statically).
func attrKeys(info *types.Info, args []ast.Expr) []string {
	var keys []string
	for _, a := range otelattr.List(info, args) {
		if a.Key.Known {
			keys = append(keys, a.Key.Value)
		} else {
			keys = append(keys, "?")
		}
	}
	return keys
}
