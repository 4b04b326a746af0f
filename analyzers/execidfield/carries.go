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
		// the promoted method logs through the embedded field.
		if f := embeddedLogger(tv.Type); f != nil {
			return c.varCarries(f)
		}
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if dv, ok := logapi.DecodeDerive(info, e); ok {
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

// embeddedLogger returns the embedded logger field of struct type t (or
// of what t points to), nil if there is none.
func embeddedLogger(t types.Type) *types.Var {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for i := 0; i < st.NumFields(); i++ {
		if f := st.Field(i); f.Embedded() && logapi.IsLogger(f.Type()) {
			return f
		}
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
