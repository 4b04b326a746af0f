package execidfield_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/execidfield"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestSlog(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, execidfield.Analyzer, "./slogcase")
}

func TestFacts(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, execidfield.Analyzer, "./factcase")
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
