package sanitizeboundary

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/obscheck/obscheck/internal/apis/sensitive"
	"github.com/obscheck/obscheck/internal/funcname"
)

// The local data flow is deliberately simple: within a function, in source
// order, an assignment of a sensitive value to a local marks it sensitive;
// an assignment of a sanitized (or any other) value clears it. Branches and
// loops are not joined: a later clean assignment wins, which favors
// precision over recall.

func (c *checker) assign(as *ast.AssignStmt) {
	switch {
	case len(as.Lhs) == len(as.Rhs):
		for i, l := range as.Lhs {
			c.flowTo(l, as.Rhs[i], as.Tok)
		}
		c.discardedBlank(as)
	case len(as.Rhs) == 1:
		c.tupleTo(as.Lhs, as.Rhs[0])
	}
}

func (c *checker) valueSpec(vs *ast.ValueSpec) {
	switch {
	case len(vs.Names) == len(vs.Values):
		for i, n := range vs.Names {
			c.flowTo(n, vs.Values[i], token.DEFINE)
		}
	case len(vs.Values) == 1:
		lhs := make([]ast.Expr, len(vs.Names))
		for i, n := range vs.Names {
			lhs[i] = n
		}
		c.tupleTo(lhs, vs.Values[0])
	}
}

// localVar returns the variable an assignment target names, if it is a
// plain identifier.
func (c *checker) localVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	v, ok := c.info.Defs[id].(*types.Var)
	if !ok {
		v, _ = c.info.Uses[id].(*types.Var)
	}
	if v == nil || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return nil // only locals: package variables are not followed
	}
	return v
}

func (c *checker) flowTo(lhs, rhs ast.Expr, tok token.Token) {
	v := c.localVar(lhs)
	if v == nil || !carrier(v.Type()) {
		return // a bool or number is never tainted nor cleaned
	}
	o := c.sens(rhs)
	if tok == token.ADD_ASSIGN {
		if o != nil {
			c.setTaint(v, derived(o))
		}
		return
	}
	if o != nil {
		c.setTaint(v, o)
		return
	}
	delete(c.taint, v)
	if c.safe(rhs, 0) {
		c.clean[v] = true
		if _, fn, _, ok := c.sanitizerCall(rhs); ok {
			c.cleanBy[v] = fn
		}
	} else {
		delete(c.clean, v)
	}
}

func (c *checker) setTaint(v *types.Var, o *origin) {
	delete(c.clean, v)
	// Keep the root description: "x (holding y (holding z))" helps nobody.
	if inner := c.taint[v]; inner != nil && inner == o {
		return
	}
	c.taint[v] = o
}

// tupleTo handles v1, v2 := f(): request credentials (BasicAuth's
// password, Cookie), sources, comma-ok reads of sensitive values.
func (c *checker) tupleTo(lhs []ast.Expr, rhs ast.Expr) {
	rhs = ast.Unparen(rhs)
	for _, l := range lhs {
		if v := c.localVar(l); v != nil {
			delete(c.taint, v)
			delete(c.clean, v)
		}
	}
	idx, o := -1, (*origin)(nil)
	switch r := rhs.(type) {
	case *ast.CallExpr:
		fn := funcname.Callee(c.info, r)
		if fn == nil {
			return
		}
		name := funcname.Of(fn)
		if cr, ok := sensitive.Credentials[name]; ok {
			idx, o = cr.Result, &origin{desc: cr.What + " (" + exprString(r) + ")"}
		} else if c.isSanitizer(fn) {
			if v := c.localVarAt(lhs, 0); v != nil {
				c.clean[v] = true
				c.cleanBy[v] = fn
			}
			return
		} else if so := c.sens(r); so != nil {
			idx, o = 0, so
		}
	case *ast.IndexExpr, *ast.TypeAssertExpr:
		if so := c.sens(r); so != nil {
			idx, o = 0, so
		}
	}
	if o == nil {
		return
	}
	if v := c.localVarAt(lhs, idx); v != nil {
		c.setTaint(v, o)
	}
}

func (c *checker) localVarAt(lhs []ast.Expr, i int) *types.Var {
	if i < 0 || i >= len(lhs) {
		return nil
	}
	return c.localVar(lhs[i])
}

// rangeStmt: ranging over a sensitive collection makes each element
// sensitive (for _, ck := range r.Cookies()).
func (c *checker) rangeStmt(rs *ast.RangeStmt) {
	if k := c.localVar(rs.Key); k != nil {
		if _, ok := under(c.typeOf(rs.X)).(*types.Map); ok {
			c.nameVars[k] = true // a key of a lookup names what it looks up
		}
	}
	if rs.Value == nil {
		return
	}
	if v := c.localVar(rs.Value); v != nil && c.namesCredential(rs.X) {
		c.nameVars[v] = true // for _, name := range cfg.RootCAsSecrets
		return
	}
	v := c.localVar(rs.Value)
	if v == nil {
		return
	}
	if t := c.typeOf(rs.X); t != nil {
		if _, ok := sensitive.KeyedMaps[typeName(t)]; ok {
			return // for k, v := range r.Header: code usually filters by k
		}
	}
	if o := c.sens(rs.X); o != nil {
		c.setTaint(v, o)
	}
}
