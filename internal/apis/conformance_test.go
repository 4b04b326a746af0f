package apis_test

import (
	"sync"
	"testing"

	"github.com/obscheck/obscheck/internal/apis/apitest"
	"github.com/obscheck/obscheck/internal/testutil"
)

// The conformance tests resolve every key of the knowledge tables (the
// logging files and lifecycle.go here, metricapi, traceapi, sensitive,
// otelattr) against the real modules: testdata/conformance pins their versions, testdata/older
// the older releases of names newer ones dropped. Each table has a key
// builder; the packages of every builder's keys are loaded once, from
// export data, and shared by the tests.
var builders = []func() ([]apitest.Key, []string){
	logKeys, lifecycleKeys, metricKeys, traceKeys, sensitiveKeys, otelattrKeys,
}

var shared struct {
	once sync.Once
	u    *apitest.Universe
	err  error
}

// universe returns the shared load of every table's packages.
func universe(t *testing.T) *apitest.Universe {
	t.Helper()
	dirs := map[string]string{
		"":      testutil.Module(t, "testdata/conformance"),
		"older": testutil.Module(t, "testdata/older"),
	}
	shared.once.Do(func() {
		var all [][]apitest.Key
		for _, b := range builders {
			keys, _ := b()
			all = append(all, keys)
		}
		shared.u, shared.err = apitest.LoadModules(dirs, all...)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.u
}

// conform checks one table's keys: what its builder finds wrong with the
// table itself, then every key against the modules.
func conform(t *testing.T, build func() ([]apitest.Key, []string)) {
	t.Parallel()
	keys, problems := build()
	for _, p := range problems {
		t.Error(p)
	}
	universe(t).Run(t, keys)
}
