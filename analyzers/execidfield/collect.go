package execidfield

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/obscheck/obscheck/internal/apis/logapi"
	"github.com/obscheck/obscheck/internal/funcname"
	"golang.org/x/tools/go/ast/inspector"
)

// Collecting the stores: every assignment, declaration, composite literal
// and mutating call that puts a value into a variable or field, in source
// order, with the node whose extent the store dominates.

// assign is one store into a variable or field.
type assign struct {
	rhs    ast.Expr // nil: the zero value
	pos    token.Pos
	parent ast.Node // the node holding the statement: its extent is where the store dominates
	opaque bool     // mutated in a way not modelled (zerolog UpdateContext): assume it carries
	zero   bool     // var x T: a zero logger writes nothing (or panics), so it carries vacuously
}

// enclosingBlock is the innermost block-like node around the node at
// cur, nil outside a function body.
func enclosingBlock(cur inspector.Cursor) ast.Node {
	for e := range cur.Parent().Enclosing(blockTypes...) {
		switch n := e.Node().(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			return n
		}
		return nil // a function: the store is not inside a block of it
	}
	return nil
}

var blockTypes = []ast.Node{(*ast.BlockStmt)(nil), (*ast.CaseClause)(nil), (*ast.CommClause)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)}

var funcTypes = []ast.Node{(*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)}

// enclosingFuncs returns the function declaration around cur (nil at
// package level), the innermost function (a closure if cur is inside one)
// and its signature.
func enclosingFuncs(cur inspector.Cursor) (decl *ast.FuncDecl, inner ast.Node, ftype *ast.FuncType) {
	for e := range cur.Enclosing(funcTypes...) {
		switch n := e.Node().(type) {
		case *ast.FuncLit:
			if ftype == nil {
				inner, ftype = n, n.Type
			}
		case *ast.FuncDecl:
			if ftype == nil {
				inner, ftype = n, n.Type
			}
			return n, inner, ftype
		}
	}
	return nil, inner, ftype
}

// innermostFunc is the function declaration whose own body holds cur, nil
// inside a closure: a closure's returns are not its enclosing function's.
func innermostFunc(cur inspector.Cursor) *ast.FuncDecl {
	for e := range cur.Enclosing(funcTypes...) {
		fd, _ := e.Node().(*ast.FuncDecl)
		return fd
	}
	return nil
}

// declParent is the node holding a ValueSpec's declaration: the statement
// (DeclStmt) and GenDecl above it are skipped.
func declParent(cur inspector.Cursor) ast.Node {
	for p := cur.Parent(); p.Valid(); p = p.Parent() {
		switch p.Node().(type) {
		case *ast.GenDecl, *ast.DeclStmt:
			continue
		}
		return p.Node()
	}
	return nil
}

// target returns the variable or field an assignment's left side names.
func (c *checker) target(lhs ast.Expr) *types.Var {
	switch e := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		v, _ := c.pass.TypesInfo.ObjectOf(e).(*types.Var)
		return v
	case *ast.SelectorExpr:
		if sel, ok := c.pass.TypesInfo.Selections[e]; ok {
			if sel.Kind() == types.FieldVal {
				v, _ := sel.Obj().(*types.Var)
				return v
			}
			return nil
		}
		v, _ := c.pass.TypesInfo.ObjectOf(e.Sel).(*types.Var) // pkg.Var
		return v
	}
	return nil
}

func (c *checker) assignStmt(as *ast.AssignStmt, parent ast.Node) {
	switch {
	case len(as.Lhs) == len(as.Rhs):
		for i, l := range as.Lhs {
			if v := c.target(l); v != nil {
				a := assign{rhs: as.Rhs[i], pos: as.Pos(), parent: parent}
				if as.Tok != token.ASSIGN && as.Tok != token.DEFINE {
					a.rhs, a.opaque = nil, false // x += y: not a logger
				}
				c.assigns[v] = append(c.assigns[v], a)
			}
		}
	case len(as.Rhs) == 1:
		// l, err := newLogger(): the call stands for its logger result.
		for _, l := range as.Lhs {
			if v := c.target(l); v != nil {
				rhs := as.Rhs[0]
				if _, isCall := ast.Unparen(rhs).(*ast.CallExpr); !isCall || !logapi.IsLogger(v.Type()) {
					rhs = nil // v, ok := m[k], x.(T), <-ch: not modelled
					c.assigns[v] = append(c.assigns[v], assign{pos: as.Pos(), parent: parent, opaque: logapi.IsLogger(v.Type())})
					continue
				}
				c.assigns[v] = append(c.assigns[v], assign{rhs: rhs, pos: as.Pos(), parent: parent})
			}
		}
	}
}

func (c *checker) valueSpec(vs *ast.ValueSpec, parent ast.Node) {
	for i, name := range vs.Names {
		v, ok := c.pass.TypesInfo.Defs[name].(*types.Var)
		if !ok {
			continue
		}
		a := assign{pos: vs.Pos(), parent: parent}
		switch {
		case len(vs.Values) == len(vs.Names):
			a.rhs = vs.Values[i]
		case len(vs.Values) == 1:
			a.rhs = vs.Values[0]
		case len(vs.Values) == 0:
			a.zero = true
		}
		c.assigns[v] = append(c.assigns[v], a)
	}
}

// compositeLit records the fields a struct literal stores.
func (c *checker) compositeLit(lit *ast.CompositeLit) {
	tv, ok := c.pass.TypesInfo.Types[lit]
	if !ok || tv.Type == nil {
		return
	}
	t := tv.Type
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, el := range lit.Elts {
		var f *types.Var
		val := el
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			id, ok := kv.Key.(*ast.Ident)
			if !ok {
				continue
			}
			f, _ = c.pass.TypesInfo.ObjectOf(id).(*types.Var)
			val = kv.Value
		} else if i < st.NumFields() {
			f = st.Field(i)
		}
		if f != nil {
			c.assigns[f] = append(c.assigns[f], assign{rhs: val, pos: lit.Pos()})
		}
	}
}

// mutatingCall records calls that change a logger in place:
// zerolog's l.UpdateContext(...), and &l passed anywhere.
func (c *checker) mutatingCall(call *ast.CallExpr, parent ast.Node) {
	// The method name first: resolving every call's callee here cost more
	// than the rest of this function.
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "UpdateContext" &&
		funcname.CalleeName(c.pass.TypesInfo, call) == "(*github.com/rs/zerolog.Logger).UpdateContext" {
		if v := c.target(sel.X); v != nil {
			c.assigns[v] = append(c.assigns[v], assign{pos: call.Pos(), parent: parent, opaque: true})
		}
	}
	for _, a := range call.Args {
		if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
			if v := c.target(u.X); v != nil && logapi.IsLogger(v.Type()) {
				c.assigns[v] = append(c.assigns[v], assign{pos: call.Pos(), parent: parent, opaque: true})
			}
		}
	}
}

// resolve follows a local variable with one store to the expression
// stored (for zerolog events and zap CheckedEntries held in variables).
func (c *checker) resolve(id *ast.Ident) ast.Expr {
	v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok {
		return nil
	}
	as := c.assigns[v]
	if len(as) != 1 || as[0].opaque {
		return nil
	}
	return as[0].rhs
}
