package execidfield

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/logapi"
)

// Logger parameters of unexported functions: carried when every call site
// in the package passes a carrying logger.

func (c *checker) recordParams(fn *types.Func, fd *ast.FuncDecl) {
	if fd.Type.Params == nil {
		return
	}
	i := 0
	for _, f := range fd.Type.Params.List {
		_, variadic := f.Type.(*ast.Ellipsis)
		names := f.Names
		if len(names) == 0 {
			i++
			continue
		}
		for _, n := range names {
			if v, ok := c.pass.TypesInfo.Defs[n].(*types.Var); ok && !variadic && logapi.IsLogger(v.Type()) {
				c.params[v] = param{fn: fn, idx: i}
			}
			i++
		}
	}
}

// indexCalls records, once per pass and only when a logger parameter is
// asked about, the package's direct calls to its own functions and the
// functions that escape: used other than by a direct call (a func value,
// a method value), whose callers are not all known.
func (c *checker) indexCalls() {
	if c.callSites != nil {
		return
	}
	c.callSites = map[*types.Func][]*ast.CallExpr{}
	c.escapes = map[*types.Func]bool{}
	calledAt := map[*ast.Ident]bool{}
	test := false
	c.ins.Preorder([]ast.Node{(*ast.File)(nil), (*ast.CallExpr)(nil)}, func(n ast.Node) {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			test = strings.HasSuffix(c.pass.Fset.File(n.Pos()).Name(), "_test.go")
			return
		}
		var id *ast.Ident
		switch f := ast.Unparen(call.Fun).(type) {
		case *ast.Ident:
			id = f
		case *ast.SelectorExpr:
			id = f.Sel
		default:
			return
		}
		fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func)
		if !ok || fn.Pkg() != c.pass.Pkg {
			return
		}
		calledAt[id] = true
		if !test { // tests call helpers with plain loggers; the package's own callers decide
			c.callSites[fn] = append(c.callSites[fn], call)
		}
	})
	for id, obj := range c.pass.TypesInfo.Uses {
		if fn, ok := obj.(*types.Func); ok && fn.Pkg() == c.pass.Pkg && !calledAt[id] {
			c.escapes[fn] = true
		}
	}
}

// paramCarries: v is a logger parameter of an unexported function that
// every call site in the package passes a carrying logger to.
func (c *checker) paramCarries(v *types.Var) string {
	p, ok := c.params[v]
	if !ok || p.fn.Exported() {
		return ""
	}
	c.indexCalls()
	if c.escapes[p.fn] || len(c.callSites[p.fn]) == 0 {
		return ""
	}
	if k, ok := c.paramMemo[v]; ok {
		return k
	}
	if c.busyVar[v] {
		return ""
	}
	c.busyVar[v] = true
	defer delete(c.busyVar, v)
	key := ""
	for _, call := range c.callSites[p.fn] {
		if p.idx >= len(call.Args) || call.Ellipsis.IsValid() {
			key = ""
			break
		}
		k := c.carries(call.Args[p.idx], call.Pos())
		if k == "" {
			key = ""
			break
		}
		key = k
	}
	c.paramMemo[v] = key
	return key
}
