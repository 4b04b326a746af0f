package spanstatus

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"maps"
	"sort"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/spans"
	"golang.org/x/tools/go/cfg"
)

// flow searches one function's control-flow graph for paths from a span's
// start to an error exit that do not mark the span.
type flow struct {
	c    *checker
	f    fnBody
	g    *cfg.CFG
	errs []int               // indexes of the error results
	vars map[*types.Var]uint // error variables whose nil-ness is followed: bit index
}

func newFlow(c *checker, f fnBody) *flow {
	fl := &flow{c: c, f: f, vars: map[*types.Var]uint{}}
	for i := 0; i < f.sig.Results().Len(); i++ {
		if types.Identical(f.sig.Results().At(i).Type(), errorType) {
			fl.errs = append(fl.errs, i)
		}
	}
	fl.g = cfg.New(f.body, c.mayReturn)
	fl.trackVars()
	return fl
}

// mayReturn: calls that never return end a path (panic is a builtin the
// cfg package already knows).
func (c *checker) mayReturn(call *ast.CallExpr) bool {
	switch funcname.CalleeName(c.info, call) {
	case "os.Exit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf", "runtime.Goexit":
		return false
	}
	return true
}

// trackVars picks the error variables whose nil-ness can be followed:
// locals and results of type error that no closure assigns and whose
// address is not taken. Named results start nil.
func (fl *flow) trackVars() {
	bad := map[*types.Var]bool{}
	ast.Inspect(fl.f.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			ast.Inspect(n.Body, func(m ast.Node) bool {
				if as, ok := m.(*ast.AssignStmt); ok {
					for _, l := range as.Lhs {
						if v := fl.c.varOf(l); v != nil {
							bad[v] = true
						}
					}
				}
				return true
			})
			return false
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if v := fl.c.varOf(n.X); v != nil {
					bad[v] = true
				}
			}
		case *ast.Ident:
			if v, ok := fl.c.info.Defs[n].(*types.Var); ok && types.Identical(v.Type(), errorType) && len(fl.vars) < 64 {
				fl.vars[v] = uint(len(fl.vars))
			}
		}
		return true
	})
	for i := 0; i < fl.f.sig.Results().Len(); i++ {
		if v := fl.f.sig.Results().At(i); v.Name() != "" && types.Identical(v.Type(), errorType) && len(fl.vars) < 64 {
			if _, ok := fl.vars[v]; !ok {
				fl.vars[v] = uint(len(fl.vars))
			}
		}
	}
	for v := range bad {
		delete(fl.vars, v)
	}
}

// facts is what a path knows of the error variables: bits of vars known
// nil and known non-nil.
type facts struct {
	isNil, nonNil uint64
	outcome       bool // the path tested errors.Is(err, context.Canceled) (or another outcome) true
}

type point struct {
	b    *cfg.Block
	i    int // node index in b
	know facts
}

// exit is an error exit reached by an unmarked path.
type exit struct {
	node    ast.Node // *ast.ReturnStmt, or the status-writing call
	errExpr ast.Expr // the returned error, for the fix (nil: none)
	plain   bool     // every unmarked path reaching it knows errExpr non-nil
	write   bool
}

// check reports the error exits of h left unmarked.
func (fl *flow) check(h *held) {
	b, i := fl.startPoint(h)
	if b == nil {
		return
	}
	var start facts
	for i := 0; i < fl.f.sig.Results().Len(); i++ {
		if bit, ok := fl.vars[fl.f.sig.Results().At(i)]; ok {
			start.isNil |= 1 << bit // named results start nil
		}
	}
	status := fl.search(point{b, i, start}, &h.target, "")
	var keyed []exit
	if fl.c.key != "" {
		keyed = fl.search(point{b, i, start}, &h.target, fl.c.key)
	}
	// One finding per exit, saying what it lacks.
	lacks := map[ast.Node][2]bool{}
	var order []exit
	for k, list := range [][]exit{status, keyed} {
		key := ""
		if k == 1 {
			key = fl.c.key
		}
		for _, e := range list {
			if e.write && !fl.unmarkedAfter(e.node, &h.target, key) {
				continue
			}
			l, seen := lacks[e.node]
			if !seen {
				order = append(order, e)
			}
			l[k] = true
			lacks[e.node] = l
		}
	}
	sort.Slice(order, func(i, j int) bool { return order[i].node.Pos() < order[j].node.Pos() })
	for _, e := range order {
		l := lacks[e.node]
		fl.c.reportExit(h, e, l[0], l[1])
	}
}

