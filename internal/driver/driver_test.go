package driver

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// marked is the fact: the function is named Marked or calls a marked one.
type marked struct{}

func (*marked) AFact()         {}
func (*marked) String() string { return "marked" }

// markAnalyzer exports facts and reports calls to marked functions of
// other packages, which only works if facts cross packages.
var markAnalyzer = &analysis.Analyzer{
	Name:      "mark",
	Doc:       "test",
	FactTypes: []analysis.Fact{new(marked)},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncDecl:
					if n.Name.Name == "Marked" {
						pass.ExportObjectFact(pass.TypesInfo.Defs[n.Name], new(marked))
					}
				case *ast.CallExpr:
					var id *ast.Ident
					switch fn := n.Fun.(type) {
					case *ast.SelectorExpr:
						id = fn.Sel
					case *ast.Ident:
						id = fn
					}
					if obj, ok := pass.TypesInfo.Uses[id].(*types.Func); ok && obj.Pkg() != pass.Pkg {
						if pass.ImportObjectFact(obj, new(marked)) {
							pass.Reportf(n.Pos(), "call to marked %s", obj.Name())
						}
					}
				}
				return true
			})
		}
		return nil, nil
	},
}

// boomAnalyzer panics on package c only.
var boomAnalyzer = &analysis.Analyzer{
	Name: "boom",
	Doc:  "test",
	Run: func(pass *analysis.Pass) (any, error) {
		if pass.Pkg.Name() == "c" {
			panic("boom")
		}
		pass.Reportf(pass.Files[0].Package, "saw %s", pass.Pkg.Name())
		return nil, nil
	},
}

func load(t *testing.T) ([]string, *Result) {
	t.Helper()
	loaded, err := Load(LoadConfig{Dir: "testdata/facts"})
	if err != nil || len(loaded.Errors) > 0 {
		t.Fatalf("load: %v %v", err, loaded)
	}
	pkgs := loaded.Packages
	roots := map[string]bool{}
	for _, p := range pkgs {
		roots[p.PkgPath] = true
	}
	for _, p := range pkgs {
		// Dependencies outside the roots come from export data, not source.
		for _, imp := range p.Imports {
			if !roots[imp.PkgPath] && (imp.Syntax != nil || imp.TypesInfo != nil) {
				t.Errorf("dependency %s was loaded from source", imp.PkgPath)
			}
		}
	}
	res := Run(pkgs, RunConfig{Analyzers: []*analysis.Analyzer{markAnalyzer, boomAnalyzer}, Dir: "testdata/facts", Jobs: 1})
	var lines []string
	for _, f := range res.Findings {
		lines = append(lines, fmt.Sprintf("%s:%d: %s (%s) in %q", f.File, f.Line, f.Message, f.Rule, f.Func))
	}
	return lines, res
}

func TestFactsAcrossPackages(t *testing.T) {
	lines, res := load(t)
	want := []string{
		"a/a.go:1: saw a (boom) in \"\"",
		"b/b.go:1: saw b (boom) in \"\"",
		"b/b.go:6: call to marked Marked (mark) in \"Marked\"",
		"b/b.go:10: call to marked Marked (mark) in \"use\"",
		"c/c.go:9: call to marked Marked (mark) in \"use\"",
	}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if len(res.Failures) != 1 || res.Failures[0].Analyzer != "boom" || !strings.Contains(res.Failures[0].Package, "example.com/facts/c") ||
		!strings.Contains(res.Failures[0].Stack, "driver_test.go") {
		t.Errorf("panic not isolated and reported: %+v", res.Failures)
	}
}

func TestDeterministicAcrossJobs(t *testing.T) {
	loaded, err := Load(LoadConfig{Dir: "testdata/facts"})
	if err != nil {
		t.Fatal(err)
	}
	pkgs := loaded.Packages
	var first []string
	for _, jobs := range []int{1, 2, 8, 1, 8} {
		res := Run(pkgs, RunConfig{Analyzers: []*analysis.Analyzer{markAnalyzer}, Dir: "testdata/facts", Jobs: jobs})
		var got []string
		for _, f := range res.Findings {
			got = append(got, fmt.Sprint(f))
		}
		if first == nil {
			first = got
		} else if !reflect.DeepEqual(got, first) {
			t.Errorf("jobs=%d: findings differ:\n%v\nvs\n%v", jobs, got, first)
		}
	}
}

// TestColdCacheLoadsDeclarationsOnly: with an empty build cache, auto mode
// must not compile every dependency; it loads them from source without
// function bodies, and the analysis sees the same thing.
func TestColdCacheLoadsDeclarationsOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a cold cache")
	}
	dir := "../../testdata/example"
	warm, err := Load(LoadConfig{Dir: dir, Mode: "export"})
	if err != nil || len(warm.Errors) > 0 {
		t.Skipf("example service does not load (modules not downloaded?): %v %v", err, warm)
	}
	cold, err := Load(LoadConfig{Dir: dir, Env: []string{"GOCACHE=" + t.TempDir(), "GOFLAGS=-mod=mod"}})
	if err != nil {
		t.Fatal(err)
	}
	if cold.Mode != "source" {
		t.Errorf("cold cache loaded dependencies from %s, want source", cold.Mode)
	}
	if len(cold.Errors) > 0 || len(cold.Packages) != len(warm.Packages) {
		t.Fatalf("cold load: %d packages, errors %v; warm: %d", len(cold.Packages), cold.Errors, len(warm.Packages))
	}
	for _, p := range cold.Packages {
		for _, f := range p.Syntax {
			if len(f.Comments) == 0 && len(f.Decls) > 0 {
				t.Errorf("%s: root file lost its comments", p.PkgPath)
			}
		}
		for _, imp := range p.Imports {
			if imp.Types == nil || !imp.Types.Complete() {
				t.Errorf("%s: dependency %s has no complete types", p.PkgPath, imp.PkgPath)
			}
			for _, f := range imp.Syntax {
				for _, d := range f.Decls {
					if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && !strings.HasPrefix(imp.PkgPath, "example.com/") {
						t.Fatalf("dependency %s kept the body of %s", imp.PkgPath, fd.Name.Name)
					}
				}
			}
		}
	}
	// The named packages see the same types either way: every expression's
	// type prints the same. (All rules agree too: reliability's
	// TestLoadModesAgree.)
	types := func(l *Loaded) map[string]string {
		out := map[string]string{}
		for _, p := range l.Packages {
			for e, tv := range p.TypesInfo.Types {
				out[p.Fset.Position(e.Pos()).String()+"-"+p.Fset.Position(e.End()).String()] = tv.Type.String()
			}
		}
		return out
	}
	w, c := types(warm), types(cold)
	if len(w) == 0 || len(w) != len(c) {
		t.Fatalf("%d typed expressions from export data, %d from source", len(w), len(c))
	}
	for k, v := range w {
		if c[k] != v {
			t.Errorf("%s: %s from export data, %s from source", k, v, c[k])
		}
	}
}

