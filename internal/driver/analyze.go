package driver

import (
	"fmt"
	"go/token"
	"go/types"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

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
	roots, err := listGraph(lc)
	if err != nil {
		return nil, nil, err
	}
	env, err := readGoEnv(lc.Dir, lc.env())
	if err != nil {
		return nil, nil, err
	}
	cache := newTypeCache(cacheDir(lc.env()), env)

	// Where do the dependencies' types come from? First plan as if every
	// dependency had export data, then ask who has it.
	progress(rc, Progress{Phase: "dependencies"})
	mode := "export"
	pl := newPlan(roots, func(*packages.Package) bool { return true })
	files := map[*node]string{}
	cacheComplete := cache.dir != ""
	for _, n := range pl.export {
		if f := cache.lookup(n.p); f != "" {
			files[n] = f
		} else {
			cacheComplete = false
		}
	}
	cold := lc.Mode == "source" || cacheComplete && lc.Mode != "export"
	if !cold {
		ids := make([]string, len(pl.export))
		for i, n := range pl.export {
			ids[i] = n.p.ID
		}
		got, err := exportFiles(lc, ids, lc.Mode != "export")
		switch {
		case err == errCold:
			cold = true
		case err != nil:
			return nil, nil, err
		default:
			for _, n := range pl.export {
				r := got[n.p.ID]
				n.export = r.file
				if r.file == "" && r.err != "" && len(n.p.Errors) == 0 {
					n.p.Errors = append(n.p.Errors, packages.Error{Pos: "-", Msg: r.err, Kind: packages.ListError})
				}
			}
		}
	}
	if cold {
		// Build cache cold (or source asked for): obscheck's own export
		// data where it has it, declarations-only source for the rest,
		// which then goes to obscheck's cache for the next run.
		mode = "source"
		pl = newPlan(roots, func(p *packages.Package) bool { return cache.lookup(p) != "" })
		for _, n := range pl.export {
			n.export, n.cached = cache.lookup(n.p), true
		}
		for _, n := range pl.order {
			n.store = n.how == viaDecls
		}
		defer cache.trim()
	}
	loaded := &Loaded{Mode: mode}
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
	listed := time.Since(start)
	res := schedule(pl, rc, cache, keep)
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

func progress(rc RunConfig, p Progress) {
	if rc.Progress != nil {
		rc.Progress(p)
	}
}

type scheduled struct {
	Result
	checkNS, analyzeNS int64
}

// schedule type-checks and analyzes the plan's source packages, each as
// soon as what it waits for is done.
func schedule(pl *plan, rc RunConfig, cache *typeCache, keep bool) *scheduled {
	fset := token.NewFileSet()
	v := &view{fset: fset, pkgs: map[string]*types.Package{}}
	st, jobs := newRun(rc)
	st.facts.expect(pl)

	importFor := func(p *packages.Package, path string) (*types.Package, error) {
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		imp := p.Imports[path]
		if imp == nil {
			return nil, fmt.Errorf("no metadata for %s", path)
		}
		n := pl.nodes[imp]
		if n == nil {
			return nil, fmt.Errorf("%s was not loaded", path)
		}
		if n.how != viaExport {
			if imp.Types == nil {
				return nil, fmt.Errorf("%s could not be loaded", path)
			}
			return imp.Types, nil
		}
		if n.export == "" {
			if len(imp.Errors) > 0 {
				return nil, fmt.Errorf("%s: %s", path, imp.Errors[0].Msg)
			}
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return v.read(imp, n.export)
	}

	// cpu bounds the work running at once; window bounds the analyzed
	// packages whose syntax is alive (checked, not yet analyzed). A
	// package takes its window slot only once everything it waits for is
	// checked, so the earliest slot holder (in dependency order) can always
	// finish: no deadlock.
	cpu := make(chan struct{}, jobs)
	window := make(chan struct{}, jobs+2)
	var checkNS, analyzeNS atomic.Int64
	var done atomic.Int64
	total := len(pl.named) + len(pl.facts)
	results := make([]pkgResult, len(pl.order))
	var wg sync.WaitGroup
	for i, n := range pl.order {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(n.analyzed)
			for _, d := range n.imports {
				<-d.checked
			}
			for _, d := range n.needs {
				<-d.checked
			}
			full := n.how == viaAnalysis
			if full {
				window <- struct{}{}
				defer func() { <-window }()
			}
			cpu <- struct{}{}
			t := time.Now()
			check(fset, n.p, full, func(path string) (*types.Package, error) { return importFor(n.p, path) })
			if n.store {
				cache.store(n.p)
			}
			checkNS.Add(int64(time.Since(t)))
			<-cpu
			close(n.checked)
			if !full {
				return
			}
			for _, d := range n.needs {
				<-d.analyzed
			}
			cpu <- struct{}{}
			t = time.Now()
			results[i] = st.analyze(n.p, n.report, rc.DespiteErrors)
			analyzeNS.Add(int64(time.Since(t)))
			<-cpu
			st.facts.analyzed(n.p.PkgPath)
			progress(rc, Progress{Phase: "analyzing", Done: int(done.Add(1)), Total: total})
			if !keep {
				// Facts and findings are kept; the syntax and types.Info,
				// most of a package's memory, are not needed any more.
				n.p.Syntax, n.p.TypesInfo, n.p.TypeErrors = nil, nil, nil
			}
		}()
	}
	wg.Wait()
	out := &scheduled{checkNS: checkNS.Load(), analyzeNS: analyzeNS.Load()}
	out.Result = *st.collect(results)
	out.Bugs = st.facts.bugs()
	return out
}

// errorsOf returns a package's load and type errors. A package without
// type information cannot be analyzed at all.
func errorsOf(p *packages.Package) []string {
	var msgs []string
	for _, e := range p.Errors {
		msgs = append(msgs, e.Error())
	}
	if len(msgs) == 0 && p.Types == nil {
		msgs = append(msgs, "no type information")
	}
	return msgs
}
