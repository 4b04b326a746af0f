package spanrequired_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/inventory"
	"github.com/obscheck/obscheck/internal/report"
	"golang.org/x/tools/go/analysis/analysistest"
)

// inventoryPackages are the fixture packages whose inventory is checked.
var inventoryPackages = []string{"nethttp", "chipkg", "muxpkg", "routes", "cmd/wrapped", "cmd/unwrapped",
	"ginpkg", "echopkg", "grpcsvc", "consumers", "policycfg", "lib"}

// checkInventory: the entry points the rule records for obscheck coverage
// are the ones it judges. Every finding about a handler, method, consumer
// or entry point is an untraced entry recorded at the same place, no
// traced entry is where a finding is, and covered handlers are recorded
// as traced, with how. It reads TestAnalyzer's results (one load of the
// fixture module), restricted to inventoryPackages and those below them.
func checkInventory(t *testing.T, all []*analysistest.Result) {
	t.Helper()
	var results []*analysistest.Result
	for _, r := range all {
		rel := strings.TrimPrefix(r.Pass.Pkg.Path(), "example.com/sr/")
		if slices.ContainsFunc(inventoryPackages, func(p string) bool { return rel == p || strings.HasPrefix(rel, p+"/") }) {
			results = append(results, r)
		}
	}
	if len(results) < len(inventoryPackages) {
		t.Fatalf("inventory: %d of the fixture's packages matched %v", len(results), inventoryPackages)
	}
	type at struct {
		file string
		line int
	}
	untraced := map[at]bool{}
	traced := map[at]bool{}
	hows := map[string]int{}
	kinds := map[string]int{}
	spans := 0
	for _, r := range results {
		used, _ := r.Result.(*report.Used)
		if used == nil {
			continue
		}
		for _, it := range used.Items {
			switch x := it.(type) {
			case *inventory.Entry:
				k := at{x.File, x.Line}
				if x.Traced {
					traced[k] = true
					hows[x.How]++
				} else {
					untraced[k] = true
				}
				kinds[x.Kind]++
				if x.Handler == "" || x.HandlerPos.Line == 0 {
					t.Errorf("%s:%d: entry %q without its handler: %+v", x.File, x.Line, x.Route, x)
				}
			case *inventory.Span:
				spans++
			}
		}
		for _, d := range r.Diagnostics {
			if !strings.Contains(d.Message, "without a span") && !strings.Contains(d.Message, "message loop") {
				continue
			}
			p := r.Pass.Fset.Position(d.Pos)
			k := at{p.Filename, p.Line}
			if !untraced[k] {
				t.Errorf("%s: finding %q has no untraced entry recorded there", p, d.Message)
			}
			if traced[k] {
				t.Errorf("%s: finding %q where a traced entry is recorded", p, d.Message)
			}
		}
	}
	for _, how := range []string{"span", "middleware", "router", "interceptor"} {
		if hows[how] == 0 {
			t.Errorf("no entry recorded as traced by %s; recorded: %v", how, hows)
		}
	}
	for _, kind := range []string{"http", "grpc", "message"} {
		if kinds[kind] == 0 {
			t.Errorf("no %s entry recorded; recorded: %v", kind, kinds)
		}
	}
	if spans == 0 {
		t.Error("no span start recorded")
	}
}
