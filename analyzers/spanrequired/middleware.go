package spanrequired

// Tracing middleware: which middleware, wrappers and constructors trace what they serve.

import (
	"go/ast"
	"go/types"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/funcname"
)

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

// appendMws appends the arguments that may be middleware: not handlers
// or routers.
func (s *state) appendMws(mws []ast.Expr, args []ast.Expr) []ast.Expr {
	for _, a := range args {
		if t := s.info.TypeOf(a); t != nil && (s.routerish(t) || isHandlerFunc(t)) {
			continue
		}
		mws = append(mws, a)
	}
	return mws
}
