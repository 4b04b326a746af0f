package execidfield_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/execidfield"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestExecIDField runs the rule once over every fixture package: loading
// the real logging modules is most of a run's cost. Packages that need
// another policy have their own .obscheck.yaml (carriercase: carriers,
// the context handler, two keys; excludecase/disabled: the rule off).
func TestExecIDField(t *testing.T) {
	t.Parallel()
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, execidfield.Analyzer,
		"./slogcase", "./factcase", "./embedcase", "./zapcase", "./zerologcase", "./logruscase",
		"./logrcase", "./gokitcase", "./hclogcase", "./excludecase", "./excludecase/disabled",
		"./carriercase", "./oddcase", "./wrapcase", "./wrapcase/logx", "./wrapcase/mid",
		"./startupcase", "./startupcase/cmd", "./startupcase/judged")
}

// TestSuggestedFixes checks the fixes against the golden files.
func TestSuggestedFixes(t *testing.T) {
	t.Parallel()
	dir := testutil.Module(t, "testdata")
	analysistest.RunWithSuggestedFixes(t, dir, execidfield.Analyzer, "./fixcase")
}
