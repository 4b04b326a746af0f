// Package execidfield implements the execidfield rule: require the correlation field on WARN and ERROR log calls.
//
// The rule is split by what each part decides: collecting the stores into
// variables and fields (collect.go), whether a logger expression carries
// the key (carries.go), what other packages learn (facts.go), logger
// parameters judged at their call sites (params.go), calls that are not
// judged (exclude.go), and the finding and its fix (diagnostic.go, fix.go).
package execidfield

import (
	"go/ast"
	"go/types"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/apis/logapi"
	"github.com/obscheck/obscheck/internal/apis/logapi/logwrap"
	"github.com/obscheck/obscheck/internal/directives"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// Name is the rule name.
const Name = "execidfield"

// Analyzer is the execidfield rule with the default policy source: the
// analyzer's flags, $OBSCHECK_CONFIG or the nearest .obscheck.yaml (go vet,
// golangci-lint, nogo).
var Analyzer = New(nil)

// New returns the execidfield rule reading each package's policy from src.
func New(src *policy.Source) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: Name,
		Doc: `require the correlation field on WARN and ERROR log calls

Every log call at WARN, ERROR, DPANIC, PANIC or FATAL level (the levels of
rules.execidfield.levels) must carry a field named in policy.correlation_keys
(execution_id by default), in log/slog, zap, zerolog, logrus, logr, klog,
hclog and go-kit/log (level.Error(l).Log), and through the project's own
log wrappers (functions and methods passing their parameters on to a log
call, or deriving a logger from them; a Logger interface whose
implementations all do), judged at the wrapper's call site. The field counts when it is passed at the call, or carried by the logger:
derived earlier in the same function (l := log.With("execution_id", id)),
returned by a function that always returns a logger carrying it (known across
packages), stored in a struct field or package variable every store into
which carries it, passed to a parameter of an unexported function by every
call site, or returned by a configured carrier. With context_handler, slog
calls given a context are trusted to get it from the team's handler. Test
files and log adapters relaying their caller's message (Write(p []byte),
Println(args ...any)) are skipped, and so is start-up code, outside any
execution (skip_startup: entry points, functions that start serving, the
functions only they call, functional options; closures taking a request or
a message inside them are checked).`,
		URL:        "https://github.com/obscheck/obscheck/blob/main/docs/rules.md#execidfield",
		Requires:   []*analysis.Analyzer{inspect.Analyzer, directives.New(src), logwrap.Analyzer},
		Run:        func(pass *analysis.Pass) (any, error) { return run(pass, src) },
		ResultType: report.ResultType,
		FactTypes:  []analysis.Fact{new(carriesFact), new(servesFact)},
	}
	policy.RegisterFlags(&a.Flags)
	return a
}

type checker struct {
	pass     *analysis.Pass
	r        *report.Reporter
	keys     []string
	carriers funcname.Set

	assigns map[*types.Var][]assign
	returns map[*types.Func][]*ast.ReturnStmt
	decls   map[*types.Func]*ast.FuncDecl

	varMemo  map[*types.Var]string
	funcMemo map[*types.Func]string
	busyVar  map[*types.Var]bool
	busyFunc map[*types.Func]bool

	// Parameters of unexported functions: carried when every call site in
	// the package passes a carrying logger.
	params    map[*types.Var]param
	ins       *inspector.Inspector
	wrappers  *logwrap.Result                 // the project's log wrappers
	callSites map[*types.Func][]*ast.CallExpr // built on first use: indexCalls
	escapes   map[*types.Func]bool
	paramMemo map[*types.Var]string
}

type param struct {
	fn  *types.Func
	idx int
}

type candidate struct {
	call  *ast.CallExpr
	decl  *ast.FuncDecl // outermost enclosing function declaration, nil at package level
	fn    ast.Node      // innermost enclosing function (declaration or closure), nil at package level
	ftype *ast.FuncType // its signature
}

