// Package driver loads Go packages and runs the analyzers on them: the
// engine of the obscheck command (go vet and golangci-lint bring their own).
//
// There is one scheduler (Analyze). It asks the go command for the import
// graph (without -compiled, which would preprocess every cgo package of the
// graph on every run; only when a package checked from source uses cgo is the
// graph listed again with it), then decides per package how its types are
// obtained:
//
//   - the named packages, and the packages of the user's own modules they
//     import, are parsed and type-checked from source and analyzed; only
//     the named ones are reported, the others are analyzed for their facts,
//     so `obscheck ./cmd/...` sees what `obscheck ./...` sees in cmd/;
//   - every other dependency comes from export data: the build cache's
//     (`go list -export`, a warm cache), or, when the cache is cold and
//     compiling would dominate the run, obscheck's own export data, written
//     the first time the dependency is type-checked from declarations-only
//     source (function bodies are never checked). Cold is known at once
//     when the standard library itself is not built (a fresh CI runner),
//     else by a probe that stops `go list -export` once it compiles many;
//   - a dependency that imports a package checked from source (a test
//     variant, an import cycle through the user's module) is checked from
//     declarations-only source too, since its export data would refer to
//     other types.
//
// A package is type-checked as soon as its imports are, analyzed as soon as
// the packages whose facts it needs are, and its syntax and types.Info are
// dropped once analyzed: memory does not grow with the number of packages.
//
// golang.org/x/tools/go/analysis/checker is not used because it loads
// every package through go/packages first (all syntax alive at once, every
// dependency from source or export data, no choice per package), and it
// does not isolate a panicking analyzer per package, which a CI gate needs
// to report the rest.
package driver

