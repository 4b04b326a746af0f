package labelcardinality_test

import (
	"strings"
	"testing"

	"github.com/obscheck/obscheck/analyzers/labelcardinality"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestLabelCardinality is one analysistest run over every fixture
// package; each package's policy is its nearest .obscheck.yaml (opts:
// extra labels, unbounded sources and an allow list; the others: the
// defaults).
func TestLabelCardinality(t *testing.T) {
	t.Parallel()
	a := labelcardinality.New(policy.Nearest(nil))
	dir := testutil.Module(t, "testdata")
	res := analysistest.Run(t, dir, a, "./labels", "./lc", "./opts", "./wrap/...")
	// A label judged at a wrapper's call points at the wrapper.
	related := 0
	for _, r := range res {
		for _, d := range r.Diagnostics {
			if !strings.HasSuffix(r.Pass.Fset.Position(d.Pos).Filename, "use.go") {
				continue
			}
			if len(d.Related) != 1 || !strings.HasSuffix(r.Pass.Fset.Position(d.Related[0].Pos).Filename, "helpers.go") ||
				!strings.Contains(d.Related[0].Message, "helpers.") {
				t.Errorf("%s: want one related location in helpers.go, got %v", d.Message, d.Related)
			}
			related++
		}
	}
	if related == 0 {
		t.Error("no findings at wrapper calls")
	}
}

// TestBrokenCode runs the analyzer on a package that does not type-check
// (as the obscheck driver may): it must not panic.
func TestBrokenCode(t *testing.T) {
	t.Parallel()
	a := labelcardinality.New(policy.Fixed(policy.Default()))
	dir := testutil.Module(t, "testdata")
	if n := testutil.RunBroken(t, dir, "./broken", a); n == 0 {
		t.Error("no findings on the broken package: the analyzer did not run")
	}
}
