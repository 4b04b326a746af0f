package labelcardinality_test

import (
	"go/types"
	"os"
	"testing"

	"github.com/obscheck/obscheck/internal/directives"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/packages"
)

// runBroken loads pattern (type errors allowed) and runs a on it with its
// requirements, failing the test if anything panics.
func runBroken(t *testing.T, dir, pattern string, a *analysis.Analyzer) (reported int) {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes |
			packages.NeedTypesInfo | packages.NeedImports | packages.NeedDeps,
		Dir: dir,
		Env: append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off"),
	}
	pkgs, err := packages.Load(cfg, pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 1 || len(pkgs[0].Errors) == 0 {
		t.Fatalf("want one package with type errors, got %d packages", len(pkgs))
	}
	p := pkgs[0]
	results := map[*analysis.Analyzer]any{}
	var run func(a *analysis.Analyzer) any
	run = func(a *analysis.Analyzer) any {
		if r, ok := results[a]; ok {
			return r
		}
		pass := &analysis.Pass{
			Analyzer:          a,
			Fset:              p.Fset,
			Files:             p.Syntax,
			Pkg:               p.Types,
			TypesInfo:         p.TypesInfo,
			TypesSizes:        types.SizesFor("gc", "amd64"),
			ResultOf:          map[*analysis.Analyzer]any{},
			Report:            func(analysis.Diagnostic) { reported++ },
			ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
			ExportObjectFact:  func(types.Object, analysis.Fact) {},
			ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
			ExportPackageFact: func(analysis.Fact) {},
			AllObjectFacts:    func() []analysis.ObjectFact { return nil },
			AllPackageFacts:   func() []analysis.PackageFact { return nil },
			ReadFile:          os.ReadFile,
		}
		for _, req := range a.Requires {
			pass.ResultOf[req] = run(req)
		}
		r, err := a.Run(pass)
		if err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
		results[a] = r
		return r
	}
	_ = inspect.Analyzer
	_ = directives.Analyzer
	run(a)
	return reported
}
