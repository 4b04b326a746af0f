// Package otelinit implements the otelinit rule: every service binary
// initializes OpenTelemetry on its path from main.
package otelinit

import (
	"fmt"
	"go/ast"
	"go/types"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/directives"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/report"
	"github.com/obscheck/obscheck/internal/spans"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// Name is the rule name.
const Name = "otelinit"

// Analyzer is the otelinit rule with the default policy source: the
// analyzer's flags, $OBSCHECK_CONFIG or the nearest .obscheck.yaml (go vet,
// golangci-lint, nogo).
var Analyzer = New(nil)

// New returns the otelinit rule reading each package's policy from src.
func New(src *policy.Source) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: Name,
		Doc: `report service binaries whose main never initializes OpenTelemetry

A main package in a directory matched by rules.otelinit.binaries (cmd/** by
default, relative to the module root; rules.otelinit.exempt lists edge
agents) that serves HTTP or gRPC or consumes messages (http.ListenAndServe,
(*http.Server).Serve, gin/echo Run/Start, (*grpc.Server).Serve, NATS,
JetStream, Kafka and franz-go consumers) must, on the path from main,
initialize OpenTelemetry: call a policy.otel_setup function (the team's
SetupOTel) or install a global provider (otel.SetTracerProvider,
SetMeterProvider, SetLoggerProvider, global.SetLoggerProvider) or create an
SDK provider, directly or through functions of its module (followed across
packages by fact, including package initialization and the methods of values
it makes). Without it every span and metric goes to the no-op
provider. The finding is at func main, with the entry points it serves as
related locations.`,
		URL:        "https://github.com/obscheck/obscheck/blob/main/docs/rules.md#otelinit",
		Requires:   []*analysis.Analyzer{inspect.Analyzer, directives.New(src)},
		Run:        func(pass *analysis.Pass) (any, error) { return run(pass, src) },
		ResultType: report.ResultType,
		FactTypes:  []analysis.Fact{new(reachFact), new(pkgFact)},
	}
	policy.RegisterFlags(&a.Flags)
	return a
}

// Entry is a place where the process serves requests or consumes messages.
type Entry struct {
	Kind string
	Pos  report.Position
	Via  string // the function making the call, for the message
}

// reach is what running a function (or initializing a package) may do,
// through everything it calls or refers to: initialize OpenTelemetry, and
// serve (at most one entry per kind, the first in source order).
type reach struct {
	Inits   bool
	Entries []Entry
}

// reachFact is a function's reach; pkgFact a package's initialization's
// (its init functions, package variable initializers and imports).
type reachFact reach
type pkgFact reach

func (*reachFact) AFact() {}
func (*pkgFact) AFact()   {}

func (f *reachFact) String() string { return (*reach)(f).String() }
func (f *pkgFact) String() string   { return (*reach)(f).String() }

func (r *reach) String() string {
	kinds := make([]string, len(r.Entries))
	for i, e := range r.Entries {
		kinds[i] = e.Kind
	}
	return fmt.Sprintf("inits=%v serves=%v", r.Inits, kinds)
}

func (r *reach) empty() bool { return !r.Inits && len(r.Entries) == 0 }

// merge adds what o reaches; it reports whether r grew.
func (r *reach) merge(o *reach) bool {
	grew := false
	if o.Inits && !r.Inits {
		r.Inits, grew = true, true
	}
	for _, e := range o.Entries {
		if r.add(e) {
			grew = true
		}
	}
	return grew
}

// add keeps the first entry of each kind, by position: the result does
// not depend on the order functions are visited in.
func (r *reach) add(e Entry) bool {
	for i, x := range r.Entries {
		if x.Kind != e.Kind {
			continue
		}
		if before(e.Pos, x.Pos) {
			r.Entries[i] = e
			return true
		}
		return false
	}
	r.Entries = append(r.Entries, e)
	sort.Slice(r.Entries, func(i, j int) bool { return kindOrder(r.Entries[i].Kind) < kindOrder(r.Entries[j].Kind) })
	return true
}

func before(a, b report.Position) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Col < b.Col
}

func kindOrder(k string) int {
	for i, x := range traceapi.EntryKinds {
		if string(x) == k {
			return i
		}
	}
	return len(traceapi.EntryKinds)
}

type checker struct {
	pass  *analysis.Pass
	setup funcname.Set // policy.otel_setup
	local map[*types.Func]*reach
	vars  *types.Func                   // stands for the package variables' initialization
	refs  map[*types.Func][]*types.Func // package functions each one refers to
	ext   map[*types.Func][]*reach      // what it reaches outside the package

	typesSeen map[*types.Func]map[*types.Named]bool // see typeMethods
}

