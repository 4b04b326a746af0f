package otelinit_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/otelinit"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

// One run over every fixture package (each run loads the real modules).
// The rule is off by default: the test turns it on, with an edge agent
// exempt and the team's setup function named.
func TestOtelInit(t *testing.T) {
	t.Parallel()
	dir := testutil.Module(t, "testdata")
	p := policy.Default()
	p.SetEnabled(otelinit.Name, true)
	p.Rules.OtelInit.Exempt = []string{"cmd/edge"}
	p.Policy.OtelSetup = []string{"example.com/oi/lib/team.SetupOTel"}
	analysistest.Run(t, dir, otelinit.New(policy.Fixed(p)), "./...")
}
