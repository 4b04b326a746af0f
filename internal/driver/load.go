// Package driver loads packages and runs the analyzers on them.
//
// It is built for CI-gate speed: only the packages named on the command
// line are parsed and type-checked from source; every dependency comes
// from compiler export data (the build cache), never from source. Facts
// flow between the named packages only — third-party APIs are known from
// tables (internal/apis), so no dependency needs to be analyzed.
package driver

import (
	"fmt"
	"go/types"
	"os"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// LoadConfig says what to load.
type LoadConfig struct {
	Dir      string   // working directory for the go command
	Patterns []string // package patterns; default ./...
	Tests    bool     // include _test.go files
	Env      []string // extra environment, appended to os.Environ
}

// PackageError is a package that could not be loaded or type-checked.
type PackageError struct {
	Package string
	Errors  []string // the go command's or compiler's messages
}

const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

// Load loads the packages matching cfg.Patterns from source, with their
// dependencies from export data. It returns the packages to analyze and,
// separately, those that failed to load or type-check.
func Load(cfg LoadConfig) ([]*packages.Package, []PackageError, error) {
	patterns := cfg.Patterns
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	pcfg := &packages.Config{
		Mode:  loadMode,
		Dir:   cfg.Dir,
		Tests: cfg.Tests,
		Env:   append(os.Environ(), cfg.Env...),
	}
	pkgs, err := packages.Load(pcfg, patterns...)
	if err != nil {
		return nil, nil, err
	}
	pkgs = dedupTests(pkgs)
	var ok []*packages.Package
	var bad []PackageError
	for _, p := range pkgs {
		if msgs := errorsOf(p); len(msgs) > 0 {
			bad = append(bad, PackageError{Package: p.ID, Errors: msgs})
			continue
		}
		ok = append(ok, p)
	}
	if len(ok) == 0 && len(bad) == 0 {
		return nil, nil, fmt.Errorf("no packages match %s", strings.Join(patterns, " "))
	}
	sort.Slice(bad, func(i, j int) bool { return bad[i].Package < bad[j].Package })
	return ok, bad, nil
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
