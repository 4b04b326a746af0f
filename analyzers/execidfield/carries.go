package execidfield

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/obscheck/obscheck/internal/apis/logapi"
	"github.com/obscheck/obscheck/internal/funcname"
)

// Does a logger expression carry the key? Fields at the call, a
// derivation, a local whose reaching stores all carry it, a field or
// package variable every store into which carries it, a function whose
// every return does, a configured carrier.

// fieldsCarry returns the correlation key the fields carry, "*" when some
// top-level field's key is not statically known, or "".
func (c *checker) fieldsCarry(fields []logapi.Field) string {
	unknown := false
	for _, f := range fields {
		if f.Opaque || !f.Key.Known {
			if f.Group == "" && !f.IsGroup {
				unknown = true
			}
			continue
		}
		if f.IsGroup {
			continue
		}
		if p, ok := f.Path(); ok && slices.Contains(c.keys, p) {
			return p
		}
	}
	if unknown {
		return "*"
	}
	return ""
}

// carries reports the key the logger expression e carries at pos, "" if
// none is known.
func (c *checker) carries(e ast.Expr, pos token.Pos) string {
	info := c.pass.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Type != nil && !logapi.IsLogger(tv.Type) {
		// A struct embedding the logger (type Log struct{ *slog.Logger }):
		// the promoted method logs through the embedded field. A call
		// returning one is judged first: a wrapper's derivation
		// (l.WithField("execution_id", id)) or a carrier method.
		if f := loggerField(tv.Type); f != nil {
			if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
				if k := c.callCarries(call, pos); k != "" {
					return k
				}
			}
			return c.varCarries(f)
		}
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		return c.callCarries(e, pos)
	case *ast.Ident:
		v, ok := info.ObjectOf(e).(*types.Var)
		if !ok {
			return ""
		}
		if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
			return c.varCarries(v)
		}
		return c.localCarries(v, pos)
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok {
			if sel.Kind() != types.FieldVal {
				return ""
			}
			if v, ok := sel.Obj().(*types.Var); ok {
				return c.varCarries(v)
			}
			return ""
		}
		if v, ok := info.ObjectOf(e.Sel).(*types.Var); ok {
			return c.varCarries(v) // pkg.Var
		}
	case *ast.StarExpr:
		return c.carries(e.X, pos)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return c.carries(e.X, pos)
		}
	}
	return ""
}

// callCarries: a derivation (of a library or a wrapper) attaching the key
// or from a logger carrying it, a configured carrier, a function always
// returning a logger that carries it.
func (c *checker) callCarries(e *ast.CallExpr, pos token.Pos) string {
	info := c.pass.TypesInfo
	if dv, ok := logapi.DecodeDeriveWrapped(info, e, c.wrappers); ok {
		if k := c.fieldsCarry(dv.Fields); k != "" {
			return k
		}
		if dv.Base == nil {
			return ""
		}
		return c.carries(dv.Base, pos)
	}
	fn := funcname.Callee(info, e)
	if fn == nil {
		return ""
	}
	if c.carriers[funcname.Of(fn)] {
		return "carrier"
	}
	return c.funcCarries(fn)
}

// loggerField returns the logger field a struct type t (or what t points
// to) logs through: its embedded logger, else its only logger field (a
// wrapper's), nil if there is none.
func loggerField(t types.Type) *types.Var {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	var only *types.Var
	n := 0
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if !logapi.IsLogger(f.Type()) {
			continue
		}
		if f.Embedded() {
			return f
		}
		only, n = f, n+1
	}
	if n == 1 {
		return only
	}
	return nil
}

