package apis_test

import (
	"testing"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/apis/apitest"
	"github.com/obscheck/obscheck/internal/testutil"
)

// TestLifecycleConformance resolves the keys of lifecycle.go (serving
// calls, entry and execution types) against the real libraries
// (testdata/lifecycle/go.mod pins their versions).
func TestLifecycleConformance(t *testing.T) {
	t.Parallel()
	var keys []apitest.Key
	for _, name := range apis.ServeCalls {
		keys = append(keys, apitest.Func("ServeCalls", name, nil))
	}
	for _, name := range apis.EntryTypes {
		keys = append(keys, apitest.Type("EntryTypes", name))
	}
	for _, name := range apis.ExecutionTypes {
		keys = append(keys, apitest.Type("ExecutionTypes", name))
	}
	apitest.Run(t, testutil.Module(t, "testdata/lifecycle"), keys)
}
