package sanitizeboundary

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// TestIllTyped runs the rule on code that does not type-check (as gopls
// and golangci-lint may): it must not crash, and what it can still see it
// reports.
func TestIllTyped(t *testing.T) {
	const src = `package odd

import (
	"fmt"
	"log/slog"
	"net/http"
)

type Req struct{ Password string; Inner Undefined }

func Sanitize(r Req) Req { r.Password = undefinedMarker; return r }
func Redact() {}
func MaskIt(x, y int) {}

func f(r *http.Request, req Req, l *slog.Logger) {
	l.Info("x", "password", undefinedFn())
	l.Info("x", "p", req.Password)
	l.Info(req.Missing, "k", req.Inner.Token)
	slog.Info("x", "auth", r.Header.Get(undefinedHeader))
	u, p := r.BasicAuth()
	l.Info("x", "p", p, "u", u)
	Sanitize()
	Redact()
	MaskIt(1)
	_ = Sanitize(req, 2)
	var x = fmt.Sprintf(undefinedFormat, req.Password)
	l.Info(x)
	l.Info("x", "v", func() string { return req.Password }())
	for _, c := range undefinedSlice {
		l.Info("x", "c", c.Password)
	}
	span.SetAttributes(attribute.String("password", req.Password))
	delete(m, "password")
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "odd.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Implicits:  map[ast.Node]types.Object{},
		Instances:  map[*ast.Ident]types.Instance{},
	}
	conf := types.Config{Importer: importer.Default(), Error: func(error) {}}
	pkg, _ := conf.Check("odd", fset, []*ast.File{f}, info)
	var got []string
	pass := &analysis.Pass{
		Analyzer:  Analyzer,
		Fset:      fset,
		Files:     []*ast.File{f},
		Pkg:       pkg,
		TypesInfo: info,
		ResultOf:  map[*analysis.Analyzer]any{inspect.Analyzer: inspector.New([]*ast.File{f})},
		Report:    func(d analysis.Diagnostic) { got = append(got, d.Message) },
	}
	if _, err := Analyzer.Run(pass); err != nil {
		t.Fatal(err)
	}
	// The well-typed parts are still checked.
	want := map[string]bool{"req.Password": false, "BasicAuth password": false}
	for _, m := range got {
		for w := range want {
			if strings.Contains(m, w) {
				want[w] = true
			}
		}
	}
	t.Logf("%d findings:\n%s", len(got), strings.Join(got, "\n"))
	for w, ok := range want {
		if !ok {
			t.Errorf("no finding mentions %q; got %q", w, got)
		}
	}
}
