package testutil

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// CheckRelated checks that every finding in a file named site (a file
// name suffix) has exactly one related location, in a file named target,
// whose message contains want; it returns how many findings it checked.
// Rules that judge a call by what its callee does (a wrapper) point there.
func CheckRelated(t testing.TB, res []*analysistest.Result, site, target, want string) int {
	t.Helper()
	n := 0
	for _, r := range res {
		for _, d := range r.Diagnostics {
			if !strings.HasSuffix(r.Pass.Fset.Position(d.Pos).Filename, site) {
				continue
			}
			n++
			if len(d.Related) != 1 || !strings.HasSuffix(r.Pass.Fset.Position(d.Related[0].Pos).Filename, target) ||
				!strings.Contains(d.Related[0].Message, want) {
				t.Errorf("%s: want one related location in %s mentioning %q, got %v", d.Message, target, want, d.Related)
			}
		}
	}
	return n
}
