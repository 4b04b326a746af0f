package metricnaming_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/metricnaming"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestNames(t *testing.T) {
	a := metricnaming.New(policy.Fixed(policy.Default()))
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, a, "./mn")
}

func TestSuggestedFixes(t *testing.T) {
	a := metricnaming.New(policy.Fixed(policy.Default()))
	dir := testutil.Module(t, "testdata")
	analysistest.RunWithSuggestedFixes(t, dir, a, "./fix")
}

func TestPrefixOption(t *testing.T) {
	p, err := policy.Parse("test.yaml", []byte("version: 1\nrules:\n  metricnaming:\n    prefix: [thanos_, loki_]\n"))
	if err != nil {
		t.Fatal(err)
	}
	a := metricnaming.New(policy.Fixed(p))
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, a, "./multi")
}

func TestDisabled(t *testing.T) {
	p, err := policy.Parse("test.yaml", []byte("version: 1\nrules:\n  metricnaming:\n    enabled: false\n"))
	if err != nil {
		t.Fatal(err)
	}
	a := metricnaming.New(policy.Fixed(p))
	dir := testutil.Module(t, "testdata")
	// names has no metrics; multi would report under the default policy.
	analysistest.Run(t, dir, a, "./names")
	r := analysistest.Run(&testing.T{}, dir, a, "./multi")
	for _, res := range r {
		if len(res.Diagnostics) != 0 {
			t.Errorf("disabled rule reported %d findings", len(res.Diagnostics))
		}
	}
}

func TestPrefixOff(t *testing.T) {
	p, err := policy.Parse("test.yaml", []byte("version: 1\nrules:\n  metricnaming:\n    prefix: [\"\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	a := metricnaming.New(policy.Fixed(p))
	dir := testutil.Module(t, "testdata")
	analysistest.RunWithSuggestedFixes(t, dir, a, "./noprefix")
}

// TestBrokenCode runs the analyzer on a package that does not type-check
// (as the obscheck driver may): it must not panic.
func TestBrokenCode(t *testing.T) {
	a := metricnaming.New(policy.Fixed(policy.Default()))
	dir := testutil.Module(t, "testdata")
	if n := testutil.RunBroken(t, dir, "./broken", a); n == 0 {
		t.Error("no findings on the broken package: the analyzer did not run")
	}
}
