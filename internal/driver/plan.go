package driver

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// graphMode asks the go command for the import graph only: nothing is
// compiled, and cgo files are not preprocessed: -compiled, which does that
// for every cgo package of the graph, doubles the listing's cost, and is
// asked for only when a package checked from source uses cgo (listGraph).
// TypesSizes come from go env.
const graphMode = packages.NeedName | packages.NeedFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedModule

// How a package's types are obtained.
type how int

const (
	viaExport   how = iota // export data from a file (build cache or obscheck's)
	viaDecls               // declarations-only source
	viaAnalysis            // full source, then analyzed
)

// node is one package of a run's plan.
type node struct {
	p      *packages.Package
	how    how
	report bool   // a named package: its findings are reported
	export string // the export data file, for viaExport
	cached bool   // export is obscheck's own cache
	// store: checked from source for lack of an export file; its export
	// data goes to obscheck's cache.
	store bool

	checked  chan struct{}
	analyzed chan struct{}
	imports  []*node // imports checked from source
	needs    []*node // analyzed packages whose facts it needs
}

// plan is what a run does with each package.
type plan struct {
	nodes  map[*packages.Package]*node
	order  []*node // source-checked nodes, dependencies first
	export []*node // dependencies read from export data
	named  []*node // reported, in the order listed
	facts  []*node // analyzed for facts only
	byPath map[string]*node
}

func (lc LoadConfig) patterns() []string {
	if len(lc.Patterns) == 0 {
		return []string{"./..."}
	}
	return lc.Patterns
}

func (lc LoadConfig) env() []string { return append(os.Environ(), lc.Env...) }

func (lc LoadConfig) context() context.Context {
	if lc.Context == nil {
		return context.Background()
	}
	return lc.Context
}

// listGraph lists the named packages and everything they import; with
// compiled, a cgo package's CompiledGoFiles are its Go files with cgo's
// output in place of its cgo files (elsewhere they are the GoFiles).
func listGraph(lc LoadConfig, compiled bool) ([]*packages.Package, error) {
	mode := graphMode
	if compiled {
		mode |= packages.NeedCompiledGoFiles
	}
	cfg := &packages.Config{Context: lc.context(), Mode: mode, Dir: lc.Dir, Tests: lc.Tests, Env: lc.env(), BuildFlags: lc.BuildFlags}
	roots, err := packages.Load(cfg, lc.patterns()...)
	if err != nil {
		return nil, err
	}
	// The synthesized test main ("p.test") is never analyzed.
	roots = deleteFunc(roots, func(p *packages.Package) bool { return testMain(p) })
	if !compiled {
		packages.Visit(roots, nil, func(p *packages.Package) { p.CompiledGoFiles = p.GoFiles })
	}
	if len(roots) == 0 {
		return nil, fmt.Errorf("%w %s", ErrNoPackages, strings.Join(lc.patterns(), " "))
	}
	return roots, nil
}

func testMain(p *packages.Package) bool { return strings.HasSuffix(p.ID, ".test") && p.Name == "main" }

// userCode reports whether p belongs to one of the user's own modules (the
// main module, a workspace module): a module without a version. Other
// modules (and the standard library) are known to the rules through their
// tables, never through facts, under every driver.
func userCode(p *packages.Package) bool {
	return p.Module != nil && p.Module.Version == "" && p.Module.Path != "std"
}

