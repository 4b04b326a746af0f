package driver

import (
	"os"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/internal/policy"
)

// BenchmarkRun measures analysis alone: the packages are loaded once,
// then analyzed b.N times. It needs real code to mean anything, so it
// runs only when OBSCHECK_BENCH_DIR (the directory to load from) and
// OBSCHECK_BENCH_PATTERNS (space-separated) are set; OBSCHECK_BENCH_CONFIG
// names the policy file. bench/RESULTS.md shows how it is used.
func BenchmarkRun(b *testing.B) {
	dir, patterns := os.Getenv("OBSCHECK_BENCH_DIR"), os.Getenv("OBSCHECK_BENCH_PATTERNS")
	if dir == "" || patterns == "" {
		b.Skip("set OBSCHECK_BENCH_DIR and OBSCHECK_BENCH_PATTERNS to analyze real code")
	}
	pol := policy.Default()
	if cfg := os.Getenv("OBSCHECK_BENCH_CONFIG"); cfg != "" {
		p, err := policy.Load(cfg)
		if err != nil {
			b.Fatal(err)
		}
		pol = p
	}
	analyzers := all.New(policy.Fixed(pol))
	loaded, _, err := analyze(LoadConfig{Dir: dir, Patterns: strings.Fields(patterns), Mode: "export"}, RunConfig{Analyzers: analyzers}, true)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		st, _ := newRun(RunConfig{Analyzers: analyzers, Jobs: 1, Dir: dir})
		for _, p := range loaded.Packages { // dependencies first, as listed by the plan
			st.analyze(p, true, false)
		}
	}
}