// localCarries: the stores that reach pos (the last one dominating it and
// those after it) all carry the key.
func (c *checker) localCarries(v *types.Var, pos token.Pos) string {
	var reach []assign
	dominated := false
	as := c.assigns[v]
	for i := len(as) - 1; i >= 0; i-- {
		a := as[i]
		if a.pos >= pos {
			continue
		}
		reach = append(reach, a)
		if a.parent != nil && a.parent.Pos() <= pos && pos < a.parent.End() {
			dominated = true
			break
		}
	}
	entry := ""
	if !dominated {
		// A parameter, or stores only in branches not covering pos.
		if entry = c.paramCarries(v); entry == "" {
			return ""
		}
	}
	if c.busyVar[v] {
		return ""
	}
	c.busyVar[v] = true
	defer delete(c.busyVar, v)
	key := entry
	for _, a := range reach {
		k := c.storeCarries(a)
		if k == "" {
			return ""
		}
		key = k
	}
	return key
}

func (c *checker) storeCarries(a assign) string {
	if a.opaque || a.zero {
		return "*"
	}
	if a.rhs == nil {
		return ""
	}
	return c.carries(a.rhs, a.pos)
}

// varCarries: every store into a field or package variable carries the
// key (fields and variables of other packages: by fact).
func (c *checker) varCarries(v *types.Var) string {
	if v.Pkg() != c.pass.Pkg {
		var f carriesFact
		if c.pass.ImportObjectFact(v, &f) && c.factKey(f.Key) {
			return f.Key
		}
		return ""
	}
	if k, ok := c.varMemo[v]; ok {
		return k
	}
	if c.busyVar[v] {
		return ""
	}
	c.busyVar[v] = true
	defer delete(c.busyVar, v)
	key := ""
	as := c.assigns[v]
	for _, a := range as {
		if c.selfDerived(a, v) {
			continue // keeps what v carries: the other stores decide
		}
		k := c.storeCarries(a)
		if k == "" {
			key = ""
			break
		}
		key = k
	}
	c.varMemo[v] = key
	return key
}

// selfDerived: the store puts into field v a logger derived from v itself
// with fields whose keys are not known (a wrapper's own WithField,
// &L{l.Entry.WithField(k, v)}): it neither adds the key nor loses it.
func (c *checker) selfDerived(a assign, v *types.Var) bool {
	call, ok := ast.Unparen(a.rhs).(*ast.CallExpr)
	if a.rhs == nil || !ok || !v.IsField() {
		return false
	}
	dv, ok := logapi.DecodeDeriveWrapped(c.pass.TypesInfo, call, c.wrappers)
	if !ok || c.fieldsCarry(dv.Fields) != "*" || dv.Base == nil {
		return false
	}
	sel, ok := ast.Unparen(dv.Base).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := c.pass.TypesInfo.Selections[sel]
	return ok && s.Obj() == v
}

// funcCarries: every return of fn yields loggers carrying the key.
func (c *checker) funcCarries(fn *types.Func) string {
	fn = fn.Origin()
	if fn.Pkg() != c.pass.Pkg {
		var f carriesFact
		if fn.Pkg() != nil && c.pass.ImportObjectFact(fn, &f) && c.factKey(f.Key) {
			return f.Key
		}
		return ""
	}
	if k, ok := c.funcMemo[fn]; ok {
		return k
	}
	if c.busyFunc[fn] {
		return ""
	}
	c.busyFunc[fn] = true
	defer delete(c.busyFunc, fn)
	key := c.computeFunc(fn)
	c.funcMemo[fn] = key
	return key
}

func (c *checker) computeFunc(fn *types.Func) string {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || c.decls[fn] == nil {
		return ""
	}
	var idx []int
	for i := 0; i < sig.Results().Len(); i++ {
		if logapi.IsLogger(sig.Results().At(i).Type()) {
			idx = append(idx, i)
		}
	}
	rets := c.returns[fn]
	if len(idx) == 0 || len(rets) == 0 {
		return ""
	}
	key := ""
	for _, ret := range rets {
		for _, i := range idx {
			var e ast.Expr
			switch {
			case len(ret.Results) == sig.Results().Len():
				e = ret.Results[i]
			case len(ret.Results) == 1:
				e = ret.Results[0] // return f()
			default:
				return "" // bare return of named results: not modelled
			}
			k := c.carries(e, ret.Pos())
			if k == "" {
				return ""
			}
			key = k
		}
	}
	return key
}
