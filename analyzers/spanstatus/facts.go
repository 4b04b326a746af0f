package spanstatus

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/spans"
)

// marksFact marks a function that sets the error status of the span it is
// given: a trace.Span parameter, or the span of a context.Context
// parameter (trace.SpanFromContext). Keys are the attribute keys it sets
// on that span ("*": keys not known statically), for error_code_key.
//
// The fact also marks a function whose every error return is an outcome,
// not a failure (a client-side gRPC status, a not-found sentinel), and a
// package variable holding such an error: Client.
type marksFact struct {
	Status []int // parameter indexes
	Keys   []spans.ParamKeys
	Client bool
}

func (*marksFact) AFact() {}

func (f *marksFact) String() string {
	if f.Client {
		return "client"
	}
	return fmt.Sprintf("marks%v keys%v", f.Status, f.Keys)
}

// maxKeys bounds the keys a fact carries: facts stay small.
const maxKeys = 8

// computeFacts finds this package's functions that mark the span of a
// parameter (through each other too, to a fixed point) and exports them.
func (c *checker) computeFacts(fns []fnBody) {
	type cand struct {
		fn     *types.Func
		body   *ast.BlockStmt
		params []*types.Var
	}
	var cands []cand
	for _, f := range fns {
		d, ok := f.node.(*ast.FuncDecl)
		if !ok {
			continue
		}
		fn, _ := c.info.Defs[d.Name].(*types.Func)
		if fn == nil {
			continue
		}
		var ps []*types.Var
		for i := 0; i < f.sig.Params().Len(); i++ {
			// A context parameter the body reassigns (ctx, span :=
			// tracer.Start(ctx, ...)) carries the function's own span
			// afterwards, not the caller's.
			if p := f.sig.Params().At(i); spans.IsSpan(p.Type()) || spans.IsContext(p.Type()) && !spans.Assigns(c.info, f.body, p) {
				ps = append(ps, p)
			}
		}
		if len(ps) > 0 && mayMark(f.body) {
			cands = append(cands, cand{fn, f.body, ps})
		}
	}
	for round := 0; round < 8; round++ {
		changed := false
		for _, cd := range cands {
			f := &marksFact{}
			for _, p := range cd.params {
				t := spans.Target{Span: p}
				if spans.IsContext(p.Type()) {
					t = spans.Target{Ctx: p}
				}
				i := spans.ParamIndex(cd.fn.Type().(*types.Signature), p)
				if c.marksIn(cd.body, &t, "") {
					f.Status = append(f.Status, i)
				}
				if keys := c.keysIn(cd.body, &t); len(keys) > 0 {
					f.Keys = append(f.Keys, spans.ParamKeys{Index: i, Keys: keys})
				}
			}
			old := c.local[cd.fn]
			if len(f.Status) == 0 && len(f.Keys) == 0 {
				continue
			}
			if old == nil || !slices.Equal(old.Status, f.Status) || len(old.Keys) != len(f.Keys) {
				c.local[cd.fn] = f
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	c.computeClients(fns)
	c.exportFacts()
}

func (c *checker) exportFacts() {
	for fn, f := range c.local {
		c.pass.ExportObjectFact(fn, f)
	}
	for v := range c.clientVars {
		c.pass.ExportObjectFact(v, &marksFact{Client: true})
	}
}

// computeClients finds the package's error variables holding, and
// functions returning only, errors that are outcomes rather than failures:
// serverErrors.ValidationError(err) wraps status.Error(InvalidArgument).
func (c *checker) computeClients(fns []fnBody) {
	for _, in := range c.info.InitOrder {
		if len(in.Lhs) == 1 && types.Identical(in.Lhs[0].Type(), errorType) && c.outcome(in.Rhs) {
			c.clientVars[in.Lhs[0]] = true
		}
	}
	for round := 0; round < 8; round++ {
		changed := false
		for _, f := range fns {
			d, ok := f.node.(*ast.FuncDecl)
			if !ok {
				continue
			}
			fn, _ := c.info.Defs[d.Name].(*types.Func)
			if fn == nil || c.local[fn] != nil && c.local[fn].Client || !c.onlyOutcomes(f) {
				continue
			}
			if c.local[fn] == nil {
				c.local[fn] = &marksFact{}
			}
			c.local[fn].Client = true
			changed = true
		}
		if !changed {
			break
		}
	}
}

// onlyOutcomes reports whether every return of f gives an outcome (or
// nil) for each error result, and some gives an outcome.
func (c *checker) onlyOutcomes(f fnBody) bool {
	var errs []int
	for i := 0; i < f.sig.Results().Len(); i++ {
		if types.Identical(f.sig.Results().At(i).Type(), errorType) {
			errs = append(errs, i)
		}
	}
	if len(errs) == 0 {
		return false
	}
	ok, some := true, false
	ast.Inspect(f.body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != f.sig.Results().Len() {
				ok = false
				return false
			}
			for _, i := range errs {
				switch e := n.Results[i]; {
				case isNilIdent(c.info, e):
				case c.outcome(e):
					some = true
				default:
					ok = false
				}
			}
		}
		return true
	})
	return ok && some
}

func isNilIdent(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// outcome reports whether the error expression e is an outcome, not a
// failure: a not-failure sentinel (traceapi.NotFailures,
// rules.spanstatus.not_failures), ctx.Err(), a client-side gRPC status or
// HTTP error, or a variable or call known to give only such errors.
func (c *checker) outcome(e ast.Expr) bool {
	e = ast.Unparen(e)
	var obj types.Object
	switch x := e.(type) {
	case *ast.Ident:
		obj = c.info.Uses[x]
	case *ast.SelectorExpr:
		obj = c.info.Uses[x.Sel]
	case *ast.CallExpr:
		if client, ok := c.clientCode(x); ok {
			return client
		}
		fn := funcname.Callee(c.info, x)
		if fn == nil {
			return false
		}
		if traceapi.NotFailureCalls[funcname.Of(fn)] {
			return true
		}
		f := c.factOf(fn)
		return f != nil && f.Client
	}
	v, ok := obj.(*types.Var)
	if !ok || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return false
	}
	return c.outcomeVar(v)
}

// outcomeVar reports whether the package variable v holds an outcome.
func (c *checker) outcomeVar(v *types.Var) bool {
	name := v.Pkg().Path() + "." + v.Name()
	if traceapi.NotFailures[name] || c.notFailures[name] {
		return true
	}
	if v.Pkg() == c.pass.Pkg {
		return c.clientVars[v]
	}
	var f marksFact
	return spans.SameModule(c.pass, v.Pkg()) && c.pass.ImportObjectFact(v, &f) && f.Client
}

// mayMark is a cheap test before the real one: the body calls something
// that can set a status or an attribute (a span method, or any function
// given a span or context, which may be a marking helper).
func mayMark(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && len(call.Args) > 0 {
			found = true
		}
		return !found
	})
	return found
}

