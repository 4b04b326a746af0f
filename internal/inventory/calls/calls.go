// Package calls records the module's call graph for obscheck coverage:
// for every function (declarations and literals) the functions of the
// module it calls or refers to, and the metric variables and fields it
// touches. Coverage follows these edges from each entry point the
// spanrequired rule judged to find what is on its path. Calls are
// resolved through go/types (static callees and function values); calls
// through interfaces and function-typed variables are not followed.
package calls

import (
	"go/ast"
	"go/types"
	"reflect"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/metricapi"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/inventory"
	"github.com/obscheck/obscheck/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// Result is the functions of one package.
type Result struct{ Items []inventory.Item }

// Inventory is what the driver collects.
func (r *Result) Inventory() []inventory.Item { return r.Items }

// Analyzer records the call graph. It reports nothing; obscheck coverage
// adds it to the rules it runs.
var Analyzer = &analysis.Analyzer{
	Name:       "inventorycalls",
	Doc:        "record the module's call graph for obscheck coverage",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeOf((*Result)(nil)),
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{}
	insp, ok := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if !ok || pass.TypesInfo == nil || pass.Pkg == nil || report.Dependency(pass) {
		return res, nil
	}
	info := pass.TypesInfo
	module := ""
	if pass.Module != nil {
		module = pass.Module.Path
	}
	inModule := func(p *types.Package) bool {
		if p == nil {
			return false
		}
		if module != "" {
			return p.Path() == module || strings.HasPrefix(p.Path(), module+"/")
		}
		first, _, _ := strings.Cut(p.Path(), "/")
		return strings.Contains(first, ".") // not the standard library
	}
	metricPkgs := metricapi.Packages()
	isMetric := func(t types.Type) bool {
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		return ok && n.Obj().Pkg() != nil && metricPkgs[n.Obj().Pkg().Path()]
	}

	var stack []*inventory.Func
	nodes := map[ast.Node]*inventory.Func{}
	open := func(n ast.Node, name string) {
		p := pass.Fset.Position(n.Pos())
		end := pass.Fset.Position(n.End())
		f := &inventory.Func{Name: name, EndLine: end.Line}
		f.Pos = inventory.Pos{Package: pass.Pkg.Path(), File: p.Filename, Line: p.Line, Col: p.Column}
		if len(stack) > 0 && name == "func literal" {
			parent := stack[len(stack)-1]
			parent.Calls = append(parent.Calls, f.ID()) // registered, deferred, run in a goroutine: on the path
		}
		stack = append(stack, f)
		nodes[n] = f
		res.Items = append(res.Items, f)
	}
	insp.Nodes([]ast.Node{(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.Ident)(nil), (*ast.SelectorExpr)(nil)}, func(n ast.Node, push bool) bool {
		switch x := n.(type) {
		case *ast.FuncDecl:
			if !push {
				stack = stack[:len(stack)-1]
				return true
			}
			name := pass.Pkg.Path() + "." + x.Name.Name
			if fn, ok := info.Defs[x.Name].(*types.Func); ok {
				name = funcname.Of(fn)
			}
			open(x, name)
		case *ast.FuncLit:
			if !push {
				stack = stack[:len(stack)-1]
				return true
			}
			open(x, "func literal")
		case *ast.SelectorExpr:
			// s.metrics.requests: a metric held in a field.
			if !push || len(stack) == 0 {
				return true
			}
			if sel, ok := info.Selections[x]; ok && sel.Kind() == types.FieldVal && isMetric(sel.Obj().Type()) {
				if k := inventory.ExprKey(info, x); k != "" {
					cur := stack[len(stack)-1]
					cur.Metrics = append(cur.Metrics, k)
				}
			}
		case *ast.Ident:
			if !push || len(stack) == 0 {
				return true
			}
			cur := stack[len(stack)-1]
			switch obj := info.Uses[x].(type) {
			case *types.Func:
				// A call or a function value (s.handle passed on): both
				// run what the function does.
				if inModule(obj.Pkg()) {
					cur.Calls = append(cur.Calls, funcname.Of(obj.Origin()))
				}
			case *types.Var:
				if !obj.IsField() && isMetric(obj.Type()) {
					if k := inventory.ObjectKey(obj); k != "" {
						cur.Metrics = append(cur.Metrics, k)
					}
				}
			}
		}
		return true
	})
	for _, f := range res.Items {
		fn := f.(*inventory.Func)
		fn.Calls = unique(fn.Calls)
		fn.Metrics = unique(fn.Metrics)
	}
	return res, nil
}

func unique(s []string) []string {
	seen := map[string]bool{}
	out := s[:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
