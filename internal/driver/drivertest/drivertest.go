// Package drivertest runs analyzers through the obscheck driver in tests.
package drivertest

import (
	"testing"

	"github.com/obscheck/obscheck/internal/driver"
	"golang.org/x/tools/go/analysis"
)

// AnalyzeBroken runs a, through the obscheck driver (dependencies from
// export data), on pattern in the testdata module dir, which must be one
// package with type errors, the way drivers that run analyzers despite
// errors would (gopls, golangci-lint). It fails the test if an analyzer
// returns an error or panics, and returns how many findings a reported.
func AnalyzeBroken(t testing.TB, dir, pattern string, a *analysis.Analyzer) (reported int) {
	t.Helper()
	lc := driver.LoadConfig{Dir: dir, Patterns: []string{pattern}, Env: []string{"GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off"}}
	loaded, res, err := driver.Analyze(lc, driver.RunConfig{Analyzers: []*analysis.Analyzer{a}, Dir: dir, DespiteErrors: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(loaded.Errors) != 1 {
		t.Fatalf("want one package with type errors, got %d: %v", len(loaded.Errors), loaded.Errors)
	}
	for _, f := range res.Failures {
		t.Errorf("%s failed on %s: %s\n%s", f.Analyzer, f.Package, f.Err, f.Stack)
	}
	for _, f := range res.Findings {
		if f.Rule == a.Name {
			reported++
		}
	}
	return reported
}
