package metricnaming_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/metricnaming"
	"github.com/obscheck/obscheck/internal/driver/drivertest"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestMetricNaming is one analysistest run over every fixture package,
// suggested fixes checked against the .golden files; each package's
// policy is its nearest .obscheck.yaml (multi: two prefixes; noprefix:
// the prefix check off; disabled: the rule off; the others: the defaults).
func TestMetricNaming(t *testing.T) {
	t.Parallel()
	a := metricnaming.New(policy.Nearest(nil))
	dir := testutil.Module(t, "testdata")
	res := analysistest.RunWithSuggestedFixes(t, dir, a, "./mn", "./multi", "./names", "./disabled", "./helpoff", "./wrap/...", "./fix", "./noprefix")
	// A name judged at a wrapper's call points at the wrapper.
	if testutil.CheckRelated(t, res, "use.go", "helpers.go", "helpers.") == 0 {
		t.Error("no findings at wrapper calls")
	}
}

// TestOTelExporter runs on a module whose Prometheus exporter (configured
// in a package the instruments do not import) prepends a namespace and
// adds no suffixes: names are judged as exported, fixes never repeat the
// namespace.
func TestOTelExporter(t *testing.T) {
	t.Parallel()
	a := metricnaming.New(policy.Nearest(nil))
	dir := testutil.Module(t, "testdata/otelexport")
	analysistest.RunWithSuggestedFixes(t, dir, a, "./...")
}

// TestBrokenCode runs the analyzer on a package that does not type-check
// (as the obscheck driver may): it must not panic.
func TestBrokenCode(t *testing.T) {
	t.Parallel()
	a := metricnaming.New(policy.Fixed(policy.Default()))
	dir := testutil.Module(t, "testdata")
	if n := drivertest.AnalyzeBroken(t, dir, "./broken", a); n == 0 {
		t.Error("no findings on the broken package: the analyzer did not run")
	}
}
