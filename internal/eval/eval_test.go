package eval_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/obscheck/obscheck/internal/eval"
)

const src = `package p

import "fmt"

const ns = "noetl"

var pkgName = "pkg_" + ns // assigned once

var twice = "a"

func init() { twice = "b" }

func f(param string) {
	opts := ns + "_tasks"
	reassigned := "x"
	reassigned = "y"
	incd := 0
	incd++
	_, _, _, _ = opts, reassigned, incd, param
	if param == "" {
		param = "default"
	}
	_ = fmt.Sprintf("%s_%s_total", ns, "worker")
	_ = fmt.Sprintf("%s_%d", ns, incd)
	_ = fmt.Sprintf("req_%s_seconds", param)
	_ = param + "_total"
	_ = opts + "_total"
	_ = pkgName
	_ = twice
}
`

func setup(t *testing.T) (*types.Info, *eval.Locals, map[string]ast.Expr) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	// the expressions of the `_ = x` statements, by their source text
	exprs := map[string]ast.Expr{}
	ast.Inspect(f, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
			if id, ok := as.Lhs[0].(*ast.Ident); ok && id.Name == "_" {
				exprs[types.ExprString(as.Rhs[0])] = as.Rhs[0]
			}
		}
		return true
	})
	return info, eval.NewLocals(info, []*ast.File{f}), exprs
}

func TestEval(t *testing.T) {
	info, l, exprs := setup(t)
	for _, tc := range []struct {
		expr   string
		locals bool
		want   eval.Value
	}{
		{`fmt.Sprintf("%s_%s_total", ns, "worker")`, false, eval.Value{Known: true, Value: "noetl_worker_total"}},
		{`fmt.Sprintf("%s_%d", ns, incd)`, false, eval.Value{Prefix: ""}},
		{`fmt.Sprintf("req_%s_seconds", param)`, false, eval.Value{Prefix: "req_", Suffix: "_seconds"}},
		{`param + "_total"`, true, eval.Value{Suffix: "_total"}},
		{`opts + "_total"`, false, eval.Value{Suffix: "_total"}},
		{`opts + "_total"`, true, eval.Value{Known: true, Value: "noetl_tasks_total"}},
		{`pkgName`, true, eval.Value{Known: true, Value: "pkg_noetl"}},
		{`twice`, true, eval.Value{}},
	} {
		e, ok := exprs[tc.expr]
		if !ok {
			t.Fatalf("no expression %s", tc.expr)
		}
		var got eval.Value
		if tc.locals {
			got = l.Eval(e)
		} else {
			got = eval.Eval(info, e)
		}
		if got != tc.want {
			t.Errorf("%s (locals %v) = %+v, want %+v", tc.expr, tc.locals, got, tc.want)
		}
	}
}

func TestLocalsInit(t *testing.T) {
	_, l, _ := setup(t)
	var nilLocals *eval.Locals
	if nilLocals.Init(ast.NewIdent("x")) != nil || nilLocals.Eval(ast.NewIdent("x")).Known {
		t.Error("nil Locals knows something")
	}
	if got := l.Resolve(nil); got != nil {
		t.Errorf("Resolve(nil) = %v", got)
	}
}