func findingLines(res *Result) []string {
	var lines []string
	for _, f := range res.Findings {
		lines = append(lines, fmt.Sprintf("%s:%d: %s (%s) in %q", f.File, f.Line, f.Message, f.Rule, f.Func))
	}
	return lines
}

// TestAnalyzeStreams: Analyze finds what Load+Run finds, facts included,
// and releases each package's syntax and types.Info once it is analyzed.
func TestAnalyzeStreams(t *testing.T) {
	want, _ := load(t)
	for _, jobs := range []int{1, 2, 8} {
		loaded, res, err := Analyze(LoadConfig{Dir: "testdata/facts", Mode: "export"},
			RunConfig{Analyzers: []*analysis.Analyzer{markAnalyzer, boomAnalyzer}, Dir: "testdata/facts", Jobs: jobs})
		if err != nil || len(loaded.Errors) > 0 {
			t.Fatalf("jobs=%d: %v %v", jobs, err, loaded.Errors)
		}
		if got := findingLines(res); !reflect.DeepEqual(got, want) {
			t.Errorf("jobs=%d: streamed findings:\n%s\nwant:\n%s", jobs, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if len(res.Failures) != 1 || len(loaded.Packages) != 3 || res.Packages != 3 {
			t.Errorf("jobs=%d: %d failures, %d packages loaded, %d analyzed", jobs, len(res.Failures), len(loaded.Packages), res.Packages)
		}
		for _, p := range loaded.Packages {
			if p.Syntax != nil || p.TypesInfo != nil || p.Types == nil {
				t.Errorf("jobs=%d: %s: syntax or types.Info kept after analysis (or no types)", jobs, p.PkgPath)
			}
		}
	}
}

// TestAnalyzeDependencyImportsRoot: when a dependency imports a named
// package (c imports b imports a; a and c named), b's export data refers
// to a, so Analyze falls back to go/packages' loading, with the same result.
func TestAnalyzeDependencyImportsRoot(t *testing.T) {
	cfg := RunConfig{Analyzers: []*analysis.Analyzer{markAnalyzer, boomAnalyzer}, Dir: "testdata/facts"}
	for _, tc := range []struct {
		patterns []string
		twoPhase bool
	}{
		{[]string{"./a", "./c"}, true},
		{[]string{"./a", "./b"}, false},
	} {
		lc := LoadConfig{Dir: "testdata/facts", Patterns: tc.patterns, Mode: "export"}
		meta, err := loadMeta(t.Context(), lc, lc.env(), tc.patterns)
		if err != nil {
			t.Fatal(err)
		}
		if got := needsTwoPhase(meta); got != tc.twoPhase {
			t.Errorf("%v: needsTwoPhase = %v, want %v", tc.patterns, got, tc.twoPhase)
		}
		loaded, err := Load(lc)
		if err != nil {
			t.Fatal(err)
		}
		want := findingLines(Run(loaded.Packages, cfg))
		_, res, err := Analyze(lc, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if got := findingLines(res); !reflect.DeepEqual(got, want) || len(want) == 0 {
			t.Errorf("%v: Analyze found:\n%s\nLoad+Run found:\n%s", tc.patterns, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestAnalyzeImportOfBrokenPackage: a package the go command reports an
// error for (a missing import) is listed as not loadable, and a package
// importing it that still type-checks is analyzed, as with Load+Run.
func TestAnalyzeImportOfBrokenPackage(t *testing.T) {
	lc := LoadConfig{Dir: "testdata/listerr", Mode: "export"}
	cfg := RunConfig{Analyzers: []*analysis.Analyzer{markAnalyzer, boomAnalyzer}, Dir: "testdata/listerr"}
	loaded, err := Load(lc)
	if err != nil {
		t.Fatal(err)
	}
	want := findingLines(Run(loaded.Packages, cfg))
	streamed, res, err := Analyze(lc, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got := findingLines(res); !reflect.DeepEqual(got, want) || len(want) != 1 || !strings.Contains(want[0], "saw b") {
		t.Errorf("Analyze found:\n%s\nLoad+Run found:\n%s\nwant one finding, in b", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(streamed.Errors) != 1 || streamed.Errors[0].Package != "example.com/listerr/a" || len(loaded.Errors) != 1 {
		t.Errorf("not loadable: streamed %v, Load %v; want example.com/listerr/a", streamed.Errors, loaded.Errors)
	}
}
