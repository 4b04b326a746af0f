package apis_test

import (
	"testing"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/apis/apitest"
)

// TestLifecycleConformance resolves the keys of lifecycle.go (serving
// calls, entry and execution types) against the real libraries.
func TestLifecycleConformance(t *testing.T) {
	conform(t, lifecycleKeys)
}

func lifecycleKeys() (keys []apitest.Key, problems []string) {
	for _, name := range apis.ServeCalls {
		keys = append(keys, apitest.Func("ServeCalls", name, nil))
	}
	for _, name := range apis.EntryTypes {
		keys = append(keys, apitest.Type("EntryTypes", name))
	}
	for _, name := range apis.ExecutionTypes {
		keys = append(keys, apitest.Type("ExecutionTypes", name))
	}
	return keys, nil
}
