// Package driver loads packages and runs the analyzers on them.
//
// It is built for CI-gate speed: only the packages named on the command
// line are parsed and type-checked from source; every dependency comes
// from compiler export data (the build cache), never from source. Facts
// flow between the named packages only — third-party APIs are known from
// tables (internal/apis), so no dependency needs to be analyzed.
//
// Analyze, what the CLI uses, streams: a named package is type-checked
// when its imports are analyzed and dropped once it is analyzed itself,
// so memory stays flat however many packages are named. Load and Run are
// the two-phase form it falls back to (test variants, cold build cache).
package driver

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/packages"
)

// LoadConfig says what to load.
type LoadConfig struct {
	Dir      string   // working directory for the go command
	Patterns []string // package patterns; default ./...
	Tests    bool     // include _test.go files
	Env      []string // extra environment, appended to os.Environ
	// Mode is how dependencies are loaded: "export" (compiler export data
	// from the build cache; compiles what is missing), "source"
	// (declarations only: function bodies outside the named packages are
	// never parsed into the type checker), or "auto"/"" (export data when
	// the build cache has it, source when it is cold).
	Mode string
}

// PackageError is a package that could not be loaded or type-checked.
type PackageError struct {
	Package string
	Errors  []string // the go command's or compiler's messages
}

// Loaded is what Load found.
type Loaded struct {
	Packages []*packages.Package // type-checked, to analyze
	Errors   []PackageError      // could not be loaded or type-checked
	Mode     string              // "export" or "source": how dependencies were loaded
}

const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

// probeDelay is how long the export-data load runs before the cold-cache
// probe starts.
const probeDelay = 800 * time.Millisecond

// coldThreshold is how many dependency packages missing from the build
// cache make compiling them (for export data) slower than parsing their
// declarations.
const coldThreshold = 20

// Load loads the packages matching cfg.Patterns from source, with their
// dependencies from export data or declarations-only source. It returns
// the packages to analyze and, separately, those that failed to load or
// type-check.
func Load(cfg LoadConfig) (*Loaded, error) {
	patterns, env := cfg.patterns(), cfg.env()
	var pkgs []*packages.Package
	var err error
	mode := cfg.Mode
	switch mode {
	case "export":
		pkgs, err = loadExport(context.Background(), cfg, env, patterns)
	case "source":
		pkgs, err = loadSource(cfg, env, patterns, nil)
	case "", "auto":
		mode, pkgs, err = loadAuto(cfg, env, patterns, func(ctx context.Context) ([]*packages.Package, error) {
			return loadExport(ctx, cfg, env, patterns)
		})
	default:
		return nil, fmt.Errorf("unknown load mode %q (want auto, export or source)", mode)
	}
	if err != nil {
		return nil, err
	}
	return split(mode, pkgs, patterns)
}

func (cfg LoadConfig) patterns() []string {
	if len(cfg.Patterns) == 0 {
		return []string{"./..."}
	}
	return cfg.Patterns
}

func (cfg LoadConfig) env() []string { return append(os.Environ(), cfg.Env...) }

// split separates the packages to analyze from those that failed to load
// or type-check.
func split(mode string, pkgs []*packages.Package, patterns []string) (*Loaded, error) {
	pkgs = dedupTests(pkgs)
	res := &Loaded{Mode: mode}
	for _, p := range pkgs {
		if msgs := errorsOf(p); len(msgs) > 0 {
			res.Errors = append(res.Errors, PackageError{Package: p.ID, Errors: msgs})
			continue
		}
		res.Packages = append(res.Packages, p)
	}
	if len(res.Packages) == 0 && len(res.Errors) == 0 {
		return nil, fmt.Errorf("no packages match %s", joinPatterns(patterns))
	}
	sortErrors(res.Errors)
	return res, nil
}

func joinPatterns(patterns []string) string { return strings.Join(patterns, " ") }

func sortErrors(errs []PackageError) {
	sort.Slice(errs, func(i, j int) bool { return errs[i].Package < errs[j].Package })
}

func loadExport(ctx context.Context, cfg LoadConfig, env, patterns []string) ([]*packages.Package, error) {
	return packages.Load(&packages.Config{Context: ctx, Mode: loadMode, Dir: cfg.Dir, Tests: cfg.Tests, Env: env}, patterns...)
}

