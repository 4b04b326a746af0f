package driver

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// Timing splits a run's wall time between loading (the go command,
// parsing, type-checking) and analysis. When the two interleave (Analyze
// streams), the wall time they share is split in proportion to the CPU
// time each took.
type Timing struct {
	Load, Analysis time.Duration
}

// metaMode asks the go command for the import graph and export data only:
// Analyze parses and type-checks the named packages itself, one batch at a
// time.
const metaMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedExportFile |
	packages.NeedTypesSizes | packages.NeedModule

// Analyze loads and analyzes the packages in one pass. With dependencies
// from export data (a warm build cache), it type-checks each named package
// only when the packages it imports are analyzed, analyzes it at once and
// then drops its syntax trees and types.Info: at most a few packages'
// syntax is alive at a time, so peak memory no longer grows with the
// number of packages named. Otherwise (test files, or dependencies from
// source) it is Load followed by Run.
func Analyze(lc LoadConfig, rc RunConfig) (*Loaded, *Result, error) {
	start := time.Now()
	// runLoaded is the two-phase form: everything loaded, then analyzed.
	runLoaded := func(loaded *Loaded, err error) (*Loaded, *Result, error) {
		if err != nil {
			return nil, nil, err
		}
		loadedAt := time.Now()
		res := Run(loaded.Packages, rc)
		res.Timing = Timing{Load: loadedAt.Sub(start), Analysis: time.Since(loadedAt)}
		return loaded, res, nil
	}
	if lc.Tests || lc.Mode == "source" {
		// With tests, dependencies recompiled for a test ("q [p.test]")
		// import the package under test: see needsTwoPhase.
		return runLoaded(Load(lc))
	}
	patterns, env := lc.patterns(), lc.env()
	mode := "export"
	var roots []*packages.Package
	var err error
	switch lc.Mode {
	case "export":
		roots, err = loadMeta(context.Background(), lc, env, patterns)
	case "", "auto":
		mode, roots, err = loadAuto(lc, env, patterns, func(ctx context.Context) ([]*packages.Package, error) {
			return loadMeta(ctx, lc, env, patterns)
		})
	default:
		return nil, nil, fmt.Errorf("unknown load mode %q (want auto, export or source)", lc.Mode)
	}
	if err != nil {
		return nil, nil, err
	}
	if mode == "source" {
		// The cache was cold: roots are fully loaded from source.
		return runLoaded(split(mode, roots, patterns))
	}
	if needsTwoPhase(roots) {
		lc.Mode = "export"
		return runLoaded(Load(lc))
	}
	listed := time.Since(start)
	return stream(roots, rc, patterns, start, listed)
}

func loadMeta(ctx context.Context, lc LoadConfig, env, patterns []string) ([]*packages.Package, error) {
	return packages.Load(&packages.Config{Context: ctx, Mode: metaMode, Dir: lc.Dir, Env: env}, patterns...)
}

// needsTwoPhase reports whether a dependency imports a named package
// (roots a and b, a imports c, c imports b). Such a dependency's export
// data refers to b's types, which Analyze checks from source: go/packages
// then loads c from source too, and so must we.
func needsTwoPhase(roots []*packages.Package) bool {
	isRoot := map[*packages.Package]bool{}
	for _, p := range roots {
		isRoot[p] = true
	}
	reaches := map[*packages.Package]bool{} // dependency -> imports a root
	var visit func(p *packages.Package) bool
	visit = func(p *packages.Package) bool {
		if r, ok := reaches[p]; ok {
			return r
		}
		reaches[p] = false // import cycles are errors, but must not hang us
		r := false
		for _, imp := range p.Imports {
			if isRoot[imp] || visit(imp) {
				r = true
			}
		}
		reaches[p] = r
		return r
	}
	for _, p := range roots {
		for _, imp := range p.Imports {
			if !isRoot[imp] && visit(imp) {
				return true
			}
		}
	}
	return false
}

// streamer type-checks the named packages from source against export data.
type streamer struct {
	fset *token.FileSet

	exportMu sync.Mutex
	view     map[string]*types.Package // everything read from export data, by path

	isRoot map[*packages.Package]bool
}

