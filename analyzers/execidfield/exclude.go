package execidfield

import (
	"go/ast"
	"go/types"

	"github.com/obscheck/obscheck/internal/apis/logapi"
	"github.com/obscheck/obscheck/internal/funcname"
	"golang.org/x/tools/go/analysis"
)

// Calls that are not judged: log adapters relaying their caller's
// message, excluded functions, slog calls given a context the team's
// handler reads.

// forwards reports whether the call logs a message relayed from the
// enclosing function's variadic or []byte parameter: a log adapter
// (Println(args ...any), Write(p []byte)) that cannot know the execution.
func (c *checker) forwards(call *logapi.Call, ft *ast.FuncType) bool {
	if ft == nil || ft.Params == nil {
		return false
	}
	relay := map[types.Object]bool{}
	for _, f := range ft.Params.List {
		_, variadic := f.Type.(*ast.Ellipsis)
		for _, n := range f.Names {
			obj := c.pass.TypesInfo.Defs[n]
			if obj == nil {
				continue
			}
			if sl, ok := obj.Type().(*types.Slice); variadic || ok && types.Identical(sl.Elem(), types.Typ[types.Byte]) {
				relay[obj] = true
			}
		}
	}
	if len(relay) == 0 {
		return false
	}
	exprs := append([]ast.Expr{call.Msg}, call.Args...)
	for _, e := range exprs {
		if e != nil && c.uses(e, relay, 0) {
			return true
		}
	}
	return false
}

// uses reports whether e refers to one of objs, following locals with a
// single store a few steps.
func (c *checker) uses(e ast.Expr, objs map[types.Object]bool, depth int) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || found {
			return !found
		}
		obj := c.pass.TypesInfo.Uses[id]
		if objs[obj] {
			found = true
		} else if depth < 3 {
			if r := c.resolve(id); r != nil && c.uses(r, objs, depth+1) {
				found = true
			}
		}
		return !found
	})
	return found
}

func excluded(pass *analysis.Pass, fd *ast.FuncDecl, names []string) bool {
	fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
	full := ""
	if ok {
		full = funcname.Of(fn)
	}
	for _, n := range names {
		if n == fd.Name.Name || (full != "" && n == full) {
			return true
		}
	}
	return false
}

func isEmptyContext(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	switch funcname.CalleeName(info, call) {
	case "context.Background", "context.TODO":
		return true
	}
	return false
}