// loadSource type-checks dependencies from source with their function
// bodies removed: declarations are all the named packages need, and
// bodies are most of the parsing and checking work.
func loadSource(cfg LoadConfig, env, patterns []string, rootDirs map[string]bool) ([]*packages.Package, error) {
	if rootDirs == nil {
		listed, err := listDeps(context.Background(), cfg, env, patterns)
		if err != nil {
			return nil, err
		}
		rootDirs = listed.rootDirs
	}
	pcfg := &packages.Config{
		Mode:  loadMode | packages.NeedDeps,
		Dir:   cfg.Dir,
		Tests: cfg.Tests,
		Env:   env,
		ParseFile: func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
			f, err := parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
			if f != nil && !rootDirs[filepath.Dir(filename)] {
				stripBodies(f)
			}
			return f, err
		},
	}
	return packages.Load(pcfg, patterns...)
}

// stripBodies drops function bodies and comments from a dependency's file.
func stripBodies(f *ast.File) {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			fd.Body = nil
		}
	}
	f.Comments = nil
}

// loadAuto starts the export-data load and, in parallel, asks the go
// command which dependencies the build cache lacks. If there are many,
// the export load (which would compile them all) is cancelled in favour
// of declarations-only source.
func loadAuto(cfg LoadConfig, env, patterns []string, exportLoad func(context.Context) ([]*packages.Package, error)) (string, []*packages.Package, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // stops the probe once the export load is done
	var cold atomic.Pointer[listing]
	go func() {
		// A warm load finishes in well under a second; only a load still
		// running then (compiling, most likely) is worth the probe's CPU.
		select {
		case <-time.After(probeDelay):
		case <-ctx.Done():
			return
		}
		l, err := listDeps(ctx, cfg, env, patterns)
		if err == nil && l.stale >= coldThreshold {
			cold.Store(l)
			cancel() // cold build cache: stop compiling
		}
	}()
	pkgs, err := exportLoad(ctx)
	if err == nil {
		return "export", pkgs, nil // finished first, or the cache was warm
	}
	if l := cold.Load(); l != nil {
		pkgs, err = loadSource(cfg, env, patterns, l.rootDirs)
		return "source", pkgs, err
	}
	return "export", nil, err
}

type listing struct {
	rootDirs map[string]bool // directories of the named packages
	stale    int             // dependency-only packages missing from the build cache
}

// listDeps lists the dependency graph without building anything.
func listDeps(ctx context.Context, cfg LoadConfig, env, patterns []string) (*listing, error) {
	args := []string{"list", "-e", "-deps", "-f", "{{if .DepOnly}}dep{{else}}root{{end}} {{.Stale}} {{.Dir}}"}
	if cfg.Tests {
		args = append(args, "-test")
	}
	cmd := exec.CommandContext(ctx, "go", append(args, patterns...)...)
	cmd.Dir = cfg.Dir
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	l := &listing{rootDirs: map[string]bool{}}
	for _, line := range strings.Split(string(out), "\n") {
		kind, rest, _ := strings.Cut(line, " ")
		stale, dir, _ := strings.Cut(rest, " ")
		switch {
		case kind == "root":
			l.rootDirs[dir] = true
		case kind == "dep" && stale == "true":
			l.stale++
		}
	}
	return l, nil
}

// errorsOf returns a package's load and type errors. A package without
// type information cannot be analyzed at all.
func errorsOf(p *packages.Package) []string {
	var msgs []string
	for _, e := range p.Errors {
		msgs = append(msgs, e.Error())
	}
	if len(msgs) == 0 && (p.Types == nil || p.TypesInfo == nil) {
		msgs = append(msgs, "no type information")
	}
	return msgs
}

// dedupTests keeps, for each package, the variant with the most files: with
// Tests, go/packages returns "p" and "p [p.test]" (a superset), plus the
// synthesized test main "p.test", which is never analyzed.
func dedupTests(pkgs []*packages.Package) []*packages.Package {
	best := map[string]*packages.Package{}
	var order []string
	for _, p := range pkgs {
		if strings.HasSuffix(p.ID, ".test") && p.Name == "main" {
			continue
		}
		key := p.PkgPath
		if strings.HasSuffix(p.Name, "_test") {
			key += "_test"
		}
		prev, seen := best[key]
		if !seen {
			order = append(order, key)
		}
		if !seen || len(p.CompiledGoFiles) > len(prev.CompiledGoFiles) {
			best[key] = p
		}
	}
	out := make([]*packages.Package, 0, len(order))
	for _, k := range order {
		out = append(out, best[k])
	}
	return out
}

// typeErrors is the package's type errors, for RunDespiteErrors analyzers.
func typeErrors(p *packages.Package) []types.Error {
	var out []types.Error
	for _, e := range p.TypeErrors {
		out = append(out, e)
	}
	return out
}