func run(pass *analysis.Pass, src *policy.Source) (any, error) {
	r, pol, err := report.Begin(pass, Name, src)
	if r == nil {
		return report.Disabled(Name), err
	}
	if pass.Pkg == nil || pass.TypesInfo == nil || apis.IsLibrary(pass.Pkg.Path()) {
		return r.Result(), nil
	}
	ins, _ := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if ins == nil {
		return r.Result(), nil
	}
	c := &checker{
		pass:  pass,
		setup: funcname.NewSet(pol.Policy.OtelSetup),
		local: map[*types.Func]*reach{},
		refs:  map[*types.Func][]*types.Func{},
		ext:   map[*types.Func][]*reach{},

		typesSeen: map[*types.Func]map[*types.Named]bool{},
	}
	var decls []*ast.FuncDecl
	ins.Preorder([]ast.Node{(*ast.FuncDecl)(nil)}, func(n ast.Node) {
		if d := n.(*ast.FuncDecl); d.Body != nil {
			decls = append(decls, d)
		}
	})
	methods := c.methodsByName(decls)
	var inits []*types.Func
	for _, d := range decls {
		fn, ok := pass.TypesInfo.Defs[d.Name].(*types.Func)
		if !ok {
			continue
		}
		c.local[fn] = &reach{}
		c.scan(fn, d.Body, methods)
		if d.Recv == nil && d.Name.Name == "init" {
			inits = append(inits, fn)
		}
	}
	// Package variable initializers run at initialization, like init.
	pkgInit := types.NewFunc(0, pass.Pkg, "init", types.NewSignatureType(nil, nil, nil, nil, nil, false))
	c.vars = pkgInit
	c.local[pkgInit] = &reach{}
	for _, in := range pass.TypesInfo.InitOrder {
		c.scan(pkgInit, in.Rhs, methods)
	}
	c.solve()

	// The package's initialization: its inits, variables and imports.
	pf := &reach{}
	pf.merge(c.local[pkgInit])
	for _, fn := range inits {
		pf.merge(c.local[fn])
	}
	for _, imp := range pass.Pkg.Imports() {
		var f pkgFact
		if spans.SameModule(pass, imp) && pass.ImportPackageFact(imp, &f) {
			pf.merge((*reach)(&f))
		}
	}
	if pass.Pkg.Name() != "main" { // nothing imports a command
		for fn, rc := range c.local {
			if fn != pkgInit && !rc.empty() && !slices.Contains(inits, fn) {
				pass.ExportObjectFact(fn, (*reachFact)(rc))
			}
		}
		if !pf.empty() {
			pass.ExportPackageFact((*pkgFact)(pf))
		}
	}

	if pass.Pkg.Name() == "main" {
		for _, d := range decls {
			if d.Recv == nil && d.Name.Name == "main" {
				c.checkMain(r, pol, d, pf)
			}
		}
	}
	return r.Result(), nil
}

// methodsByName indexes the package's concrete methods, for calls through
// an interface: a call of I.M may run any method M of the package whose
// type implements I.
func (c *checker) methodsByName(decls []*ast.FuncDecl) map[string][]*types.Func {
	m := map[string][]*types.Func{}
	for _, d := range decls {
		if d.Recv == nil {
			continue
		}
		if fn, ok := c.pass.TypesInfo.Defs[d.Name].(*types.Func); ok {
			m[fn.Name()] = append(m[fn.Name()], fn)
		}
	}
	return m
}

// scan records what n (part of fn) refers to: package functions, imported
// functions' reach, setup calls and entry points. Every reference counts,
// called or not: a function value handed to a router, a command or a
// goroutine runs too.
func (c *checker) scan(fn *types.Func, n ast.Node, methods map[string][]*types.Func) {
	info := c.pass.TypesInfo
	rc := c.local[fn]
	ast.Inspect(n, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CompositeLit:
			// A value of a type is made: its methods may run, called
			// directly or through an interface it is handed as (a
			// plugin registered in init, a server started by its Run).
			c.typeMethods(fn, info.TypeOf(x))
			return true
		case *ast.CallExpr:
			if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok && id.Name == "new" && len(x.Args) == 1 {
				if _, builtin := info.Uses[id].(*types.Builtin); builtin {
					c.typeMethods(fn, info.TypeOf(x.Args[0]))
				}
			}
			return true
		}
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		callee, ok := info.Uses[id].(*types.Func)
		if !ok {
			return true
		}
		callee = callee.Origin()
		name := funcname.Of(callee)
		if traceapi.ProviderSetters[name] || c.setup[name] {
			rc.Inits = true
			return true
		}
		if kind, ok := traceapi.Entries[name]; ok {
			via := shortName(fn)
			if fn == c.vars {
				via = "the initialization of package " + fn.Pkg().Name()
			}
			rc.add(Entry{Kind: string(kind), Pos: report.PositionOf(c.pass.Fset, id.Pos()), Via: via})
			return true
		}
		if iface := recvInterface(callee); iface != nil {
			// A call through an interface may run a method of that name
			// of any of the package's types implementing it.
			for _, m := range methods[callee.Name()] {
				if implements(m, iface) {
					c.refs[fn] = append(c.refs[fn], m)
				}
			}
			return true
		}
		c.ref(fn, callee)
		return true
	})
}

