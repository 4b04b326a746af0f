package spanstatus_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/spanstatus"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

// One run over every fixture package (each run loads the real modules):
// the rule is off by default, so it is turned on for every package's
// policy (errcode's .obscheck.yaml adds error_code_key and a helper).
func TestSpanStatus(t *testing.T) {
	t.Parallel()
	dir := testutil.Module(t, "testdata")
	a := spanstatus.New(policy.Nearest(func(p *policy.Policy) { p.SetEnabled(spanstatus.Name, true) }))
	analysistest.RunWithSuggestedFixes(t, dir, a, "./basic", "./errs", "./helpers", "./usehelpers", "./grpcsvc", "./errcode", "./fix")
}

// Off by default: the default policy reports nothing.
func TestOffByDefault(t *testing.T) {
	t.Parallel()
	if policy.Default().Enabled(spanstatus.Name) {
		t.Fatal("spanstatus is on in the default policy")
	}
}