// startPoint is the node after the span's start (the entry for a span
// parameter).
func (fl *flow) startPoint(h *held) (*cfg.Block, int) {
	if h.param {
		if len(fl.g.Blocks) == 0 {
			return nil, 0
		}
		return fl.g.Blocks[0], 0
	}
	for _, b := range fl.g.Blocks {
		for i, n := range b.Nodes {
			if n.Pos() <= h.at.Pos() && h.at.End() <= n.End() {
				return b, i + 1
			}
		}
	}
	return nil, 0
}

// search walks the paths from p on which t is not marked (key "": its
// status, else that attribute) and returns the error exits they reach, in
// the order found.
func (fl *flow) search(p point, t *spans.Target, key string) []exit {
	type visit struct {
		b    *cfg.Block
		know facts
	}
	seen := map[visit]bool{}
	found := map[ast.Node]*exit{}
	var order []ast.Node
	work := []point{p}
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		if p.i == 0 {
			v := visit{p.b, p.know}
			if seen[v] {
				continue
			}
			seen[v] = true
		}
		stopped := false
		for j := p.i; j < len(p.b.Nodes) && !stopped; j++ {
			n := p.b.Nodes[j]
			if fl.stops(n, t, key) {
				stopped = true
				break
			}
			if ret, ok := n.(*ast.ReturnStmt); ok {
				if e, plain, isErr := fl.errorReturn(ret, p.know); isErr {
					x := found[ret]
					if x == nil {
						x = &exit{node: ret, errExpr: e, plain: plain}
						found[ret] = x
						order = append(order, ret)
					} else if !plain {
						x.plain = false
					}
				}
				stopped = true
				break
			}
			for _, w := range fl.writes(n) {
				if found[w] == nil {
					found[w] = &exit{node: w, write: true}
					order = append(order, w)
				}
			}
			p.know = fl.assigned(n, p.know)
		}
		if stopped {
			continue
		}
		for k, s := range p.b.Succs {
			work = append(work, point{s, 0, fl.branch(p.b, k, p.know)})
		}
	}
	out := make([]exit, 0, len(order))
	for _, n := range order {
		out = append(out, *found[n])
	}
	return out
}

// unmarkedAfter reports whether some path from the status write n reaches
// the function's end without marking the span.
func (fl *flow) unmarkedAfter(n ast.Node, t *spans.Target, key string) bool {
	for _, b := range fl.g.Blocks {
		for i, m := range b.Nodes {
			if m.Pos() <= n.Pos() && n.End() <= m.End() {
				return fl.reachesEnd(point{b, i + 1, facts{}}, t, key)
			}
		}
	}
	return true
}

func (fl *flow) reachesEnd(p point, t *spans.Target, key string) bool {
	seen := map[*cfg.Block]bool{}
	work := []point{p}
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		if p.i == 0 {
			if seen[p.b] {
				continue
			}
			seen[p.b] = true
		}
		stopped := false
		for j := p.i; j < len(p.b.Nodes); j++ {
			n := p.b.Nodes[j]
			if fl.stops(n, t, key) {
				stopped = true
				break
			}
			if _, ok := n.(*ast.ReturnStmt); ok {
				return true
			}
		}
		if stopped {
			continue
		}
		if len(p.b.Succs) == 0 && p.b.Live {
			return true // falls off the end (a return the cfg did not materialize)
		}
		for _, s := range p.b.Succs {
			work = append(work, point{s, 0, facts{}})
		}
	}
	return false
}