// ref records that fn refers to g: a function of the package (solved
// together), or of the module (its fact).
func (c *checker) ref(fn, g *types.Func) {
	if g.Pkg() == c.pass.Pkg {
		c.refs[fn] = append(c.refs[fn], g)
		return
	}
	var f reachFact
	if spans.SameModule(c.pass, g.Pkg()) && c.pass.ImportObjectFact(g, &f) {
		c.ext[fn] = append(c.ext[fn], (*reach)(&f))
	}
}

// typeMethods records that fn makes a value of t: every method of t (and
// *t) of the module may run.
func (c *checker) typeMethods(fn *types.Func, t types.Type) {
	if t == nil {
		return
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || !spans.SameModule(c.pass, named.Obj().Pkg()) {
		return
	}
	if _, isIface := named.Underlying().(*types.Interface); isIface {
		return
	}
	if c.typesSeen[fn] == nil {
		c.typesSeen[fn] = map[*types.Named]bool{}
	}
	if c.typesSeen[fn][named] {
		return
	}
	c.typesSeen[fn][named] = true
	for i := 0; i < named.NumMethods(); i++ {
		c.ref(fn, named.Method(i).Origin())
	}
}

// solve propagates reach through the package's references to a fixed
// point.
func (c *checker) solve() {
	for fn, exts := range c.ext {
		for _, e := range exts {
			c.local[fn].merge(e)
		}
	}
	for changed := true; changed; {
		changed = false
		for fn, refs := range c.refs {
			for _, g := range refs {
				if o := c.local[g]; o != nil && g != fn && c.local[fn].merge(o) {
					changed = true
				}
			}
		}
	}
}

func recvInterface(fn *types.Func) *types.Interface {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return nil
	}
	i, _ := sig.Recv().Type().Underlying().(*types.Interface)
	return i
}

func implements(m *types.Func, iface *types.Interface) bool {
	recv := m.Type().(*types.Signature).Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	return types.Implements(t, iface) || types.Implements(types.NewPointer(t), iface)
}

// shortName names fn for a message: pkg.Func or pkg.Type.Method.
func shortName(fn *types.Func) string {
	name := fn.Name()
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			name = n.Obj().Name() + "." + name
		}
	}
	if fn.Pkg() != nil {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}

// checkMain reports main when the binary serves without initializing.
func (c *checker) checkMain(r *report.Reporter, pol *policy.Policy, d *ast.FuncDecl, pkg *reach) {
	opts := pol.Rules.OtelInit
	file := c.pass.Fset.Position(d.Pos()).Filename
	if file == "" {
		return
	}
	dir := filepath.Dir(file)
	rel, err := filepath.Rel(policy.ModuleRoot(dir), dir)
	if err != nil || strings.HasPrefix(rel, "..") {
		return
	}
	rel = filepath.ToSlash(rel)
	if !matchAny(opts.Binaries, rel) || matchAny(opts.Exempt, rel) {
		return
	}
	fn, ok := c.pass.TypesInfo.Defs[d.Name].(*types.Func)
	if !ok {
		return
	}
	total := &reach{}
	total.merge(pkg)
	total.merge(c.local[fn])
	if total.Inits || len(total.Entries) == 0 {
		return
	}
	var kinds []string
	var related []analysis.RelatedInformation
	for _, e := range total.Entries {
		what := "serves " + e.Kind
		if e.Kind == string(traceapi.ConsumesMessages) {
			what = "consumes messages"
		}
		kinds = append(kinds, what)
		related = append(related, r.Related(e.Pos, what+" here, in "+e.Via)...)
	}
	r.Report(analysis.Diagnostic{
		Pos: d.Name.Pos(), End: d.Name.End(),
		Message: fmt.Sprintf("binary %s but never initializes OpenTelemetry on the path from main: every span and metric goes to the no-op provider and traces break at this service; call the team's setup (policy.otel_setup) or install a provider with otel.SetTracerProvider before serving",
			strings.Join(kinds, " and ")),
		Related: related,
	})
}

// matchAny reports whether the module-relative directory rel matches one
// of globs ("." is the module root).
func matchAny(globs []string, rel string) bool {
	for _, g := range globs {
		if policy.MatchGlob(g, rel) || rel == "." && (g == "." || g == "**") {
			return true
		}
	}
	return false
}
