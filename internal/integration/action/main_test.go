// Package action runs the GitHub Action's scripts (action.yml) the way a
// runner would, on the bundled example service, and checks its metadata
// and the workflow that uses it.
package action

import (
	"testing"

	"github.com/obscheck/obscheck/internal/integration/itest"
)

func TestMain(m *testing.M) { itest.Main(m) }