// newPlan decides how each package is obtained. roots are the packages
// the patterns matched; with tests, go/packages returns a package and its
// test variant ("p [p.test]"), of which the one with the most files is
// analyzed. exportOK reports whether a dependency may come from export data.
func newPlan(roots []*packages.Package, exportOK func(*packages.Package) bool) *plan {
	pl := &plan{nodes: map[*packages.Package]*node{}, byPath: map[string]*node{}}
	// The analyzed variant of each named package.
	chosen := map[string]*packages.Package{}
	var keys []string
	for _, p := range roots {
		k := p.PkgPath
		if prev, ok := chosen[k]; !ok {
			keys = append(keys, k)
			chosen[k] = p
		} else if len(p.GoFiles) > len(prev.GoFiles) {
			chosen[k] = p
		}
	}
	for _, k := range keys {
		n := pl.add(chosen[k], viaAnalysis)
		n.report = true
		pl.named = append(pl.named, n)
		pl.byPath[k] = n
	}
	// The packages of the user's modules the named ones import are
	// analyzed for their facts: a router built in internal/api and served
	// in cmd/ is judged the same whether ./... or ./cmd/... was named. A
	// package reached only as a test variant ("q [p.test]") is analyzed as
	// that variant.
	factCand := map[string]*packages.Package{}
	seen := map[*packages.Package]bool{}
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		for _, imp := range p.Imports {
			if _, named := chosen[imp.PkgPath]; !named && userCode(imp) {
				if prev := factCand[imp.PkgPath]; prev == nil || prev.ID != prev.PkgPath && imp.ID == imp.PkgPath {
					factCand[imp.PkgPath] = imp
				}
			}
			visit(imp)
		}
	}
	for _, k := range keys {
		visit(chosen[k])
	}
	for path, p := range factCand {
		n := pl.add(p, viaAnalysis)
		pl.facts = append(pl.facts, n)
		pl.byPath[path] = n
	}
	sort.Slice(pl.facts, func(i, j int) bool { return pl.facts[i].p.PkgPath < pl.facts[j].p.PkgPath })

	// Everything else the analyzed packages import: export data where it
	// stands on its own, declarations-only source where it imports a
	// package checked from source (test variants, cycles through the
	// user's module) or has no export data.
	sourceMemo := map[*packages.Package]bool{}
	var needsSource func(p *packages.Package) bool
	needsSource = func(p *packages.Package) bool {
		if p.PkgPath == "unsafe" {
			return false // types.Unsafe
		}
		if n := pl.nodes[p]; n != nil {
			return n.how != viaExport
		}
		if v, ok := sourceMemo[p]; ok {
			return v
		}
		sourceMemo[p] = false // cycles are errors; do not loop
		// A test variant is recompiled for its test; the user's own
		// packages are never compiled for export data (they are checked
		// from source anyway, and compiling them is what a broken or huge
		// package makes slow).
		v := p.ID != p.PkgPath || userCode(p) || !exportOK(p)
		for _, imp := range p.Imports {
			if needsSource(imp) {
				v = true
			}
		}
		sourceMemo[p] = v
		return v
	}
	var place func(p *packages.Package)
	place = func(p *packages.Package) {
		for _, imp := range p.Imports {
			if imp.PkgPath == "unsafe" || pl.nodes[imp] != nil {
				continue
			}
			if needsSource(imp) {
				pl.add(imp, viaDecls)
				place(imp)
			} else {
				pl.export = append(pl.export, pl.add(imp, viaExport))
			}
		}
	}
	for _, n := range append(append([]*node(nil), pl.named...), pl.facts...) {
		place(n.p)
	}
	// Each source-checked package waits for its source imports to be
	// checked, and (when analyzed) for the analysis of the packages whose
	// facts it may read: the analyzed package of each path it imports.
	for _, n := range pl.nodes {
		if n.how == viaExport {
			continue
		}
		for _, imp := range n.p.Imports {
			if in := pl.nodes[imp]; in != nil && in.how != viaExport {
				n.imports = append(n.imports, in)
			}
			if n.how == viaAnalysis {
				if an := pl.byPath[imp.PkgPath]; an != nil && an != n {
					n.needs = append(n.needs, an)
				}
			}
		}
	}
	pl.order = topo(pl.nodes)
	return pl
}

func (pl *plan) add(p *packages.Package, h how) *node {
	n := &node{p: p, how: h, checked: make(chan struct{}), analyzed: make(chan struct{})}
	pl.nodes[p] = n
	return n
}

// topo lists the source-checked nodes with every node after what it waits
// for, ties broken by package ID so runs are reproducible. An edge that
// closes a cycle (an import cycle, an error the type checker reports) is
// dropped, so the scheduler cannot wait forever.
func topo(nodes map[*packages.Package]*node) []*node {
	var all []*node
	for _, n := range nodes {
		if n.how != viaExport {
			all = append(all, n)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].p.ID < all[j].p.ID })
	var out []*node
	const visiting, done = 1, 2
	state := map[*node]int{}
	var visit func(n *node)
	acyclic := func(deps []*node) []*node {
		kept := deps[:0]
		for _, d := range deps {
			if state[d] == visiting {
				continue
			}
			visit(d)
			kept = append(kept, d)
		}
		return kept
	}
	visit = func(n *node) {
		if state[n] != 0 {
			return
		}
		state[n] = visiting
		n.imports = acyclic(n.imports)
		n.needs = acyclic(n.needs)
		state[n] = done
		out = append(out, n)
	}
	for _, n := range all {
		visit(n)
	}
	return out
}

// exportIDs lists the plan's export-data dependencies not in got.
func exportIDs(pl *plan, got map[string]exportResult) []string {
	var ids []string
	for _, n := range pl.export {
		if _, ok := got[n.p.ID]; !ok {
			ids = append(ids, n.p.ID)
		}
	}
	return ids
}

func deleteFunc(ps []*packages.Package, del func(*packages.Package) bool) []*packages.Package {
	out := ps[:0]
	for _, p := range ps {
		if !del(p) {
			out = append(out, p)
		}
	}
	return out
}
