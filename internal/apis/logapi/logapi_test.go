package logapi_test

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/apis"
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

// TestDecode checks Decode on ./calls and DecodeDerive on ./derives, in
// one analysistest run (one load of the real logging modules).
func TestDecode(t *testing.T) {
	t.Parallel()
	each := &analysis.Analyzer{
		Name: "describeeach",
		Doc:  "describe decoded log calls (package calls) and derivations (package derives)",
		Run: func(pass *analysis.Pass) (any, error) {
			if pass.Pkg.Name() == "derives" {
				return describeDerive.Run(pass)
			}
			return describe.Run(pass)
		},
	}
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, each, "./calls", "./derives")
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

// describeDerive reports every decoded logger derivation.
var describeDerive = &analysis.Analyzer{
	Name: "describederive",
	Doc:  "describe decoded logger derivations",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				dv, ok := logapi.DecodeDerive(pass.TypesInfo, call)
				if !ok {
					return true
				}
				var keys []string
				for _, f := range dv.Fields {
					p, ok := f.Path()
					if f.Opaque || !ok {
						p = "?"
					}
					keys = append(keys, p)
				}
				base := "-"
				if dv.Base != nil {
					base = types.ExprString(dv.Base)
				}
				msg := fmt.Sprintf("derive %s base=%s fields=[%s]", dv.Lib, base, strings.Join(keys, " "))
				if dv.Group != "" {
					msg += " group=" + dv.Group
				}
				if dv.Ctx != nil {
					msg += " ctx"
				}
				pass.Reportf(call.Pos(), "%s", msg)
				return true
			})
		}
		return nil, nil
	},
}

func TestAttachHint(t *testing.T) {
	for _, tc := range []struct {
		lib      *apis.Library
		fn, want string
	}{
		{apis.Slog, "(*log/slog.Logger).Error", `l = l.With("execution_id", id)`},
		{apis.Zap, "(*go.uber.org/zap.SugaredLogger).Errorw", `s = s.With("execution_id", id)`},
		{apis.Zap, "(*go.uber.org/zap.Logger).Error", `l = l.With(zap.String("execution_id", id))`},
		{apis.StdLog, "log.Fatal", ``},
		{apis.GoKit, "(github.com/go-kit/log.Logger).Log", `logger = log.With(logger, "execution_id", id)`},
	} {
		if got := logapi.AttachHint(&logapi.Call{Lib: tc.lib, Fn: tc.fn}, "execution_id"); got != tc.want {
			t.Errorf("AttachHint(%s) = %q, want %q", tc.fn, got, tc.want)
		}
	}
}
