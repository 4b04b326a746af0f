// Package execidfield implements the execidfield rule: require the correlation field on WARN and ERROR log calls.
package execidfield

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/apis/logapi"
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
(execution_id by default), in log/slog, zap, zerolog, logrus, logr and klog.
The field counts when it is passed at the call, or carried by the logger:
derived earlier in the same function (l := log.With("execution_id", id)),
returned by a function that always returns a logger carrying it (known across
packages), stored in a struct field or package variable every store into
which carries it, passed to a parameter of an unexported function by every
call site, or returned by a configured carrier. With context_handler, slog
calls given a context are trusted to get it from the team's handler. Test
files and log adapters relaying their caller's message (Write(p []byte),
Println(args ...any)) are skipped.`,
		URL:        "https://github.com/obscheck/obscheck/blob/main/docs/rules.md#execidfield",
		Requires:   []*analysis.Analyzer{inspect.Analyzer, directives.New(src)},
		Run:        func(pass *analysis.Pass) (any, error) { return run(pass, src) },
		ResultType: report.ResultType,
		FactTypes:  []analysis.Fact{new(carriesFact)},
	}
	policy.RegisterFlags(&a.Flags)
	return a
}

// carriesFact marks a function returning, or a struct field / package
// variable holding, a logger that carries a correlation key. Key is the
// key, or "*" when the logger has fields whose keys are not statically
// known (given the benefit of the doubt).
type carriesFact struct{ Key string }

func (*carriesFact) AFact() {}

func (f *carriesFact) String() string { return "carries " + f.Key }

// assign is one store into a variable or field.
type assign struct {
	rhs    ast.Expr // nil: the zero value
	pos    token.Pos
	parent ast.Node // the node holding the statement: its extent is where the store dominates
	opaque bool     // mutated in a way not modelled (zerolog UpdateContext): assume it carries
	zero   bool     // var x T: a zero logger writes nothing (or panics), so it carries vacuously
}

type candidate struct {
	call  *ast.CallExpr
	decl  *ast.FuncDecl // outermost enclosing function declaration, nil at package level
	ftype *ast.FuncType // innermost enclosing function's signature
}

type checker struct {
	pass     *analysis.Pass
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
	callSites map[*types.Func][]*ast.CallExpr // built on first use: indexCalls
	escapes   map[*types.Func]bool
	paramMemo map[*types.Var]string
}

type param struct {
	fn  *types.Func
	idx int
}

func run(pass *analysis.Pass, src *policy.Source) (any, error) {
	r, pol, err := report.Begin(pass, Name, src)
	if r == nil {
		return report.Disabled(Name), err
	}
	opts := pol.Rules.ExecIDField
	c := &checker{
		pass:     pass,
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
	if !ok || !relevant(pass) {
		return r.Result(), nil
	}
	c.ins = ins
	var cands []candidate
	loggerFuncs := map[*ast.FuncDecl]*types.Func{}
	filter := []ast.Node{
		(*ast.FuncDecl)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil),
		(*ast.CompositeLit)(nil), (*ast.ReturnStmt)(nil), (*ast.CallExpr)(nil),
	}
	ins.WithStack(filter, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			if fn, ok := pass.TypesInfo.Defs[n.Name].(*types.Func); ok {
				c.decls[fn] = n
				c.recordParams(fn, n)
				if returnsLogger(fn) {
					loggerFuncs[n] = fn
				}
			}
		case *ast.AssignStmt:
			c.assignStmt(n, parentOf(stack))
		case *ast.ValueSpec:
			c.valueSpec(n, stack)
		case *ast.CompositeLit:
			c.compositeLit(n)
		case *ast.ReturnStmt:
			// Only the returns of functions returning a logger are
			// followed (computeFunc).
			if fn := loggerFuncs[innermostFunc(stack)]; fn != nil {
				c.returns[fn] = append(c.returns[fn], n)
			}
		case *ast.CallExpr:
			c.mutatingCall(n, enclosingBlock(stack))
			if logapi.MayLog(n) {
				cands = append(cands, candidate{call: n, decl: outermostDecl(stack), ftype: innermostFuncType(stack)})
			}
		}
		return true
	})

	c.exportFacts()

	for _, cd := range cands {
		if r.Skip(cd.call.Pos()) {
			continue
		}
		call, ok := logapi.DecodeWith(pass.TypesInfo, cd.call, c.resolve)
		if !ok || !call.Structured || !call.LevelKnown || !levels[call.Level] {
			continue
		}
		if cd.decl != nil && excluded(pass, cd.decl, opts.ExcludeFunctions) {
			continue
		}
		if c.forwards(call, cd.ftype) {
			continue // a log adapter (io.Writer, Println) relaying its caller's message
		}
		if c.fieldsCarry(call.Fields) != "" {
			continue
		}
		if call.Logger != nil && c.carries(call.Logger, call.Call.Pos()) != "" {
			continue
		}
		if opts.ContextHandler && call.Lib == apis.Slog && call.HasCtx && !isEmptyContext(pass.TypesInfo, call.Ctx) {
			continue
		}
		r.Report(c.diagnostic(call))
	}
	return r.Result(), nil
}

// --- Collecting stores ---

func parentOf(stack []ast.Node) ast.Node {
	if len(stack) >= 2 {
		return stack[len(stack)-2]
	}
	return nil
}

// enclosingBlock is the innermost block-like node around the top of stack.
func enclosingBlock(stack []ast.Node) ast.Node {
	for i := len(stack) - 2; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			return stack[i]
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		}
	}
	return nil
}

func innermostFuncType(stack []ast.Node) *ast.FuncType {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit:
			return n.Type
		case *ast.FuncDecl:
			return n.Type
		}
	}
	return nil
}

func innermostFunc(stack []ast.Node) *ast.FuncDecl {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit:
			return nil // a closure's returns are not its enclosing function's
		case *ast.FuncDecl:
			return n
		}
	}
	return nil
}

func outermostDecl(stack []ast.Node) *ast.FuncDecl {
	for _, n := range stack {
		if fd, ok := n.(*ast.FuncDecl); ok {
			return fd
		}
	}
	return nil
}

// target returns the variable or field an assignment's left side names.
func (c *checker) target(lhs ast.Expr) *types.Var {
	switch e := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		v, _ := c.pass.TypesInfo.ObjectOf(e).(*types.Var)
		return v
	case *ast.SelectorExpr:
		if sel, ok := c.pass.TypesInfo.Selections[e]; ok {
			if sel.Kind() == types.FieldVal {
				v, _ := sel.Obj().(*types.Var)
				return v
			}
			return nil
		}
		v, _ := c.pass.TypesInfo.ObjectOf(e.Sel).(*types.Var) // pkg.Var
		return v
	}
	return nil
}

func (c *checker) assignStmt(as *ast.AssignStmt, parent ast.Node) {
	switch {
	case len(as.Lhs) == len(as.Rhs):
		for i, l := range as.Lhs {
			if v := c.target(l); v != nil {
				a := assign{rhs: as.Rhs[i], pos: as.Pos(), parent: parent}
				if as.Tok != token.ASSIGN && as.Tok != token.DEFINE {
					a.rhs, a.opaque = nil, false // x += y: not a logger
				}
				c.assigns[v] = append(c.assigns[v], a)
			}
		}
	case len(as.Rhs) == 1:
		// l, err := newLogger(): the call stands for its logger result.
		for _, l := range as.Lhs {
			if v := c.target(l); v != nil {
				rhs := as.Rhs[0]
				if _, isCall := ast.Unparen(rhs).(*ast.CallExpr); !isCall || !logapi.IsLogger(v.Type()) {
					rhs = nil // v, ok := m[k], x.(T), <-ch: not modelled
					c.assigns[v] = append(c.assigns[v], assign{pos: as.Pos(), parent: parent, opaque: logapi.IsLogger(v.Type())})
					continue
				}
				c.assigns[v] = append(c.assigns[v], assign{rhs: rhs, pos: as.Pos(), parent: parent})
			}
		}
	}
}

func (c *checker) valueSpec(vs *ast.ValueSpec, stack []ast.Node) {
	// The statement holding the declaration (DeclStmt) sits above GenDecl.
	var parent ast.Node
	for i := len(stack) - 2; i >= 0; i-- {
		if _, ok := stack[i].(*ast.GenDecl); ok {
			continue
		}
		if _, ok := stack[i].(*ast.DeclStmt); ok {
			continue
		}
		parent = stack[i]
		break
	}
	for i, name := range vs.Names {
		v, ok := c.pass.TypesInfo.Defs[name].(*types.Var)
		if !ok {
			continue
		}
		a := assign{pos: vs.Pos(), parent: parent}
		switch {
		case len(vs.Values) == len(vs.Names):
			a.rhs = vs.Values[i]
		case len(vs.Values) == 1:
			a.rhs = vs.Values[0]
		case len(vs.Values) == 0:
			a.zero = true
		}
		c.assigns[v] = append(c.assigns[v], a)
	}
}

// compositeLit records the fields a struct literal stores.
func (c *checker) compositeLit(lit *ast.CompositeLit) {
	tv, ok := c.pass.TypesInfo.Types[lit]
	if !ok || tv.Type == nil {
		return
	}
	t := tv.Type
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, el := range lit.Elts {
		var f *types.Var
		val := el
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			id, ok := kv.Key.(*ast.Ident)
			if !ok {
				continue
			}
			f, _ = c.pass.TypesInfo.ObjectOf(id).(*types.Var)
			val = kv.Value
		} else if i < st.NumFields() {
			f = st.Field(i)
		}
		if f != nil {
			c.assigns[f] = append(c.assigns[f], assign{rhs: val, pos: lit.Pos()})
		}
	}
}

// mutatingCall records calls that change a logger in place:
// zerolog's l.UpdateContext(...), and &l passed anywhere.
func (c *checker) mutatingCall(call *ast.CallExpr, parent ast.Node) {
	// The method name first: resolving every call's callee here cost more
	// than the rest of this function.
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "UpdateContext" &&
		funcname.CalleeName(c.pass.TypesInfo, call) == "(*github.com/rs/zerolog.Logger).UpdateContext" {
		if v := c.target(sel.X); v != nil {
			c.assigns[v] = append(c.assigns[v], assign{pos: call.Pos(), parent: parent, opaque: true})
		}
	}
	for _, a := range call.Args {
		if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
			if v := c.target(u.X); v != nil && logapi.IsLogger(v.Type()) {
				c.assigns[v] = append(c.assigns[v], assign{pos: call.Pos(), parent: parent, opaque: true})
			}
		}
	}
}

// resolve follows a local variable with one store to the expression
// stored (for zerolog events and zap CheckedEntries held in variables).
func (c *checker) resolve(id *ast.Ident) ast.Expr {
	v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok {
		return nil
	}
	as := c.assigns[v]
	if len(as) != 1 || as[0].opaque {
		return nil
	}
	return as[0].rhs
}

// --- Does an expression carry the key? ---

// fieldsCarry returns the correlation key the fields carry, "*" when some
// top-level field's key is not statically known, or "".
func (c *checker) fieldsCarry(fields []logapi.Field) string {
	unknown := false
	for _, f := range fields {
		if f.Opaque || !f.Key.Known {
			if f.Group == "" && !f.IsGroup {
				unknown = true
			}
			continue
		}
		if f.IsGroup {
			continue
		}
		if p, ok := f.Path(); ok && slices.Contains(c.keys, p) {
			return p
		}
	}
	if unknown {
		return "*"
	}
	return ""
}

// carries reports the key the logger expression e carries at pos, "" if
// none is known.
func (c *checker) carries(e ast.Expr, pos token.Pos) string {
	info := c.pass.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Type != nil && !logapi.IsLogger(tv.Type) {
		// A struct embedding the logger (type Log struct{ *slog.Logger }):
		// the promoted method logs through the embedded field.
		if f := embeddedLogger(tv.Type); f != nil {
			return c.varCarries(f)
		}
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if dv, ok := logapi.DecodeDerive(info, e); ok {
			if k := c.fieldsCarry(dv.Fields); k != "" {
				return k
			}
			if dv.Base == nil {
				return ""
			}
			return c.carries(dv.Base, pos)
		}
		fn := funcname.Callee(info, e)
		if fn == nil {
			return ""
		}
		if c.carriers[funcname.Of(fn)] {
			return "carrier"
		}
		return c.funcCarries(fn)
	case *ast.Ident:
		v, ok := info.ObjectOf(e).(*types.Var)
		if !ok {
			return ""
		}
		if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
			return c.varCarries(v)
		}
		return c.localCarries(v, pos)
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok {
			if sel.Kind() != types.FieldVal {
				return ""
			}
			if v, ok := sel.Obj().(*types.Var); ok {
				return c.varCarries(v)
			}
			return ""
		}
		if v, ok := info.ObjectOf(e.Sel).(*types.Var); ok {
			return c.varCarries(v) // pkg.Var
		}
	case *ast.StarExpr:
		return c.carries(e.X, pos)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return c.carries(e.X, pos)
		}
	}
	return ""
}

// embeddedLogger returns the embedded logger field of struct type t (or
// of what t points to), nil if there is none.
func embeddedLogger(t types.Type) *types.Var {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for i := 0; i < st.NumFields(); i++ {
		if f := st.Field(i); f.Embedded() && logapi.IsLogger(f.Type()) {
			return f
		}
	}
	return nil
}

// localCarries: the stores that reach pos (the last one dominating it and
// those after it) all carry the key.
func (c *checker) localCarries(v *types.Var, pos token.Pos) string {
	var reach []assign
	dominated := false
	as := c.assigns[v]
	for i := len(as) - 1; i >= 0; i-- {
		a := as[i]
		if a.pos >= pos {
			continue
		}
		reach = append(reach, a)
		if a.parent != nil && a.parent.Pos() <= pos && pos < a.parent.End() {
			dominated = true
			break
		}
	}
	entry := ""
	if !dominated {
		// A parameter, or stores only in branches not covering pos.
		if entry = c.paramCarries(v); entry == "" {
			return ""
		}
	}
	if c.busyVar[v] {
		return ""
	}
	c.busyVar[v] = true
	defer delete(c.busyVar, v)
	key := entry
	for _, a := range reach {
		k := c.storeCarries(a)
		if k == "" {
			return ""
		}
		key = k
	}
	return key
}

func (c *checker) storeCarries(a assign) string {
	if a.opaque || a.zero {
		return "*"
	}
	if a.rhs == nil {
		return ""
	}
	return c.carries(a.rhs, a.pos)
}

// varCarries: every store into a field or package variable carries the
// key (fields and variables of other packages: by fact).
func (c *checker) varCarries(v *types.Var) string {
	if v.Pkg() != c.pass.Pkg {
		var f carriesFact
		if c.pass.ImportObjectFact(v, &f) && c.factKey(f.Key) {
			return f.Key
		}
		return ""
	}
	if k, ok := c.varMemo[v]; ok {
		return k
	}
	if c.busyVar[v] {
		return ""
	}
	c.busyVar[v] = true
	defer delete(c.busyVar, v)
	key := ""
	as := c.assigns[v]
	for _, a := range as {
		k := c.storeCarries(a)
		if k == "" {
			key = ""
			break
		}
		key = k
	}
	c.varMemo[v] = key
	return key
}

// funcCarries: every return of fn yields loggers carrying the key.
func (c *checker) funcCarries(fn *types.Func) string {
	fn = fn.Origin()
	if fn.Pkg() != c.pass.Pkg {
		var f carriesFact
		if fn.Pkg() != nil && c.pass.ImportObjectFact(fn, &f) && c.factKey(f.Key) {
			return f.Key
		}
		return ""
	}
	if k, ok := c.funcMemo[fn]; ok {
		return k
	}
	if c.busyFunc[fn] {
		return ""
	}
	c.busyFunc[fn] = true
	defer delete(c.busyFunc, fn)
	key := c.computeFunc(fn)
	c.funcMemo[fn] = key
	return key
}

// relevant reports whether the package can have a finding or a fact. A
// finding is at a call of the log tables; facts are about functions
// returning loggers and about logger fields and package variables. A
// package with none of them is done after one pass over the objects it
// uses and declares, instead of the whole analysis.
func relevant(pass *analysis.Pass) bool {
	if apis.UsesFunc(pass.TypesInfo, logapi.Packages(), nil) {
		return true
	}
	for _, obj := range pass.TypesInfo.Defs {
		switch o := obj.(type) {
		case *types.Func:
			if returnsLogger(o) {
				return true
			}
		case *types.Var:
			if (o.IsField() || o.Parent() == pass.Pkg.Scope()) && logapi.IsLogger(o.Type()) {
				return true
			}
		}
	}
	return false
}

// returnsLogger reports whether one of fn's results is a logger.
func returnsLogger(fn *types.Func) bool {
	res := fn.Signature().Results()
	for i := 0; i < res.Len(); i++ {
		if logapi.IsLogger(res.At(i).Type()) {
			return true
		}
	}
	return false
}

func (c *checker) computeFunc(fn *types.Func) string {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || c.decls[fn] == nil {
		return ""
	}
	var idx []int
	for i := 0; i < sig.Results().Len(); i++ {
		if logapi.IsLogger(sig.Results().At(i).Type()) {
			idx = append(idx, i)
		}
	}
	rets := c.returns[fn]
	if len(idx) == 0 || len(rets) == 0 {
		return ""
	}
	key := ""
	for _, ret := range rets {
		for _, i := range idx {
			var e ast.Expr
			switch {
			case len(ret.Results) == sig.Results().Len():
				e = ret.Results[i]
			case len(ret.Results) == 1:
				e = ret.Results[0] // return f()
			default:
				return "" // bare return of named results: not modelled
			}
			k := c.carries(e, ret.Pos())
			if k == "" {
				return ""
			}
			key = k
		}
	}
	return key
}

func (c *checker) factKey(k string) bool {
	return k == "*" || k == "carrier" || slices.Contains(c.keys, k)
}

// exportFacts exports what other packages need: functions returning, and
// fields and package variables holding, loggers that carry the key.
func (c *checker) exportFacts() {
	for fn := range c.decls {
		if k := c.funcCarries(fn); k != "" {
			c.pass.ExportObjectFact(fn, &carriesFact{Key: k})
		}
	}
	for v := range c.assigns {
		if v.Pkg() != c.pass.Pkg || !logapi.IsLogger(v.Type()) {
			continue
		}
		if !v.IsField() && v.Parent() != c.pass.Pkg.Scope() {
			continue
		}
		if k := c.varCarries(v); k != "" {
			c.pass.ExportObjectFact(v, &carriesFact{Key: k})
		}
	}
}

// --- Parameters ---

func (c *checker) recordParams(fn *types.Func, fd *ast.FuncDecl) {
	if fd.Type.Params == nil {
		return
	}
	i := 0
	for _, f := range fd.Type.Params.List {
		_, variadic := f.Type.(*ast.Ellipsis)
		names := f.Names
		if len(names) == 0 {
			i++
			continue
		}
		for _, n := range names {
			if v, ok := c.pass.TypesInfo.Defs[n].(*types.Var); ok && !variadic && logapi.IsLogger(v.Type()) {
				c.params[v] = param{fn: fn, idx: i}
			}
			i++
		}
	}
}

// indexCalls records, once per pass and only when a logger parameter is
// asked about, the package's direct calls to its own functions and the
// functions that escape: used other than by a direct call (a func value,
// a method value), whose callers are not all known.
func (c *checker) indexCalls() {
	if c.callSites != nil {
		return
	}
	c.callSites = map[*types.Func][]*ast.CallExpr{}
	c.escapes = map[*types.Func]bool{}
	calledAt := map[*ast.Ident]bool{}
	test := false
	c.ins.Preorder([]ast.Node{(*ast.File)(nil), (*ast.CallExpr)(nil)}, func(n ast.Node) {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			test = strings.HasSuffix(c.pass.Fset.File(n.Pos()).Name(), "_test.go")
			return
		}
		var id *ast.Ident
		switch f := ast.Unparen(call.Fun).(type) {
		case *ast.Ident:
			id = f
		case *ast.SelectorExpr:
			id = f.Sel
		default:
			return
		}
		fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func)
		if !ok || fn.Pkg() != c.pass.Pkg {
			return
		}
		calledAt[id] = true
		if !test { // tests call helpers with plain loggers; the package's own callers decide
			c.callSites[fn] = append(c.callSites[fn], call)
		}
	})
	for id, obj := range c.pass.TypesInfo.Uses {
		if fn, ok := obj.(*types.Func); ok && fn.Pkg() == c.pass.Pkg && !calledAt[id] {
			c.escapes[fn] = true
		}
	}
}

// paramCarries: v is a logger parameter of an unexported function that
// every call site in the package passes a carrying logger to.
func (c *checker) paramCarries(v *types.Var) string {
	p, ok := c.params[v]
	if !ok || p.fn.Exported() {
		return ""
	}
	c.indexCalls()
	if c.escapes[p.fn] || len(c.callSites[p.fn]) == 0 {
		return ""
	}
	if k, ok := c.paramMemo[v]; ok {
		return k
	}
	if c.busyVar[v] {
		return ""
	}
	c.busyVar[v] = true
	defer delete(c.busyVar, v)
	key := ""
	for _, call := range c.callSites[p.fn] {
		if p.idx >= len(call.Args) || call.Ellipsis.IsValid() {
			key = ""
			break
		}
		k := c.carries(call.Args[p.idx], call.Pos())
		if k == "" {
			key = ""
			break
		}
		key = k
	}
	c.paramMemo[v] = key
	return key
}

// --- Exclusions ---

// forwards reports whether the call logs a message relayed from the
// enclosing function's variadic or []byte parameter: a log adapter
// (Println(args ...any), Write(p []byte)) that cannot know the execution.
func (c *checker) forwards(call *logapi.Call, ft *ast.FuncType) bool {
	if ft == nil || ft.Params == nil {
		return false
	}
	relay := map[types.Object]bool{}
	for _, f := range ft.Params.List {
		_, variadic := f.Type.(*ast.Ellipsis)
		for _, n := range f.Names {
			obj := c.pass.TypesInfo.Defs[n]
			if obj == nil {
				continue
			}
			if sl, ok := obj.Type().(*types.Slice); variadic || ok && types.Identical(sl.Elem(), types.Typ[types.Byte]) {
				relay[obj] = true
			}
		}
	}
	if len(relay) == 0 {
		return false
	}
	exprs := append([]ast.Expr{call.Msg}, call.Args...)
	for _, e := range exprs {
		if e != nil && c.uses(e, relay, 0) {
			return true
		}
	}
	return false
}

// uses reports whether e refers to one of objs, following locals with a
// single store a few steps.
func (c *checker) uses(e ast.Expr, objs map[types.Object]bool, depth int) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || found {
			return !found
		}
		obj := c.pass.TypesInfo.Uses[id]
		if objs[obj] {
			found = true
		} else if depth < 3 {
			if r := c.resolve(id); r != nil && c.uses(r, objs, depth+1) {
				found = true
			}
		}
		return !found
	})
	return found
}

func excluded(pass *analysis.Pass, fd *ast.FuncDecl, names []string) bool {
	fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
	full := ""
	if ok {
		full = funcname.Of(fn)
	}
	for _, n := range names {
		if n == fd.Name.Name || (full != "" && n == full) {
			return true
		}
	}
	return false
}

func isEmptyContext(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	switch funcname.CalleeName(info, call) {
	case "context.Background", "context.TODO":
		return true
	}
	return false
}

// --- The finding ---

func (c *checker) diagnostic(call *logapi.Call) analysis.Diagnostic {
	key := c.keys[0]
	want := strconv.Quote(key)
	if len(c.keys) > 1 {
		q := make([]string, len(c.keys))
		for i, k := range c.keys {
			q[i] = strconv.Quote(k)
		}
		want = "any of " + strings.Join(q, ", ")
	}
	how := logapi.AttachHint(call, key)
	if how != "" {
		how = " (" + how + ")"
	}
	d := analysis.Diagnostic{
		Pos: call.Call.Pos(),
		End: call.Call.End(),
		Message: call.Lib.Name + " " + strings.ToUpper(call.Level.String()) + " log without the correlation field " + want +
			": the line cannot be tied to its execution; attach the field once per execution" + how + " or add it to this call",
	}
	if fix, ok := c.fix(call, key); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	return d
}