// stops reports whether a path ends at node n: it marks the span, ends it
// (the span is finished: what follows is not its operation), or starts a
// new span into its variable.
func (fl *flow) stops(n ast.Node, t *spans.Target, key string) bool {
	stop := false
	// deferred: the body of a deferred closure, which runs at the exit: it
	// may mark the span for every later return, but its End is no end of
	// the paths in between.
	var visit func(n ast.Node, deferred bool)
	visit = func(n ast.Node, deferred bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			if stop {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false // only deferred or called closures run here (below)
			case *ast.GoStmt:
				return false
			case *ast.DeferStmt:
				if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
					visit(lit.Body, true)
				} else if fl.c.markCall(n.Call, t, key) {
					stop = true
				}
				return false
			case *ast.CallExpr:
				if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
					visit(lit.Body, deferred)
				}
				if fl.c.markCall(n, t, key) {
					stop = true
				} else if m, recv := spans.Method(fl.c.info, n); m == traceapi.End && !deferred && t.Denotes(fl.c.info, fl.c.locals, recv) {
					stop = true
				}
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					if v := fl.c.varOf(l); v != nil && v == t.Span && n.Pos() > t.Span.Pos() {
						stop = true
					}
				}
			}
			return true
		})
	}
	visit(n, false)
	return stop
}

// errorReturn reports whether ret may return a non-nil error, the error
// expression, and whether it is a variable known non-nil here.
func (fl *flow) errorReturn(ret *ast.ReturnStmt, know facts) (ast.Expr, bool, bool) {
	res := fl.f.sig.Results()
	if len(fl.errs) == 0 || know.outcome {
		return nil, false, false
	}
	if len(ret.Results) == 0 { // bare return: the named results
		for _, i := range fl.errs {
			v := res.At(i)
			bit, ok := fl.vars[v]
			if !ok || know.isNil&(1<<bit) == 0 {
				return nil, false, true
			}
		}
		return nil, false, false
	}
	if len(ret.Results) != res.Len() {
		return nil, false, true // return f(): whatever f returns
	}
	for _, i := range fl.errs {
		e := ret.Results[i]
		switch fl.errorExpr(e, know) {
		case errNone:
		case errPlain:
			return e, true, true
		case errMaybe:
			return e, false, true
		}
	}
	return nil, false, false
}

type errKind int

const (
	errNone  errKind = iota // nil, or not a failure
	errMaybe                // may be a non-nil error
	errPlain                // a variable known non-nil here
)

func (fl *flow) errorExpr(e ast.Expr, know facts) errKind {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		if _, isNil := fl.c.info.Uses[id].(*types.Nil); isNil {
			return errNone
		}
		if v, ok := fl.c.info.Uses[id].(*types.Var); ok {
			if bit, ok := fl.vars[v]; ok {
				switch {
				case know.isNil&(1<<bit) != 0:
					return errNone
				case know.nonNil&(1<<bit) != 0:
					return errPlain
				}
			}
		}
	}
	if fl.c.outcome(e) {
		return errNone
	}
	return errMaybe
}

// clientCode reports whether call builds an error value (or a response)
// with a constant status that is not a server failure; ok is false when
// call is none of those.
func (c *checker) clientCode(call *ast.CallExpr) (client, ok bool) {
	// status.New(codes.NotFound, msg).Err()
	if sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr); isSel && sel.Sel.Name == "Err" && len(call.Args) == 0 {
		if inner, isCall := ast.Unparen(sel.X).(*ast.CallExpr); isCall {
			call = inner
		}
	}
	name := funcname.CalleeName(c.info, call)
	if ev, found := traceapi.ErrorValues[name]; found {
		code, known := c.intConst(call, ev.Code)
		if !known {
			return false, true
		}
		if ev.GRPC {
			return !traceapi.GRPCServerFailure(code), true
		}
		return code < 500, true
	}
	if arg, found := traceapi.Responders[name]; found {
		code, known := c.intConst(call, arg)
		return !known || code < 500, true // a response of unknown status: not judged
	}
	return false, false
}

