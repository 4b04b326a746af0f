package spancorrelation_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/spancorrelation"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

// One run over every fixture package (each run loads the real modules).
// The rule is on by default; consumer's .obscheck.yaml sets the trace
// gate's consumer attributes and correlation_id.
func TestSpanCorrelation(t *testing.T) {
	t.Parallel()
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, spancorrelation.Analyzer, "./handlers", "./telemetry", "./usetelemetry", "./consumer")
}
