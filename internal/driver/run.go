package driver

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/obscheck/obscheck/internal/finding"
	"github.com/obscheck/obscheck/internal/fix"
	"github.com/obscheck/obscheck/internal/inventory"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

func newRun(cfg RunConfig) (*run, int) {
	jobs := cfg.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	report := map[*analysis.Analyzer]bool{}
	for _, a := range cfg.Analyzers {
		report[a] = true
	}
	dir := cfg.Dir
	if dir != "" {
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
	}
	order := actionOrder(cfg.Analyzers)
	// A package analyzed only for its facts needs only the analyzers that
	// export facts, and what they require.
	var factRoots []*analysis.Analyzer
	for _, a := range order {
		if len(a.FactTypes) > 0 {
			factRoots = append(factRoots, a)
		}
	}
	return &run{facts: newFactStore(), order: order, factOrder: actionOrder(factRoots), report: report, dir: dir}, jobs
}

// collect merges the packages' results, in a deterministic order.
func (st *run) collect(results []pkgResult) *Result {
	res := &Result{}
	seen := map[string]bool{}
	for _, r := range results {
		for _, f := range r.findings {
			key := fmt.Sprintf("%s:%d:%d:%s:%s", f.File, f.Line, f.Column, f.Rule, f.Message)
			if !seen[key] { // test variants re-analyze the same files
				seen[key] = true
				res.Findings = append(res.Findings, f)
			}
		}
		res.Failures = append(res.Failures, r.failures...)
		res.Items = append(res.Items, r.items...)
	}
	sort.SliceStable(res.Findings, func(i, j int) bool { return finding.Less(res.Findings[i], res.Findings[j]) })
	sort.SliceStable(res.Failures, func(i, j int) bool {
		a, b := res.Failures[i], res.Failures[j]
		if a.Package != b.Package {
			return a.Package < b.Package
		}
		return a.Analyzer < b.Analyzer
	})
	return res
}

type run struct {
	facts     *factStore
	order     []*analysis.Analyzer // every analyzer, prerequisites first
	factOrder []*analysis.Analyzer // those a facts-only package needs
	report    map[*analysis.Analyzer]bool
	dir       string
}

type pkgResult struct {
	findings []finding.Finding
	failures []Failure
	items    []inventory.Item
}

// actionOrder lists the analyzers and everything they require,
// dependencies first.
func actionOrder(roots []*analysis.Analyzer) []*analysis.Analyzer {
	var order []*analysis.Analyzer
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			visit(req)
		}
		order = append(order, a)
	}
	for _, a := range roots {
		visit(a)
	}
	return order
}

// analyze runs the analyzers on one package: all of them when its
// findings are reported, else those with facts. A package with errors gets
// only the analyzers that run despite errors (unless despite says all):
// the others' results are absent, which their dependents must tolerate.
func (st *run) analyze(p *packages.Package, report, despite bool) (res pkgResult) {
	order := st.order
	if !report {
		order = st.factOrder
	}
	illTyped := len(p.Errors) > 0
	results := map[*analysis.Analyzer]any{}
	failed := map[*analysis.Analyzer]bool{}
	for _, a := range order {
		if blocked(a, failed) {
			failed[a] = true
			continue
		}
		if illTyped && !despite && !a.RunDespiteErrors {
			continue
		}
		var diags []analysis.Diagnostic
		pass := st.newPass(p, a, results, &diags)
		result, err := st.runOne(pass)
		if err != nil {
			failed[a] = true
			res.failures = append(res.failures, failure(a, p, err))
			continue
		}
		results[a] = result
		if report && st.report[a] {
			for _, d := range diags {
				res.findings = append(res.findings, st.toFinding(p, a, d))
			}
			if inv, ok := result.(interface{ Inventory() []inventory.Item }); ok {
				res.items = append(res.items, inv.Inventory()...)
			}
		}
	}
	return res
}

func blocked(a *analysis.Analyzer, failed map[*analysis.Analyzer]bool) bool {
	for _, req := range a.Requires {
		if failed[req] {
			return true
		}
	}
	return false
}

// panicError carries a recovered panic and its stack.
type panicError struct {
	value any
	stack string
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

func (st *run) runOne(pass *analysis.Pass) (result any, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &panicError{value: v, stack: string(debug.Stack())}
		}
	}()
	result, err = pass.Analyzer.Run(pass)
	if err == nil && pass.Analyzer.ResultType != nil && result != nil &&
		reflect.TypeOf(result) != pass.Analyzer.ResultType {
		err = fmt.Errorf("internal error: result of type %T, want %v", result, pass.Analyzer.ResultType)
	}
	return result, err
}

func failure(a *analysis.Analyzer, p *packages.Package, err error) Failure {
	f := Failure{Analyzer: a.Name, Package: p.ID, Err: err.Error()}
	if len(p.CompiledGoFiles) > 0 {
		f.File = p.CompiledGoFiles[0]
	}
	if pe, ok := err.(*panicError); ok {
		f.Stack = pe.stack
	}
	return f
}

