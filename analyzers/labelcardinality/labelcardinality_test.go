package labelcardinality_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/labelcardinality"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestLabels(t *testing.T) {
	a := labelcardinality.New(policy.Fixed(policy.Default()))
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, a, "./labels", "./lc")
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
	a := labelcardinality.New(policy.Fixed(p))
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, a, "./opts")
}

// TestBrokenCode runs the analyzer on a package that does not type-check
// (as the obscheck driver may): it must not panic.
func TestBrokenCode(t *testing.T) {
	a := labelcardinality.New(policy.Fixed(policy.Default()))
	dir := testutil.Module(t, "testdata")
	if n := testutil.RunBroken(t, dir, "./broken", a); n == 0 {
		t.Error("no findings on the broken package: the analyzer did not run")
	}
}
