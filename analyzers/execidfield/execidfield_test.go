package execidfield_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/execidfield"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestSlog(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, execidfield.Analyzer, "./slogcase")
}

func TestFacts(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, execidfield.Analyzer, "./factcase", "./embedcase")
}

func TestZap(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, execidfield.Analyzer, "./zapcase")
}

func TestZerolog(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, execidfield.Analyzer, "./zerologcase")
}

func TestLogrus(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, execidfield.Analyzer, "./logruscase")
}

func TestLogrAndKlog(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, execidfield.Analyzer, "./logrcase")
}

func TestExcludeFunctions(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, execidfield.Analyzer, "./excludecase")
}

func TestCarriersAndContextHandler(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	p := policy.Default()
	p.Policy.CorrelationKeys = []string{"execution_id", "exec_id"}
	p.Rules.ExecIDField.Carriers = []string{"example.com/eid/logging.FromContext"}
	p.Rules.ExecIDField.ContextHandler = true
	p.Rules.ExecIDField.Levels = []string{"error", "dpanic", "panic", "fatal"}
	p.Rules.ExecIDField.ExcludeFunctions = []string{"example.com/eid/carriercase.run", "(*example.com/eid/carriercase.svc).start"}
	a := execidfield.New(policy.Fixed(p))
	analysistest.Run(t, dir, a, "./carriercase")
}

func TestSuggestedFixes(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.RunWithSuggestedFixes(t, dir, execidfield.Analyzer, "./fixcase")
}

func TestDisabled(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	p := policy.Default()
	p.SetEnabled(execidfield.Name, false)
	a := execidfield.New(policy.Fixed(p))
	analysistest.Run(t, dir, a, "./excludecase/disabled")
}

func TestOddCode(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, execidfield.Analyzer, "./oddcase")
}
