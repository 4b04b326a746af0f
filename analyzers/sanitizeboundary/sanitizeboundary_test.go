package sanitizeboundary_test

import (
	"path/filepath"
	"testing"

	"github.com/obscheck/obscheck/analyzers/sanitizeboundary"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestSanitizeBoundary runs the rule once over every fixture package:
// loading the real modules is most of a run's cost. Policies come from
// .obscheck.yaml files: testdata's (a sanitizer, a source, an allowed
// type), marker's (a custom marker and extra keys), disabled's (the rule
// off: its sensitive logs must not be reported). fix's golden file: inside
// sanitizers, string literals that blank a sensitive field are replaced
// by the marker; named constants are left alone.
func TestSanitizeBoundary(t *testing.T) {
	t.Parallel()
	dir := testutil.Module(t, "testdata")
	analysistest.RunWithSuggestedFixes(testutil.GoldenIn(t, filepath.Join(dir, "fix")), dir, sanitizeboundary.Analyzer,
		"./pkg", "./embedded", "./libs", "./marker", "./disabled", "./secretnames", "./policyfit", "./hostmgmt",
		"./wrappers", "./wrappers/logx", "./apipayload", "./fix")
}
