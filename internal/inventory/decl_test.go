package inventory

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

const declSrc = `package p

type Counter struct{}

func New(name string) *Counter { return &Counter{} }
func must(c *Counter) *Counter { return c }

var Requests = New("requests")

var (
	A, B = New("a"), must(New("b"))
)

type metrics struct{ latency, errors *Counter }

type Server struct {
	metrics
	other *Counter
}

func NewServer() *Server {
	s := &Server{other: New("other")}
	s.latency = New("latency")
	m := metrics{errors: New("errors")}
	_ = m
	local := New("local")
	_ = local
	New("dropped")
	return s
}
`

func TestHolderOf(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", declSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{},
		Types: map[ast.Expr]types.TypeAndValue{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("example.com/p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		`"requests"`: "example.com/p.Requests",
		`"a"`:        "example.com/p.A",
		`"b"`:        "example.com/p.B", // through must(...)
		`"other"`:    "example.com/p.Server.other",
		`"latency"`:  "example.com/p.metrics.latency", // promoted: named after the declaring type
		`"errors"`:   "example.com/p.metrics.errors",
		`"local"`:    "", // a local is no holder another function reaches
		`"dropped"`:  "",
	}
	decls := map[string]string{`"requests"`: "example.com/p.Requests", `"b"`: "example.com/p.B", `"latency"`: "example.com/p.NewServer"}
	seen := 0
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return true
		}
		lit, ok := call.Args[0].(*ast.BasicLit)
		if !ok {
			return true
		}
		seen++
		if got := HolderOf([]*ast.File{f}, info, call); got != want[lit.Value] {
			t.Errorf("HolderOf(New(%s)) = %q, want %q", lit.Value, got, want[lit.Value])
		}
		if d, ok := decls[lit.Value]; ok {
			if got := DeclAt([]*ast.File{f}, info, pkg, call.Pos()); got != d {
				t.Errorf("DeclAt(New(%s)) = %q, want %q", lit.Value, got, d)
			}
		}
		return true
	})
	if seen != len(want) {
		t.Errorf("saw %d definitions, want %d", seen, len(want))
	}
}