func run(pass *analysis.Pass, src *policy.Source) (any, error) {
	r, pol, err := report.Begin(pass, Name, src)
	if r == nil {
		return report.Disabled(Name), err
	}
	opts := pol.Rules.ExecIDField
	c := &checker{
		pass:     pass,
		r:        r,
		keys:     pol.Policy.CorrelationKeys,
		carriers: funcname.NewSet(opts.Carriers),
		assigns:  map[*types.Var][]assign{},
		returns:  map[*types.Func][]*ast.ReturnStmt{},
		decls:    map[*types.Func]*ast.FuncDecl{},
		varMemo:  map[*types.Var]string{},
		funcMemo: map[*types.Func]string{},
		busyVar:  map[*types.Var]bool{},
		busyFunc: map[*types.Func]bool{},

		params:    map[*types.Var]param{},
		paramMemo: map[*types.Var]string{},
	}
	if len(c.keys) == 0 || pass.TypesInfo == nil {
		return r.Result(), nil
	}
	levels := map[logapi.Level]bool{}
	for _, l := range opts.Levels {
		if lv, ok := logapi.ParseLevel(l); ok {
			levels[lv] = true
		}
	}

	ins, ok := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if !ok {
		return r.Result(), nil
	}
	var lc *lifecycle
	if opts.SkipStartup {
		lc = newLifecycle(pass, ins)
		lc.exportFacts() // before the skip below: importers need them
	}
	c.wrappers, _ = pass.ResultOf[logwrap.Analyzer].(*logwrap.Result)
	if !relevant(pass) && !c.wrappers.Any() {
		return r.Result(), nil
	}
	c.ins = ins
	var cands []candidate
	loggerFuncs := map[*ast.FuncDecl]*types.Func{}
	filter := []ast.Node{
		(*ast.FuncDecl)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil),
		(*ast.CompositeLit)(nil), (*ast.ReturnStmt)(nil), (*ast.CallExpr)(nil),
	}
	for cur := range ins.Root().Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			if fn, ok := pass.TypesInfo.Defs[n.Name].(*types.Func); ok {
				c.decls[fn] = n
				c.recordParams(fn, n)
				if returnsLogger(fn) {
					loggerFuncs[n] = fn
				}
			}
		case *ast.AssignStmt:
			c.assignStmt(n, cur.Parent().Node())
		case *ast.ValueSpec:
			c.valueSpec(n, declParent(cur))
		case *ast.CompositeLit:
			c.compositeLit(n)
		case *ast.ReturnStmt:
			// Only the returns of functions returning a logger are
			// followed (computeFunc).
			if fn := loggerFuncs[innermostFunc(cur)]; fn != nil {
				c.returns[fn] = append(c.returns[fn], n)
			}
		case *ast.CallExpr:
			c.mutatingCall(n, enclosingBlock(cur))
			if logapi.MayLogWrapped(n, c.wrappers) {
				fd, fn, ft := enclosingFuncs(cur)
				cands = append(cands, candidate{call: n, decl: fd, fn: fn, ftype: ft})
			}
		}
	}

	c.exportFacts()

	for _, cd := range cands {
		if r.Skip(cd.call.Pos()) {
			continue
		}
		call, ok := logapi.DecodeWrapped(pass.TypesInfo, cd.call, c.resolve, c.wrappers)
		if !ok || !call.Structured || !call.LevelKnown || !levels[call.Level] {
			continue
		}
		if c.forwards(call, cd.ftype) {
			continue // a log adapter (io.Writer, Println) relaying its caller's message
		}
		correlated := c.fieldsCarry(call.Fields) != "" ||
			call.Logger != nil && c.carries(call.Logger, call.Call.Pos()) != "" ||
			opts.ContextHandler && call.Lib == apis.Slog && call.HasCtx && !isEmptyContext(pass.TypesInfo, call.Ctx)
		record(r, pass.TypesInfo, call, correlated)
		if cd.decl != nil && excluded(pass, cd.decl, opts.ExcludeFunctions) {
			continue // listed in the inventory, not judged
		}
		if lc != nil && lc.outside(cd.fn) {
			continue // start-up code: no execution to tie the line to
		}
		if !correlated {
			r.Report(c.diagnostic(call))
		}
	}
	return r.Result(), nil
}
