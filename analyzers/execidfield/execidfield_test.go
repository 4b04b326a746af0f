package execidfield_test

import (
	"path/filepath"
	"testing"

	"github.com/obscheck/obscheck/analyzers/execidfield"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestExecIDField runs the rule once over every fixture package: loading
// the real logging modules is most of a run's cost. Packages that need
// another policy have their own .obscheck.yaml (carriercase: carriers,
// the context handler, two keys; excludecase/disabled: the rule off).
// fixcase's suggested fixes are checked against its golden file.
func TestExecIDField(t *testing.T) {
	t.Parallel()
	dir := testutil.Module(t, "testdata")
	analysistest.RunWithSuggestedFixes(testutil.GoldenIn(t, filepath.Join(dir, "fixcase")), dir, execidfield.Analyzer,
		"./slogcase", "./factcase", "./embedcase", "./zapcase", "./zerologcase", "./logruscase",
		"./logrcase", "./gokitcase", "./hclogcase", "./excludecase", "./excludecase/disabled",
		"./carriercase", "./oddcase", "./wrapcase", "./wrapcase/logx", "./wrapcase/mid",
		"./startupcase", "./startupcase/cmd", "./startupcase/judged", "./fixcase")
}
