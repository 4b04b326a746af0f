package directive_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/directive"
	"github.com/obscheck/obscheck/analyzers/execidfield"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestDirectives runs the directive rule together with execidfield, whose
// findings the directives suppress: a used directive is silent, an unused,
// malformed or unknown one is reported, and the findings they fail to
// suppress are still reported.
func TestDirectives(t *testing.T) {
	policy.Install(policy.Default())
	defer policy.Install(nil)
	dir := testutil.Module(t, "testdata")
	analysistest.RunWithSuggestedFixes(t, dir, directive.Analyzer, "./d") // d.go.golden: unused directives removed
	analysistest.Run(t, dir, execidfield.Analyzer, "./d2")
}

// TestDisabledRuleDirectivesNotJudged: with execidfield off, its
// directives are neither used nor unused.
func TestDisabledRuleDirectivesNotJudged(t *testing.T) {
	p := policy.Default()
	p.SetEnabled("execidfield", false)
	policy.Install(p)
	defer policy.Install(nil)
	dir := testutil.Module(t, "testdata")
	results := analysistest.Run(&quiet{t}, dir, directive.Analyzer, "./d")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if d.Message != "" && contains(d.Message, "suppresses nothing") {
				t.Errorf("directive of a disabled rule reported as unused: %s", d.Message)
			}
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// quiet ignores analysistest's want-comment mismatches: the second test
// only inspects the diagnostics.
type quiet struct{ *testing.T }

func (q *quiet) Errorf(string, ...any) {}
