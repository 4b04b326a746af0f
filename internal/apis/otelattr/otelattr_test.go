package otelattr_test

import (
	"go/ast"
	"go/types"
	"testing"

	"github.com/obscheck/obscheck/internal/apis/otelattr"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// probe reports every attribute reaching the arguments of a method call
// (not the attribute constructors themselves).
var probe = &analysis.Analyzer{
	Name: "probe",
	Doc:  "report decoded attributes",
	Run: func(pass *analysis.Pass) (any, error) {
		l := eval.NewLocals(pass.TypesInfo, pass.Files)
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || !isMethod(pass.TypesInfo, sel) {
					return true
				}
				for _, a := range otelattr.ListWith(pass.TypesInfo, l, call.Args) {
					key := "?"
					if a.Key.Known {
						key = a.Key.Value
					}
					pass.Reportf(a.Node.Pos(), "attr %s=%s", key, types.ExprString(a.Value))
				}
				return true
			})
		}
		return nil, nil
	},
}

func isMethod(info *types.Info, sel *ast.SelectorExpr) bool {
	s, ok := info.Selections[sel]
	return ok && (s.Kind() == types.MethodVal)
}

func TestList(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, probe, "./a")
}

func TestDecodeNil(t *testing.T) {
	if _, ok := otelattr.Decode(nil, nil); ok {
		t.Fatal("Decode(nil) ok")
	}
	if got := otelattr.List(nil, nil); got != nil {
		t.Fatalf("List(nil) = %v", got)
	}
}