func stream(roots []*packages.Package, rc RunConfig, patterns []string, start time.Time, listed time.Duration) (*Loaded, *Result, error) {
	if len(roots) == 0 {
		return nil, nil, fmt.Errorf("no packages match %s", joinPatterns(patterns))
	}
	loaded := &Loaded{Mode: "export"}
	s := &streamer{fset: token.NewFileSet(), view: map[string]*types.Package{}, isRoot: map[*packages.Package]bool{}}
	for _, p := range roots {
		s.isRoot[p] = true
	}
	st, jobs := newRun(rc)

	checked := map[*packages.Package]chan struct{}{}
	analyzed := map[*packages.Package]chan struct{}{}
	for _, p := range roots {
		checked[p] = make(chan struct{})
		analyzed[p] = make(chan struct{})
	}
	// cpu bounds the work running at once; window bounds the packages
	// whose syntax is alive (checked, not yet analyzed). A package takes
	// its window slot only after its imports are checked, so the oldest
	// slot holder's imports are always analyzed: no deadlock.
	cpu := make(chan struct{}, jobs)
	window := make(chan struct{}, jobs+2)
	var checkNS, analyzeNS atomic.Int64
	var mu sync.Mutex
	bad := map[*packages.Package][]string{}
	results := make([]pkgResult, len(roots))
	var wg sync.WaitGroup
	for i, p := range roots {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(analyzed[p])
			for _, imp := range p.Imports {
				if s.isRoot[imp] {
					<-checked[imp]
				}
			}
			// A package with errors from the go command (a missing import)
			// is still checked, as go/packages does: its importers may
			// type-check against what it has, and are analyzed then.
			window <- struct{}{}
			defer func() { <-window }()
			cpu <- struct{}{}
			t := time.Now()
			s.check(p)
			checkNS.Add(int64(time.Since(t)))
			<-cpu
			close(checked[p])
			if msgs := errorsOf(p); len(msgs) > 0 {
				mu.Lock()
				bad[p] = msgs
				mu.Unlock()
				p.Syntax, p.TypesInfo = nil, nil
				return
			}
			for _, imp := range p.Imports {
				if s.isRoot[imp] {
					<-analyzed[imp]
				}
			}
			cpu <- struct{}{}
			t = time.Now()
			results[i] = st.analyze(p)
			analyzeNS.Add(int64(time.Since(t)))
			<-cpu
			// Facts and findings are kept; the syntax and types.Info,
			// most of a package's memory, are not needed any more.
			p.Syntax, p.TypesInfo, p.TypeErrors = nil, nil, nil
		}()
	}
	wg.Wait()

	for _, p := range roots {
		if msgs, ok := bad[p]; ok {
			loaded.Errors = append(loaded.Errors, PackageError{Package: p.ID, Errors: msgs})
		} else {
			loaded.Packages = append(loaded.Packages, p)
		}
	}
	sortErrors(loaded.Errors)
	res := st.collect(results, len(loaded.Packages))
	// Split the streaming phase's wall time by CPU share.
	phase := time.Since(start) - listed
	c, a := float64(checkNS.Load()), float64(analyzeNS.Load())
	share := 0.0
	if c+a > 0 {
		share = a / (c + a)
	}
	res.Timing = Timing{
		Load:     listed + time.Duration(float64(phase)*(1-share)),
		Analysis: time.Duration(float64(phase) * share),
	}
	return loaded, res, nil
}

// check parses and type-checks p against its imports: named packages
// checked before it, everything else from export data. Errors go to
// p.Errors, as go/packages would put them.
func (s *streamer) check(p *packages.Package) {
	p.Fset = s.fset
	defer func() {
		// A go/types crash on one package must not take the run down:
		// the package is reported as not loadable, like a type error.
		if v := recover(); v != nil {
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: fmt.Sprintf("internal error type-checking %s: %v", p.PkgPath, v), Kind: packages.UnknownError})
		}
	}()
	files := make([]*ast.File, 0, len(p.CompiledGoFiles))
	for _, name := range p.CompiledGoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			p.Errors = append(p.Errors, packages.Error{Pos: name + ":1", Msg: err.Error(), Kind: packages.ParseError})
			continue
		}
		f, err := parser.ParseFile(s.fset, name, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
		if f != nil {
			files = append(files, f)
		}
		var list scanner.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				p.Errors = append(p.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		} else if err != nil {
			p.Errors = append(p.Errors, packages.Error{Pos: name + ":1", Msg: err.Error(), Kind: packages.ParseError})
		}
	}
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Instances:    map[*ast.Ident]types.Instance{},
		Scopes:       map[ast.Node]*types.Scope{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		FileVersions: map[*ast.File]string{},
	}
	conf := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) { return s.importFor(p, path) }),
		Sizes:    p.TypesSizes,
		Error: func(err error) {
			var te types.Error
			if errors.As(err, &te) {
				p.TypeErrors = append(p.TypeErrors, te)
				p.Errors = append(p.Errors, packages.Error{Pos: te.Fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
				return
			}
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		conf.GoVersion = "go" + p.Module.GoVersion
	}
	pkg := types.NewPackage(p.PkgPath, p.Name)
	_ = types.NewChecker(conf, s.fset, pkg, info).Files(files) // errors went to conf.Error
	p.Syntax, p.Types, p.TypesInfo = files, pkg, info
}

// importFor resolves an import of p: a named package is already checked
// (p waited for it); anything else is read from export data.
func (s *streamer) importFor(p *packages.Package, path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	imp := p.Imports[path]
	if imp == nil {
		return nil, fmt.Errorf("no metadata for %s", path)
	}
	if s.isRoot[imp] {
		if imp.Types == nil {
			return nil, fmt.Errorf("%s could not be loaded", path)
		}
		return imp.Types, nil
	}
	return s.export(imp)
}

// export reads a dependency's export data into the shared view. Reads are
// serialized: gcexportdata may complete any package of the view.
func (s *streamer) export(p *packages.Package) (*types.Package, error) {
	s.exportMu.Lock()
	defer s.exportMu.Unlock()
	if t := s.view[p.PkgPath]; t != nil && t.Complete() {
		return t, nil
	}
	if p.ExportFile == "" {
		if len(p.Errors) > 0 {
			return nil, fmt.Errorf("%s: %s", p.PkgPath, p.Errors[0].Msg)
		}
		return nil, fmt.Errorf("no export data for %s", p.PkgPath)
	}
	f, err := os.Open(p.ExportFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %v", p.PkgPath, err)
	}
	t, err := gcexportdata.Read(r, s.fset, s.view, p.PkgPath)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %v", p.PkgPath, err)
	}
	return t, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
