package driver

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
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
	loaded, res, err := Analyze(LoadConfig{Dir: "testdata/facts", Mode: "export"},
		RunConfig{Analyzers: []*analysis.Analyzer{markAnalyzer, boomAnalyzer}, Dir: "testdata/facts", Jobs: 1})
	if err != nil || len(loaded.Errors) > 0 {
		t.Fatalf("load: %v %v", err, loaded)
	}
	// Dependencies outside the module come from export data, never source.
	if loaded.Deps.Source != 0 || loaded.Deps.Export == 0 {
		t.Errorf("dependencies: %+v, want all from export data", loaded.Deps)
	}
	return findingLines(res), res
}

func TestFactsAcrossPackages(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
	var first []string
	for _, jobs := range []int{1, 2, 8, 1, 8} {
		_, res, err := Analyze(LoadConfig{Dir: "testdata/facts"}, RunConfig{Analyzers: []*analysis.Analyzer{markAnalyzer}, Dir: "testdata/facts", Jobs: jobs})
		if err != nil {
			t.Fatal(err)
		}
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

// TestSubsetOfModule: for every package P, analyzing P alone reports
// exactly what analyzing ./... reports in P — facts come from the
// module's packages P imports, analyzed but not reported.
func TestSubsetOfModule(t *testing.T) {
	t.Parallel()
	rc := RunConfig{Analyzers: []*analysis.Analyzer{markAnalyzer}, Dir: "testdata/facts"}
	_, all, err := Analyze(LoadConfig{Dir: "testdata/facts"}, rc)
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []string{"a", "b", "c"} {
		var want []string
		for _, l := range findingLines(all) {
			if strings.HasPrefix(l, pkg+"/") {
				want = append(want, l)
			}
		}
		loaded, res, err := Analyze(LoadConfig{Dir: "testdata/facts", Patterns: []string{"./" + pkg}}, rc)
		if err != nil {
			t.Fatal(err)
		}
		if got := findingLines(res); !reflect.DeepEqual(got, want) {
			t.Errorf("./%s alone:\n%s\nwant (./... in %s):\n%s", pkg, strings.Join(got, "\n"), pkg, strings.Join(want, "\n"))
		}
		if len(res.Bugs) > 0 {
			t.Errorf("./%s: driver bugs: %v", pkg, res.Bugs)
		}
		if pkg == "c" && !reflect.DeepEqual(loaded.FactPackages, []string{"example.com/facts/a", "example.com/facts/b"}) {
			t.Errorf("./c: analyzed for facts %v, want a and b", loaded.FactPackages)
		}
	}
}

// TestTestVariants: with tests, a package and its test variant are
// analyzed once (the variant), an external test package too, and a
// module package recompiled for a test ("b [a.test]") gives its facts.
func TestTestVariants(t *testing.T) {
	t.Parallel()
	rc := RunConfig{Analyzers: []*analysis.Analyzer{markAnalyzer}, Dir: "testdata/facts"}
	loaded, res, err := Analyze(LoadConfig{Dir: "testdata/facts", Patterns: []string{"./a"}, Tests: true}, rc)
	if err != nil || len(loaded.Errors) > 0 {
		t.Fatalf("%v %v", err, loaded.Errors)
	}
	want := []string{"a/a_test.go:11: call to marked Marked (mark) in \"TestUse\""}
	if got := findingLines(res); !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(res.Bugs) > 0 {
		t.Errorf("driver bugs: %v", res.Bugs)
	}
}

// TestColdCache: with an empty build cache, auto mode does not compile the
// dependencies (nor start to); it checks their declarations from source,
// stores their export data in obscheck's cache, and the next run reads it
// from there.
// Every run sees the same types and finds the same.
func TestColdCache(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the example's dependencies from source")
	}
	t.Parallel()
	dir := "../../testdata/example"
	warm, warmRes, err := analyze(LoadConfig{Dir: dir, Mode: "export", Env: []string{"GOFLAGS=-mod=mod"}}, RunConfig{Dir: dir}, true)
	if err != nil || len(warm.Errors) > 0 {
		t.Skipf("example service does not load (modules not downloaded?): %v %v", err, warm)
	}
	env := []string{"GOCACHE=" + t.TempDir(), "OBSCHECK_CACHE=" + t.TempDir(), "GOFLAGS=-mod=mod"}
	typesOf := func(l *Loaded) map[string]string {
		out := map[string]string{}
		for _, p := range l.Packages {
			for e, tv := range p.TypesInfo.Types {
				out[p.Fset.Position(e.Pos()).String()+"-"+p.Fset.Position(e.End()).String()] = tv.Type.String()
			}
		}
		return out
	}
	w := typesOf(warm)
	for i, wantDeps := range []string{"source", "cached"} {
		cold, res, err := analyze(LoadConfig{Dir: dir, Env: env}, RunConfig{Dir: dir}, true)
		if err != nil {
			t.Fatal(err)
		}
		if cold.Mode != "source" {
			t.Errorf("run %d: dependencies from %s, want source", i, cold.Mode)
		}
		// net (cgo) is checked from source only in the first run; the
		// second finds it in obscheck's cache under the same key.
		if want := wantDeps == "source"; cold.Relisted != want {
			t.Errorf("run %d: graph listed again with cgo's output: %v, want %v", i, cold.Relisted, want)
		}
		// Nothing was compiled: an interrupted build would leave the next
		// run's listing redoing the standard library's cgo work.
		if built, err := stdBuilt(LoadConfig{Dir: dir, Env: env}); err != nil || built {
			t.Errorf("run %d compiled the standard library (err %v)", i, err)
		}
		switch {
		case wantDeps == "source" && (cold.Deps.Source == 0 || cold.Deps.Cached != 0):
			t.Errorf("first cold run: %+v, want every dependency from source", cold.Deps)
		case wantDeps == "cached" && (cold.Deps.Source != 0 || cold.Deps.Cached == 0):
			t.Errorf("second cold run: %+v, want every dependency from obscheck's cache", cold.Deps)
		}
		if len(cold.Errors) > 0 || len(cold.Packages) != len(warm.Packages) || res.Packages != warmRes.Packages {
			t.Fatalf("run %d: %d packages, errors %v; warm: %d", i, len(cold.Packages), cold.Errors, len(warm.Packages))
		}
		// A dependency checked from source is read back from its export
		// data: what checking it made (function scopes and the like) is
		// not kept alive for the rest of the run.
		funcs := 0
		for _, p := range cold.Packages {
			if wantDeps != "source" {
				break
			}
			for _, imp := range p.Imports {
				if imp.Types == nil || userCode(imp) {
					continue
				}
				for _, name := range imp.Types.Scope().Names() {
					if f, ok := imp.Types.Scope().Lookup(name).(*types.Func); ok {
						funcs++
						if f.Scope() != nil {
							t.Errorf("run %d: %s.%s holds its checker's scope", i, imp.PkgPath, name)
						}
					}
				}
			}
		}
		if funcs == 0 && wantDeps == "source" {
			t.Errorf("run %d: no function of a dependency seen: test is void", i)
		}
		for _, p := range cold.Packages {
			for _, f := range p.Syntax {
				if len(f.Comments) == 0 && len(f.Decls) > 0 {
					t.Errorf("%s: a named package's file lost its comments", p.PkgPath)
				}
			}
		}
		c := typesOf(cold)
		if len(w) == 0 || len(w) != len(c) {
			t.Fatalf("run %d: %d typed expressions from export data, %d cold", i, len(w), len(c))
		}
		for k, v := range w {
			if c[k] != v {
				t.Errorf("run %d: %s: %s from export data, %s cold", i, k, v, c[k])
			}
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

// TestAnalyzeReleasesSyntax: each package's syntax and types.Info are
// dropped once it is analyzed.
func TestAnalyzeReleasesSyntax(t *testing.T) {
	t.Parallel()
	for _, jobs := range []int{1, 2, 8} {
		loaded, res, err := Analyze(LoadConfig{Dir: "testdata/facts", Mode: "export"},
			RunConfig{Analyzers: []*analysis.Analyzer{markAnalyzer, boomAnalyzer}, Dir: "testdata/facts", Jobs: jobs})
		if err != nil || len(loaded.Errors) > 0 {
			t.Fatalf("jobs=%d: %v %v", jobs, err, loaded.Errors)
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

// TestAnalyzeImportOfBrokenPackage: a package the go command reports an
// error for (a missing import) is listed as not loadable, and a package
// importing it that still type-checks is analyzed.
func TestAnalyzeImportOfBrokenPackage(t *testing.T) {
	t.Parallel()
	cfg := RunConfig{Analyzers: []*analysis.Analyzer{markAnalyzer, boomAnalyzer}, Dir: "testdata/listerr"}
	for _, patterns := range [][]string{nil, {"./b"}} {
		loaded, res, err := Analyze(LoadConfig{Dir: "testdata/listerr", Patterns: patterns}, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if got := findingLines(res); len(got) != 1 || !strings.Contains(got[0], "saw b") {
			t.Errorf("%v: found:\n%s\nwant one finding, in b", patterns, strings.Join(got, "\n"))
		}
		if len(loaded.Errors) != 1 || loaded.Errors[0].Package != "example.com/listerr/a" {
			t.Errorf("%v: not loadable: %v; want example.com/listerr/a", patterns, loaded.Errors)
		}
	}
}

// TestProbeGivesUp: with the standard library's leaf built but nothing
// else, auto mode's `go list -export` gives up after coldThreshold
// compiles instead of building every dependency.
func TestProbeGivesUp(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles part of the standard library")
	}
	t.Parallel()
	dir := "../../testdata/example"
	env := []string{"GOCACHE=" + t.TempDir(), "GOFLAGS=-mod=mod"}
	lc := LoadConfig{Dir: dir, Env: env}
	if _, err := goCmd(lc.context(), lc, "build", "internal/goarch"); err != nil {
		t.Fatal(err)
	}
	if built, err := stdBuilt(lc); err != nil || !built {
		t.Fatalf("internal/goarch not built (err %v): the probe is not reached", err)
	}
	roots, err := listGraph(lc, false)
	if err != nil {
		t.Fatal(err)
	}
	pl := newPlan(roots, func(*packages.Package) bool { return true })
	if _, err := exportFiles(lc, exportIDs(pl, nil), true); err != errCold {
		t.Fatalf("exportFiles = %v, want errCold", err)
	}
	out, err := goCmd(lc.context(), lc, "list", "-deps", "-f", "{{if not .Stale}}{{.ImportPath}}{{end}}", "net/http")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(strings.Fields(string(out))); n > 4*coldThreshold {
		t.Errorf("%d packages built before the probe gave up, want about %d", n, coldThreshold)
	}
}

func TestIsCompile(t *testing.T) {
	for line, want := range map[string]int{
		"/usr/local/go/pkg/tool/linux_amd64/compile -o $WORK/b006/_pkg_.a -p internal/goarch": 1,
		`C:\go\pkg\tool\windows_amd64\compile.exe -o $WORK\b006\_pkg_.a`:                      1,
		"/usr/bin/toolexec /usr/local/go/pkg/tool/linux_amd64/compile -o x":                   1,
		"/usr/local/go/pkg/tool/linux_amd64/asm -p runtime":                                   0,
		"packagefile compile=/root/.cache/go-build/75/75ab-d":                                 0,
		"cd /work/compile":    0,
		"WORK=/tmp/go-build1": 0,
	} {
		if got := isCompile(line); got != want {
			t.Errorf("isCompile(%q) = %d, want %d", line, got, want)
		}
	}
}
