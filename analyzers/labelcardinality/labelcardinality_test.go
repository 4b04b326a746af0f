package labelcardinality_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/labelcardinality"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestLabels(t *testing.T) {
	policy.Install(policy.Default())
	defer policy.Install(nil)
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, labelcardinality.Analyzer, "./labels", "./lc")
}

func TestOptions(t *testing.T) {
	p, err := policy.Parse("test.yaml", []byte(`version: 1
rules:
  labelcardinality:
    extra_labels: [tenant_id]
    unbounded_sources: [example.com/lc/opts.lookupTenant]
    allow:
      noetl_tenant_quota_bytes: [tenant_id]
`))
	if err != nil {
		t.Fatal(err)
	}
	policy.Install(p)
	defer policy.Install(nil)
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, labelcardinality.Analyzer, "./opts")
}

// TestBrokenCode runs the analyzer on a package that does not type-check
// (as the obscheck driver may): it must not panic.
func TestBrokenCode(t *testing.T) {
	policy.Install(policy.Default())
	defer policy.Install(nil)
	dir := testutil.Module(t, "testdata")
	if n := testutil.RunBroken(t, dir, "./broken", labelcardinality.Analyzer); n == 0 {
		t.Error("no findings on the broken package: the analyzer did not run")
	}
}
