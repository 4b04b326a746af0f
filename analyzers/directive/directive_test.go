package directive_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/analyzers/execidfield"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// directiveOf is the directive rule of the analyzer set built from src.
func directiveOf(src *policy.Source) *analysis.Analyzer {
	as := all.New(src)
	return as[len(as)-1]
}

// TestDirectives runs the directive rule together with execidfield, whose
// findings the directives suppress: a used directive is silent, an unused,
// malformed or unknown one is reported, and the findings they fail to
// suppress are still reported.
func TestDirectives(t *testing.T) {
	t.Parallel()
	a := directiveOf(policy.Fixed(policy.Default()))
	eid := execidfield.New(policy.Fixed(policy.Default()))
	dir := testutil.Module(t, "testdata")
	analysistest.RunWithSuggestedFixes(t, dir, a, "./d") // d.go.golden: unused directives removed
	analysistest.Run(t, dir, eid, "./d2")
}

// TestDisabledRuleDirectivesNotJudged: with execidfield off, its
// directives are neither used nor unused.
func TestDisabledRuleDirectivesNotJudged(t *testing.T) {
	t.Parallel()
	p := policy.Default()
	p.SetEnabled("execidfield", false)
	a := directiveOf(policy.Fixed(p))
	dir := testutil.Module(t, "testdata")
	results := analysistest.Run(&quiet{t}, dir, a, "./d")
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
