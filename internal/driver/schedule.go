package driver

import (
	"context"
	"fmt"
	"go/token"
	"go/types"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/packages"
)

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
func schedule(ctx context.Context, pl *plan, rc RunConfig, cache *typeCache, keep bool) *scheduled {
	fset := token.NewFileSet()
	v := &view{fset: fset, pkgs: map[string]*types.Package{}}
	st, jobs := newRun(rc)
	st.facts.expect(pl)
	st.facts.view = &v.mu

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
			if ctx.Err() != nil { // --timeout: what is not done stays undone
				<-cpu
				close(n.checked)
				return
			}
			t := time.Now()
			check(fset, n.p, full, func(path string) (*types.Package, error) { return importFor(n.p, path) })
			if n.store {
				// Read back from its export data, the package no longer
				// holds what checking it made (scopes, the checker's
				// bookkeeping): the first run on a fresh runner keeps
				// hundreds of dependencies alive until it ends.
				if data := cache.store(n.p); data != nil {
					if t, err := v.readData(n.p, data); err == nil {
						n.p.Types = t
					}
				}
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
			if ctx.Err() != nil {
				<-cpu
				return
			}
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
