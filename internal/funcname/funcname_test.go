package funcname

import (
	"go/ast"
	"go/parser"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

func TestParse(t *testing.T) {
	good := map[string]Name{
		"fmt.Println":                                   {Pkg: "fmt", Func: "Println"},
		"example.com/svc/middleware.StartSpan":          {Pkg: "example.com/svc/middleware", Func: "StartSpan"},
		"(*go.uber.org/zap.Logger).Error":               {Pkg: "go.uber.org/zap", Recv: "Logger", Pointer: true, Func: "Error"},
		"(go.opentelemetry.io/otel/trace.Tracer).Start": {Pkg: "go.opentelemetry.io/otel/trace", Recv: "Tracer", Func: "Start"},
		"(*github.com/sirupsen/logrus.Entry).Errorf":    {Pkg: "github.com/sirupsen/logrus", Recv: "Entry", Pointer: true, Func: "Errorf"},
		"gopkg.in/yaml.v3.Unmarshal":                    {Pkg: "gopkg.in/yaml.v3", Func: "Unmarshal"},
		"(gopkg.in/yaml.v3.Node).Decode":                {Pkg: "gopkg.in/yaml.v3", Recv: "Node", Func: "Decode"},
		"k8s.io/klog/v2.ErrorS":                         {Pkg: "k8s.io/klog/v2", Func: "ErrorS"},
		"(*github.com/prometheus/client_golang/prometheus/promauto.Factory).NewCounterVec": {Pkg: "github.com/prometheus/client_golang/prometheus/promauto", Recv: "Factory", Pointer: true, Func: "NewCounterVec"},
	}
	for s, want := range good {
		got, err := Parse(s)
		if err != nil {
			t.Errorf("Parse(%q): %v", s, err)
			continue
		}
		if got != want {
			t.Errorf("Parse(%q) = %+v, want %+v", s, got, want)
		}
		if got.String() != s {
			t.Errorf("Parse(%q).String() = %q", s, got.String())
		}
	}
	bad := map[string]string{
		"":                          "empty",
		"StartSpan":                 "want pkg/path.Func",
		"example.com/svc":           "want pkg/path.Func",
		"(*zap.Logger.Error":        "missing ')'",
		"(*go.uber.org/zap.Logger)": "want a method name",
		"(Logger).Error":            "package-qualified",
		"fmt.Print ln":              "no spaces",
		"fmt.1x":                    "want pkg/path.Func",
		"/abs/path.F":               "want pkg/path.Func",
	}
	for s, want := range bad {
		_, err := Parse(s)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) error = %v, want it to say %q", s, err, want)
		}
	}
}

// FuzzParse: Parse never panics, and what it accepts prints back the same.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"fmt.Println", "(*go.uber.org/zap.Logger).Error", "(a/b.T).M", "(", ")", "().", "a.b.c", "(*a.", "é/ü.Ö"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			return
		}
		if n.String() != s {
			t.Errorf("Parse(%q).String() = %q", s, n.String())
		}
	})
}

// TestOfMatchesFullName: the fast path of Of prints exactly what go/types
// prints, for every function and method of real packages (generic types,
// interfaces, embedded and promoted methods included).
func TestOfMatchesFullName(t *testing.T) {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedTypes | packages.NeedName},
		"net/http", "log/slog", "go/types", "iter", "slices", "sync/atomic", "encoding/json", "context")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	check := func(fn *types.Func) {
		n++
		// Twice: the second answer comes from the memo.
		for range 2 {
			if got, want := Of(fn), fn.Origin().FullName(); got != want {
				t.Errorf("Of = %q, FullName = %q", got, want)
			}
		}
	}
	for _, p := range pkgs {
		scope := p.Types.Scope()
		for _, name := range scope.Names() {
			switch obj := scope.Lookup(name).(type) {
			case *types.Func:
				check(obj)
			case *types.TypeName:
				for _, typ := range []types.Type{obj.Type(), types.NewPointer(obj.Type())} {
					ms := types.NewMethodSet(typ)
					for i := 0; i < ms.Len(); i++ {
						check(ms.At(i).Obj().(*types.Func))
					}
				}
			}
		}
	}
	if n < 1000 {
		t.Errorf("only %d functions checked", n)
	}
}

func BenchmarkOf(b *testing.B) {
	pkgs, _ := packages.Load(&packages.Config{Mode: packages.NeedTypes}, "net/http")
	var fns []*types.Func
	ms := types.NewMethodSet(types.NewPointer(pkgs[0].Types.Scope().Lookup("Request").Type()))
	for i := 0; i < ms.Len(); i++ {
		fns = append(fns, ms.At(i).Obj().(*types.Func))
	}
	b.Run("Of", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_ = Of(fns[i%len(fns)])
		}
	})
	b.Run("FullName", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_ = fns[i%len(fns)].FullName()
		}
	})
}

func TestTypeIs(t *testing.T) {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedTypes | packages.NeedName}, "net/http")
	if err != nil || len(pkgs) != 1 {
		t.Fatal(err)
	}
	req := pkgs[0].Types.Scope().Lookup("Request").Type()
	alias := types.NewAlias(types.NewTypeName(0, nil, "R", nil), req)
	for _, tc := range []struct {
		t    types.Type
		name string
		want bool
	}{
		{req, "net/http.Request", true},
		{types.NewPointer(req), "*net/http.Request", true},
		{types.NewPointer(alias), "*net/http.Request", true},
		{alias, "net/http.Request", true},
		{req, "*net/http.Request", false},
		{types.NewPointer(req), "net/http.Request", false},
		{req, "net/url.Request", false},
		{req, "net/http.Response", false},
		{req, "Request", false},
		{types.Typ[types.String], "string", false},
		{nil, "net/http.Request", false},
	} {
		if got := TypeIs(tc.t, tc.name); got != tc.want {
			t.Errorf("TypeIs(%v, %q) = %v, want %v", tc.t, tc.name, got, tc.want)
		}
	}
}

func TestFilter(t *testing.T) {
	f := NewFilter(slices.Values([]string{
		"(*go.uber.org/zap.Logger).Error",
		"github.com/prometheus/client_golang/prometheus.NewCounterVec",
	}))
	for src, want := range map[string]bool{
		`l.Error("x")`:               true,
		`(l.Error)("x")`:             true,
		`prometheus.NewCounterVec()`: true,
		`NewCounterVec[int]()`:       true,
		`fmt.Println("x")`:           false,
		`Errorf("x")`:                false,
		`fns[0]()`:                   false, // a slice element: Callee does not resolve it either
		`newLogger()()`:              true,
	} {
		e, err := parser.ParseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.May(e.(*ast.CallExpr)); got != want {
			t.Errorf("May(%s) = %v, want %v", src, got, want)
		}
	}
}