import (
	"context"
	"fmt"
	"go/types"
	"maps"
	"os"
	"runtime/debug"
	"sort"
	"time"

	"github.com/obscheck/obscheck/internal/finding"
	"github.com/obscheck/obscheck/internal/inventory"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// LoadConfig says what to load.
type LoadConfig struct {
	Context    context.Context // nil: context.Background()
	Dir        string          // working directory for the go command
	Patterns   []string        // package patterns; default ./...
	Tests      bool            // include _test.go files
	Env        []string        // extra environment, appended to os.Environ
	BuildFlags []string        // extra go command flags (-tags=...)
	// Mode is how dependencies are loaded: "export" (the build cache's
	// export data; compiles what is missing), "source" (obscheck's own
	// export data, else declarations-only source; never compiles), or
	// "auto"/"" (export data when the build cache has it, else source).
	Mode string
}

// RunConfig says how to run.
type RunConfig struct {
	Analyzers []*analysis.Analyzer // the rules to report; their Requires run too
	Jobs      int                  // packages analyzed at once; <= 0 means GOMAXPROCS
	Dir       string               // findings' paths are relative to it
	// Progress, if set, is told what the run is doing.
	Progress func(Progress)
	// DespiteErrors runs every analyzer on packages with type errors, not
	// only those with RunDespiteErrors: robustness tests use it.
	DespiteErrors bool
}

// Progress is a step of a run.
type Progress struct {
	Phase       string // "listing", "dependencies", "analyzing"
	Done, Total int    // packages analyzed so far, of Total ("analyzing")
}

// PackageError is a package that could not be loaded or type-checked.
type PackageError struct {
	Package string
	Errors  []string // the go command's or compiler's messages
}

// Loaded is what was loaded.
type Loaded struct {
	Packages []*packages.Package // the named packages that were analyzed
	Errors   []PackageError      // could not be loaded or type-checked
	// Mode is where dependencies came from: "export" (the build cache) or
	// "source" (obscheck's cache, or declarations-only source).
	Mode string
	// Deps counts the dependencies by how their types were obtained.
	Deps DepCounts
	// FactPackages lists the packages analyzed only for their facts.
	FactPackages []string
	// Relisted: a package checked from source uses cgo, so the graph was
	// listed a second time, with cgo's output (go list -compiled).
	Relisted bool
}

// DepCounts counts dependencies by how their types were obtained.
type DepCounts struct {
	Export, Cached, Source int
}

// Failure is an analyzer that failed on a package: it returned an error or
// panicked (a bug in obscheck). Other analyzers and packages still run.
type Failure struct {
	Analyzer string
	Package  string
	File     string // the package's first file, to help reproduce
	Err      string
	Stack    string // set for panics
}

// Result is what a run found.
type Result struct {
	Findings []finding.Finding
	Failures []Failure
	Packages int // packages analyzed and reported
	// Items are what the reported analyzers recorded in the reported
	// packages (report.Reporter.Record), for obscheck catalog and
	// coverage; test variants may repeat an item (inventory.Collect
	// drops the copies).
	Items  []inventory.Item
	Timing Timing
	// Bugs are driver inconsistencies (a fact looked up in a package of
	// the user's module that was never analyzed); --debug prints them.
	Bugs []string
}

// Timing splits a run's wall time between loading (the go command,
// parsing, type-checking) and analysis. The two interleave, so the wall
// time they share is split in proportion to the CPU time each took.
type Timing struct {
	Load, Analysis time.Duration
}

// Analyze loads the packages lc names and analyzes them (see the package
// documentation for how). It returns an error only when nothing could be
// loaded; packages that fail to load or type-check are listed in
// Loaded.Errors and the rest is analyzed.
func Analyze(lc LoadConfig, rc RunConfig) (*Loaded, *Result, error) {
	return analyze(lc, rc, false)
}

// analyze is Analyze; keep keeps the analyzed packages' syntax and
// types.Info (for the analysis benchmark, which re-runs the analysis).
func analyze(lc LoadConfig, rc RunConfig, keep bool) (*Loaded, *Result, error) {
	start := time.Now()
	switch lc.Mode {
	case "", "auto", "export", "source":
	default:
		return nil, nil, fmt.Errorf("unknown load mode %q (want auto, export or source)", lc.Mode)
	}
	if err := analysis.Validate(rc.Analyzers); err != nil {
		return nil, nil, fmt.Errorf("invalid analyzer set: %v", err)
	}
	progress(rc, Progress{Phase: "listing"})
	// Auto mode: is the standard library even built? Asked beside the
	// listing, so a warm run does not wait for the answer.
	var stdCold chan bool
	if lc.Mode == "" || lc.Mode == "auto" {
		stdCold = make(chan bool, 1)
		go func() {
			built, err := stdBuilt(lc)
			stdCold <- err == nil && !built
		}()
	}
	roots, err := listGraph(lc, false)
	if err != nil {
		return nil, nil, err
	}
	env, err := readGoEnv(lc.Dir, lc.env())
	if err != nil {
		return nil, nil, err
	}
	cache := newTypeCache(cacheDir(lc.env()), env)
	sizes := types.SizesFor("gc", env.GOARCH)
	packages.Visit(roots, nil, func(p *packages.Package) { p.TypesSizes = sizes })

	// Where do the dependencies' types come from? First plan as if every
	// dependency had export data, then ask who has it.
	progress(rc, Progress{Phase: "dependencies"})
	all := func(*packages.Package) bool { return true }
	pl := newPlan(roots, all)
	cacheComplete := cache.dir != ""
	for _, n := range pl.export {
		if cache.lookup(n.p) == "" {
			cacheComplete = false
			break
		}
	}
	cold := lc.Mode == "source" || cacheComplete && lc.Mode != "export"
	if !cold && stdCold != nil && <-stdCold {
		cold = true
	}
	got := map[string]exportResult{}
	if !cold {
		got, err = exportFiles(lc, exportIDs(pl, got), lc.Mode != "export")
		switch {
		case err == errCold:
			cold = true
		case err != nil:
			return nil, nil, err
		}
	}
	// Build cache cold (or source asked for): obscheck's own export data
	// where it has it, declarations-only source for the rest, which then
	// goes to obscheck's cache for the next run.
	sourcePlan := func() *plan {
		pl := newPlan(roots, func(p *packages.Package) bool { return cache.lookup(p) != "" })
		for _, n := range pl.export {
			n.export, n.cached = cache.lookup(n.p), true
		}
		for _, n := range pl.order {
			n.store = n.how == viaDecls
		}
		return pl
	}
	if cold {
		pl = sourcePlan()
		defer cache.trim()
	}
	relisted := cgoInSource(pl)
	if relisted {
		// cgo's output, which the listing left out, is needed: list again
		// with it (the go command preprocesses the graph's cgo packages).
		listed := roots
		if roots, err = listGraph(lc, true); err != nil {
			return nil, nil, err
		}
		// That listing adds cgo's implicit imports (runtime/cgo, syscall):
		// the cache keys stay those of the usual listing, or the next run
		// would miss what this one stores.
		cache.carryKeys(listed, roots)
		packages.Visit(roots, nil, func(p *packages.Package) { p.TypesSizes = sizes })
		if cold {
			pl = sourcePlan()
		} else {
			pl = newPlan(roots, all)
			more, err := exportFiles(lc, exportIDs(pl, got), false)
			if err != nil {
				return nil, nil, err
			}
			maps.Copy(got, more)
		}
	}
	mode := "source"
	if !cold {
		mode = "export"
		for _, n := range pl.export {
			r := got[n.p.ID]
			n.export = r.file
			if r.file == "" && r.err != "" && len(n.p.Errors) == 0 {
				n.p.Errors = append(n.p.Errors, packages.Error{Pos: "-", Msg: r.err, Kind: packages.ListError})
			}
		}
	}
	loaded := &Loaded{Mode: mode, Relisted: relisted}
	for _, n := range pl.export {
		if n.cached {
			loaded.Deps.Cached++
		} else {
			loaded.Deps.Export++
		}
	}
	for _, n := range pl.order {
		if n.how == viaDecls {
			loaded.Deps.Source++
		}
	}
	for _, n := range pl.facts {
		loaded.FactPackages = append(loaded.FactPackages, n.p.PkgPath)
	}
	if loaded.Deps.Source > 0 && os.Getenv("GOGC") == "" {
		// Declarations-only source makes garbage fast (each dependency's
		// syntax, dropped once checked): a tighter GC target keeps the
		// first run on a fresh runner small (openfga: 536 -> 380 MB peak
		// RSS) for about a tenth more CPU and no more wall time. The
		// setting is process-wide: the command runs one analysis at a time
		// (tests that run several only see GC pacing change).
		defer debug.SetGCPercent(debug.SetGCPercent(50))
	}
	listed := time.Since(start)
	res := schedule(lc.context(), pl, rc, cache, keep)
	if err := lc.context().Err(); err != nil {
		return nil, nil, fmt.Errorf("gave up before the analysis was complete: %w", err)
	}
	for _, n := range pl.named {
		if msgs := errorsOf(n.p); len(msgs) > 0 {
			loaded.Errors = append(loaded.Errors, PackageError{Package: n.p.ID, Errors: msgs})
		} else {
			loaded.Packages = append(loaded.Packages, n.p)
		}
	}
	// A dependency of the user's module that does not type-check has no
	// facts: what its importers are told is incomplete, so it is listed.
	for _, n := range pl.facts {
		if msgs := errorsOf(n.p); len(msgs) > 0 {
			loaded.Errors = append(loaded.Errors, PackageError{Package: n.p.ID, Errors: msgs})
		}
	}
	sort.Slice(loaded.Errors, func(i, j int) bool { return loaded.Errors[i].Package < loaded.Errors[j].Package })
	res.Packages = len(loaded.Packages)
	// Split the scheduling phase's wall time by CPU share.
	phase := time.Since(start) - listed
	c, a := float64(res.checkNS), float64(res.analyzeNS)
	share := 0.0
	if c+a > 0 {
		share = a / (c + a)
	}
	res.Timing = Timing{
		Load:     listed + time.Duration(float64(phase)*(1-share)),
		Analysis: time.Duration(float64(phase) * share),
	}
	return loaded, &res.Result, nil
}
