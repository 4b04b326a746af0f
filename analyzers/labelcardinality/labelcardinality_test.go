package labelcardinality_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/labelcardinality"
	"github.com/obscheck/obscheck/internal/driver/drivertest"
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
	if testutil.CheckRelated(t, res, "use.go", "helpers.go", "helpers.") == 0 {
		t.Error("no findings at wrapper calls")
	}
}

// TestBrokenCode runs the analyzer on a package that does not type-check
// (as the obscheck driver may): it must not panic.
func TestBrokenCode(t *testing.T) {
	t.Parallel()
	a := labelcardinality.New(policy.Fixed(policy.Default()))
	dir := testutil.Module(t, "testdata")
	if n := drivertest.AnalyzeBroken(t, dir, "./broken", a); n == 0 {
		t.Error("no findings on the broken package: the analyzer did not run")
	}
}