func (st *run) newPass(p *packages.Package, a *analysis.Analyzer, results map[*analysis.Analyzer]any, diags *[]analysis.Diagnostic) *analysis.Pass {
	resultOf := map[*analysis.Analyzer]any{}
	for _, req := range a.Requires {
		resultOf[req] = results[req]
	}
	pass := &analysis.Pass{
		Analyzer:     a,
		Fset:         p.Fset,
		Files:        p.Syntax,
		OtherFiles:   p.OtherFiles,
		IgnoredFiles: p.IgnoredFiles,
		Pkg:          p.Types,
		TypesInfo:    p.TypesInfo,
		TypesSizes:   p.TypesSizes,
		TypeErrors:   typeErrors(p),
		ResultOf:     resultOf,
		Report:       func(d analysis.Diagnostic) { *diags = append(*diags, d) },
		ReadFile:     readFile(p),
	}
	if p.Module != nil {
		pass.Module = &analysis.Module{Path: p.Module.Path, Version: p.Module.Version, GoVersion: p.Module.GoVersion}
	}
	st.facts.bind(pass)
	return pass
}

// readFile allows the package's own files only, as analysis.Pass requires.
func readFile(p *packages.Package) func(string) ([]byte, error) {
	allowed := map[string]bool{}
	for _, list := range [][]string{p.GoFiles, p.CompiledGoFiles, p.OtherFiles, p.IgnoredFiles} {
		for _, f := range list {
			allowed[f] = true
		}
	}
	return func(name string) ([]byte, error) {
		if !allowed[name] {
			return nil, fmt.Errorf("ReadFile: %s is not among the package's files", name)
		}
		return os.ReadFile(name)
	}
}

func (st *run) toFinding(p *packages.Package, a *analysis.Analyzer, d analysis.Diagnostic) finding.Finding {
	pos := p.Fset.Position(d.Pos)
	end := pos
	if d.End.IsValid() {
		end = p.Fset.Position(d.End)
	}
	f := finding.Finding{
		Rule:      a.Name,
		Abs:       pos.Filename,
		File:      st.rel(pos.Filename),
		Line:      pos.Line,
		Column:    pos.Column,
		EndLine:   end.Line,
		EndColumn: end.Column,
		Message:   d.Message,
		Func:      enclosingFunc(p, d.Pos),
	}
	if phys := p.Fset.PositionFor(d.Pos, false); phys.Filename != pos.Filename || phys.Line != pos.Line {
		f.PhysAbs, f.PhysLine = phys.Filename, phys.Line
	}
	for _, r := range d.Related {
		rp := p.Fset.Position(r.Pos)
		if !rp.IsValid() {
			continue
		}
		f.Related = append(f.Related, finding.Related{
			File: st.rel(rp.Filename), Abs: rp.Filename, Line: rp.Line, Column: rp.Column, Message: r.Message,
		})
	}
	for _, sf := range d.SuggestedFixes {
		// Placed in the files as parsed (not where //line points), and
		// offered only if it edits the package's own source files.
		if fx, ok := fix.FromAnalysis(p.Fset, p.GoFiles, a.Name, st.rel, sf); ok {
			f.Fixes = append(f.Fixes, fx)
		}
	}
	return f
}

// rel makes a path relative to the working directory, slash-separated;
// like the go command, a file outside it (a dependency in the module
// cache) keeps its absolute path rather than a chain of "../".
func (st *run) rel(path string) string {
	if st.dir != "" {
		if r, err := filepath.Rel(st.dir, path); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(r)
		}
	}
	return filepath.ToSlash(path)
}

// enclosingFunc names the function declaration containing pos: "F",
// "(*T).M", or "" at package level.
func enclosingFunc(p *packages.Package, pos token.Pos) string {
	for _, f := range p.Syntax {
		if pos < f.FileStart || pos > f.FileEnd {
			continue
		}
		i := sort.Search(len(f.Decls), func(i int) bool { return f.Decls[i].End() >= pos })
		if i < len(f.Decls) {
			if fd, ok := f.Decls[i].(*ast.FuncDecl); ok && fd.Pos() <= pos {
				return funcDeclName(fd)
			}
		}
		return ""
	}
	return ""
}

func funcDeclName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	star := ""
	if s, ok := t.(*ast.StarExpr); ok {
		star, t = "*", s.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	name := "?"
	if id, ok := t.(*ast.Ident); ok {
		name = id.Name
	}
	return "(" + star + name + ")." + fd.Name.Name
}

// typeErrors is the package's type errors, for RunDespiteErrors analyzers.
func typeErrors(p *packages.Package) []types.Error {
	return append([]types.Error(nil), p.TypeErrors...)
}
