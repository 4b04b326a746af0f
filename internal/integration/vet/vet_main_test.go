// Package vet runs obscheck inside the host tools that drive analyzers
// per package (go vet -vettool, a nogo-style unitchecker) on the bundled
// example service and the fixtures, and checks they report what the
// obscheck CLI reports.
package vet

import (
	"os"
	"testing"

	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/internal/integration/itest"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// unitcheckerEnv makes the test binary act as a bare unitchecker over
// every analyzer: the per-package, flags-only driver go vet and Bazel's
// nogo use, with none of the obscheck command's own set-up.
const unitcheckerEnv = "OBSCHECK_INTEGRATION_UNITCHECKER"

func TestMain(m *testing.M) {
	if os.Getenv(unitcheckerEnv) == "1" {
		unitchecker.Main(all.Analyzers()...) // never returns
	}
	itest.Main(m)
}