// factOf returns what fn does to the spans of its parameters: from this
// pass for the package's own functions, by fact for its module's.
func (c *checker) factOf(fn *types.Func) *marksFact {
	return spans.FactOf(c.pass, c.local, fn)
}

// marksIn reports whether n marks t failed somewhere (any path): the test
// for helpers. key "" asks for the status, else for that attribute.
func (c *checker) marksIn(n ast.Node, t *spans.Target, key string) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found && c.markCall(call, t, key) {
			found = true
		}
		return !found
	})
	return found
}

// keysIn returns the attribute keys n sets on t ("*" for unknown ones).
func (c *checker) keysIn(n ast.Node, t *spans.Target) []string {
	var keys []string
	ast.Inspect(n, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		for _, k := range c.callKeys(call, t) {
			if !slices.Contains(keys, k) && len(keys) < maxKeys {
				keys = append(keys, k)
			}
		}
		return true
	})
	return keys
}

// callKeys returns the attribute keys one call sets on t.
func (c *checker) callKeys(call *ast.CallExpr, t *spans.Target) []string {
	m, recv := spans.Method(c.info, call)
	var keys []string
	var unknown bool
	switch {
	case m == traceapi.SetAttributes && t.Denotes(c.info, c.locals, recv):
		keys, unknown = spans.Keys(c.info, c.locals, call.Args)
	case m == traceapi.RecordError && t.Denotes(c.info, c.locals, recv) && len(call.Args) > 1:
		keys, unknown = spans.Keys(c.info, c.locals, call.Args[1:])
	case m == 0:
		fn := funcname.Callee(c.info, call)
		if f := c.factOf(fn); f != nil {
			for _, pk := range f.Keys {
				if pk.Index < len(call.Args) && c.gives(call.Args[pk.Index], t, fn, pk.Index) {
					keys = append(keys, pk.Keys...)
				}
			}
		}
	}
	if unknown {
		keys = append(keys, "*")
	}
	return keys
}

// markCall reports whether one call marks t: sets its error status (key
// "") or the attribute key.
func (c *checker) markCall(call *ast.CallExpr, t *spans.Target, key string) bool {
	m, recv := spans.Method(c.info, call)
	if m != 0 {
		if key == "" {
			return m == traceapi.SetStatus && len(call.Args) > 0 && t.Denotes(c.info, c.locals, recv) && spans.MayBeError(c.info, call.Args[0])
		}
		return slices.ContainsFunc(c.callKeys(call, t), func(k string) bool { return k == key || k == "*" })
	}
	fn := funcname.Callee(c.info, call)
	if fn == nil {
		return false
	}
	if f := c.factOf(fn); f != nil {
		if key == "" {
			for _, i := range f.Status {
				if i < len(call.Args) && c.gives(call.Args[i], t, fn, i) {
					return true
				}
			}
			return false
		}
		return slices.ContainsFunc(c.callKeys(call, t), func(k string) bool { return k == key || k == "*" })
	}
	helper := c.helpers[funcname.Of(fn)]
	foreign := spans.Foreign(c.pass, fn)
	if !helper && !foreign {
		return false
	}
	for _, a := range call.Args {
		if t.Span != nil && t.Denotes(c.info, c.locals, a) {
			return true // given the span itself: a helper, or code we cannot see
		}
		if helper && spans.IsContext(c.info.TypeOf(a)) && !spans.IsEmptyContext(c.info, a) {
			return true
		}
	}
	return false
}

// gives reports whether argument a, passed to parameter i of fn, gives
// fn the span t: the span itself, or a context (which carries the span
// the function holds; contexts derived later carry it too).
func (c *checker) gives(a ast.Expr, t *spans.Target, fn *types.Func, i int) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || i >= sig.Params().Len() {
		return false
	}
	if spans.IsSpan(sig.Params().At(i).Type()) {
		return t.Denotes(c.info, c.locals, a)
	}
	if t.Ctx != nil && t.Span == nil {
		return isVar(c.info, a, t.Ctx) // a helper's context parameter: only itself
	}
	return !spans.IsEmptyContext(c.info, a)
}
