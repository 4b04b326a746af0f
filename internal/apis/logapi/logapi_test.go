package logapi_test

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/apis/logapi"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// describe reports every decoded log call as a one-line summary, so the
// testdata's `// want` comments spell out what Decode found.
var describe = &analysis.Analyzer{
	Name: "describe",
	Doc:  "describe decoded log calls",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			defs := map[types.Object]ast.Expr{}
			ast.Inspect(f, func(n ast.Node) bool {
				if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
					for i, l := range as.Lhs {
						if id, ok := l.(*ast.Ident); ok {
							if obj := pass.TypesInfo.ObjectOf(id); obj != nil {
								defs[obj] = as.Rhs[i]
							}
						}
					}
				}
				return true
			})
			resolve := func(id *ast.Ident) ast.Expr { return defs[pass.TypesInfo.ObjectOf(id)] }
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				c, ok := logapi.DecodeWith(pass.TypesInfo, call, resolve)
				if ok {
					pass.Reportf(call.Pos(), "%s", summary(c))
				}
				return true
			})
		}
		return nil, nil
	},
}

func summary(c *logapi.Call) string {
	var b strings.Builder
	lvl := "?"
	if c.LevelKnown {
		lvl = c.Level.String()
	}
	fmt.Fprintf(&b, "%s %s msg=", c.Lib, lvl)
	if c.Msg == nil {
		b.WriteString("-")
	} else {
		b.WriteString(types.ExprString(c.Msg))
	}
	if c.Format {
		b.WriteString(" format")
	}
	if c.Format || len(c.Args) > 0 {
		fmt.Fprintf(&b, " args=%d", len(c.Args))
	}
	var keys []string
	for _, f := range c.Fields {
		p, ok := f.Path()
		switch {
		case f.Opaque || !ok:
			keys = append(keys, "?")
		case f.IsGroup:
			keys = append(keys, p+"{}")
		default:
			keys = append(keys, p)
		}
	}
	fmt.Fprintf(&b, " fields=[%s] logger=", strings.Join(keys, " "))
	if c.Logger == nil {
		b.WriteString("-")
	} else {
		b.WriteString(types.ExprString(c.Logger))
	}
	if c.HasCtx {
		b.WriteString(" ctx")
	}
	if c.Err != nil {
		b.WriteString(" err")
	}
	if !c.Structured {
		b.WriteString(" unstructured")
	}
	return b.String()
}

func TestDecode(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, describe, "./calls")
}

func TestParseLevel(t *testing.T) {
	for in, want := range map[string]logapi.Level{"warn": logapi.Warn, "WARNING": logapi.Warn, "fatal": logapi.Fatal, "dpanic": logapi.DPanic} {
		if got, ok := logapi.ParseLevel(in); !ok || got != want {
			t.Errorf("ParseLevel(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	if _, ok := logapi.ParseLevel("loud"); ok {
		t.Error(`ParseLevel("loud") succeeded`)
	}
}

func TestIsLoggerNil(t *testing.T) {
	if logapi.IsLogger(nil) || logapi.IsLogger(types.Typ[types.String]) {
		t.Error("IsLogger accepted a non-logger")
	}
}
