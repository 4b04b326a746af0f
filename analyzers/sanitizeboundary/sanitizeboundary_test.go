package sanitizeboundary_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/sanitizeboundary"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestSanitizeBoundary(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, sanitizeboundary.Analyzer, "./pkg")
}
