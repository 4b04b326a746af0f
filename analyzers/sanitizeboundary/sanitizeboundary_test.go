package sanitizeboundary_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/sanitizeboundary"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestSanitizeBoundary(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, sanitizeboundary.Analyzer, "./pkg", "./embedded")
}

// TestOptions runs with an installed policy: a custom marker and an extra key.
func TestOptions(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	p := policy.Default()
	p.Rules.SanitizeBoundary.Marker = "<redacted>"
	p.Rules.SanitizeBoundary.ExtraKeys = []string{"PIN", "key"}
	a := sanitizeboundary.New(policy.Fixed(p))
	analysistest.Run(t, dir, a, "./marker")
}

// TestDisabled: a disabled rule reports nothing (the testdata would).
func TestDisabled(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	p := policy.Default()
	p.SetEnabled(sanitizeboundary.Name, false)
	a := sanitizeboundary.New(policy.Fixed(p))
	res := analysistest.Run(&quiet{T: t}, dir, a, "./pkg")
	for _, r := range res {
		if len(r.Diagnostics) != 0 {
			t.Errorf("disabled rule reported %d findings", len(r.Diagnostics))
		}
	}
}

// quiet swallows analysistest's complaints about unmatched // want
// comments: with the rule disabled they are expected.
type quiet struct{ *testing.T }

func (q *quiet) Errorf(format string, args ...any) {}

// TestFixes: inside sanitizers, string literals that blank a sensitive
// field are replaced by the marker; named constants are left alone.
func TestFixes(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.RunWithSuggestedFixes(t, dir, sanitizeboundary.Analyzer, "./fix")
}