func (c *checker) intConst(call *ast.CallExpr, i int) (int64, bool) {
	if i >= len(call.Args) {
		return 0, false
	}
	tv, ok := c.info.Types[call.Args[i]]
	if !ok || tv.Value == nil {
		return 0, false
	}
	return constant.Int64Val(constant.ToInt(tv.Value))
}

// writes returns the calls in n that write a constant 5xx status.
func (fl *flow) writes(n ast.Node) []ast.Node {
	var out []ast.Node
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if !mayWrite(n) {
				return true
			}
			if arg, ok := traceapi.StatusWriters[funcname.CalleeName(fl.c.info, n)]; ok {
				if code, known := fl.c.intConst(n, arg); known && code >= 500 && code <= 599 {
					out = append(out, n)
				}
			}
		}
		return true
	})
	return out
}

// mayWrite filters calls by their spelled name before resolving them.
var mayWrite = funcname.NewFilter(maps.Keys(traceapi.StatusWriters)).May

// assigned forgets what is known of the variables n assigns.
func (fl *flow) assigned(n ast.Node, know facts) facts {
	as, ok := n.(*ast.AssignStmt)
	if !ok {
		if spec, ok := n.(*ast.ValueSpec); ok {
			for _, id := range spec.Names {
				if bit, ok := fl.vars[fl.c.varOf(id)]; ok {
					know.isNil &^= 1 << bit
					know.nonNil &^= 1 << bit
					if len(spec.Values) == 0 {
						know.isNil |= 1 << bit // var err error
					}
				}
			}
		}
		return know
	}
	for _, l := range as.Lhs {
		if bit, ok := fl.vars[fl.c.varOf(l)]; ok {
			know.isNil &^= 1 << bit
			know.nonNil &^= 1 << bit
		}
	}
	return know
}

// branch refines what is known along successor k of a conditional block
// from its condition (err != nil, err == nil, with && and ||).
func (fl *flow) branch(b *cfg.Block, k int, know facts) facts {
	if len(b.Succs) != 2 || len(b.Nodes) == 0 {
		return know
	}
	cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	if !ok {
		return know
	}
	return fl.refine(cond, k == 0, know)
}

func (fl *flow) refine(cond ast.Expr, truth bool, know facts) facts {
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return fl.refine(e.X, !truth, know)
		}
	case *ast.CallExpr:
		// if errors.Is(err, context.Canceled) { return ... }: what the
		// branch returns is that outcome, however it is spelled.
		if truth && len(e.Args) == 2 && funcname.CalleeName(fl.c.info, e) == "errors.Is" && fl.c.outcome(e.Args[1]) {
			know.outcome = true
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND:
			if truth {
				return fl.refine(e.Y, true, fl.refine(e.X, true, know))
			}
		case token.LOR:
			if !truth {
				return fl.refine(e.Y, false, fl.refine(e.X, false, know))
			}
		case token.EQL, token.NEQ:
			x, y := e.X, e.Y
			if fl.isNil(x) {
				x, y = y, x
			}
			if !fl.isNil(y) {
				break
			}
			bit, ok := fl.vars[fl.c.varOf(x)]
			if !ok {
				break
			}
			if (e.Op == token.NEQ) == truth {
				know.nonNil |= 1 << bit
				know.isNil &^= 1 << bit
			} else {
				know.isNil |= 1 << bit
				know.nonNil &^= 1 << bit
			}
		}
	}
	return know
}

func (fl *flow) isNil(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := fl.c.info.Uses[id].(*types.Nil)
	return isNil
}
