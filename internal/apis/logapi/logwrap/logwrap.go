// Package logwrap finds a project's own log wrappers, as x/tools' printf
// pass finds printf wrappers. A function or method that hands its
// parameters to a log call,
//
//	func (l *Logger) Error(msg string, args ...any) { l.s.Error(msg, args...) }
//
// logs like the library function it calls, with the same roles for its
// parameters; one that returns a logger derived with fields from its
// parameters,
//
//	func (l *L) WithField(k string, v any) *L { return &L{l.Entry.WithField(k, v)} }
//
// is a derivation. Wrappers of wrappers count (within the package and
// across packages, by fact), and so does a method of an interface every
// implementation of which in the interface's package is the same wrapper
// (a project Logger interface). The rules decode calls of wrappers as the
// library calls they stand for (logapi.DecodeWrapped), judged at the
// wrapper's call sites with the wrapper as related location.
package logwrap

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"
	"sync"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/apis/logapi"
	"github.com/obscheck/obscheck/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// Wrapper is the fact about a wrapper function: it logs (or, with
// Derive, derives a logger) as Lib's functions do, its parameters having
// the roles Args ("msg kv..."), at Level.
type Wrapper struct {
	Lib    string
	Derive bool
	Level  apis.Level
	Args   string
	At     report.Position // the wrapped call
}

// AFact marks Wrapper as a fact.
func (*Wrapper) AFact() {}

func (w *Wrapper) String() string {
	kind := "logs"
	if w.Derive {
		kind = "derives"
	}
	return fmt.Sprintf("%s %s %s(%s)", kind, w.Lib, w.Level, w.Args)
}

// Analyzer finds the package's log wrappers and exports them as facts.
var Analyzer = &analysis.Analyzer{
	Name:       "logwrap",
	Doc:        "find functions and methods that wrap a log call or a logger derivation",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeOf((*Result)(nil)),
	FactTypes:  []analysis.Fact{new(Wrapper)},
}

// Result is every wrapper the package declares or uses. It implements
// logapi.Wrappers.
type Result struct {
	funcs map[*types.Func]*Wrapper
	names map[string]bool
}

var _ logapi.Wrappers = (*Result)(nil)

// Wrapper implements logapi.Wrappers.
func (r *Result) Wrapper(fn *types.Func) (*apis.Library, apis.LogFunc, bool, bool) {
	if r == nil || fn == nil {
		return nil, apis.LogFunc{}, false, false
	}
	w, ok := r.funcs[fn.Origin()]
	if !ok {
		return nil, apis.LogFunc{}, false, false
	}
	lib := library(w.Lib)
	return lib, apis.LogFunc{Level: w.Level, Args: w.Args}, w.Derive, lib != nil
}

// May implements logapi.Wrappers.
func (r *Result) May(name string) bool { return r != nil && (name == "" || r.names[name]) }

// Any reports whether the package declares or uses a wrapper.
func (r *Result) Any() bool { return r != nil && len(r.funcs) > 0 }

// At is where wrapper fn makes the call it wraps.
func (r *Result) At(fn *types.Func) report.Position {
	if w := r.funcs[fn.Origin()]; w != nil {
		return w.At
	}
	return report.Position{}
}

func library(name string) *apis.Library { return byName()[name] }

var byName = sync.OnceValue(func() map[string]*apis.Library {
	m := map[string]*apis.Library{}
	for _, l := range apis.Logging() {
		m[l.Name] = l
	}
	return m
})

func run(pass *analysis.Pass) (any, error) {
	res := &Result{funcs: map[*types.Func]*Wrapper{}, names: map[string]bool{}}
	if pass.TypesInfo == nil || pass.Pkg == nil || report.Dependency(pass) {
		// A dependency's wrappers are not looked for: the rules do
		// nothing there in any driver, so every driver sees the same facts.
		return res, nil
	}
	// What the package uses of other packages' wrappers.
	for _, obj := range pass.TypesInfo.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg() == pass.Pkg || apis.IsLibrary(fn.Pkg().Path()) {
			continue
		}
		fn = fn.Origin()
		if _, done := res.funcs[fn]; done {
			continue
		}
		var w Wrapper
		if pass.ImportObjectFact(fn, &w) {
			res.add(fn, &w)
		}
	}
	if apis.IsLibrary(pass.Pkg.Path()) {
		return res, nil
	}
	ins, _ := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if ins == nil {
		return res, nil
	}
	var decls []*ast.FuncDecl
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil)) {
		if fd := cur.Node().(*ast.FuncDecl); fd.Body != nil {
			decls = append(decls, fd)
		}
	}
	// Wrappers of wrappers in the same package: a few rounds, until
	// nothing new is found.
	for round := 0; round < 4; round++ {
		found := false
		for _, fd := range decls {
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok || res.funcs[fn] != nil {
				continue
			}
			if w := infer(pass, res, fn, fd); w != nil {
				res.add(fn, w)
				pass.ExportObjectFact(fn, w)
				found = true
			}
		}
		if interfaces(pass, res) {
			found = true
		}
		if !found {
			break
		}
	}
	return res, nil
}

func (r *Result) add(fn *types.Func, w *Wrapper) {
	r.funcs[fn] = w
	r.names[fn.Name()] = true
}

// infer returns the wrapper fact of fn, nil if it is no wrapper.
func infer(pass *analysis.Pass, res *Result, fn *types.Func, fd *ast.FuncDecl) *Wrapper {
	params := paramIndex(pass.TypesInfo, fd)
	for v := range assigned(pass.TypesInfo, fd.Body) {
		// fields = append(fields, ctxzap.TagsToFields(ctx)...): what is
		// passed on is no longer the caller's argument.
		delete(params, v)
	}
	if len(params) == 0 {
		return nil
	}
	sig := fn.Signature()
	if w := inferDerive(pass, res, fn, fd, params); w != nil {
		return w
	}
	var found *Wrapper
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false // a closure's calls are not fn's
		}
		call, ok := n.(*ast.CallExpr)
		if !ok || found != nil {
			return found == nil
		}
		lc, ok := logapi.DecodeWrapped(pass.TypesInfo, call, nil, res)
		if !ok {
			return true
		}
		roles := make([]string, sig.Params().Len())
		for i := range roles {
			roles[i] = "_"
		}
		relayed := false
		set := func(e ast.Expr, role string) bool {
			if i, ok := params[param(pass.TypesInfo, e)]; ok && roles[i] == "_" {
				roles[i] = role
				return true
			}
			return false
		}
		if lc.Msg != nil {
			role := "msg"
			if lc.Format {
				role = "format"
			}
			relayed = set(lc.Msg, role) || relayed
		}
		if lc.HasCtx {
			set(lc.Ctx, "ctx")
		}
		if lc.Err != nil {
			set(lc.Err, "err")
		}
		if rest := spreadRole(pass.TypesInfo, call, lc); rest != "" && sig.Variadic() {
			last := len(call.Args) - 1
			if i, ok := params[param(pass.TypesInfo, call.Args[last])]; ok && i == sig.Params().Len()-1 {
				roles[i] = rest
				relayed = true
			}
		}
		if !relayed {
			return true
		}
		found = &Wrapper{Lib: lc.Lib.Name, Level: lc.Level, Args: strings.Join(roles, " "), At: report.PositionOf(pass.Fset, call.Pos())}
		if !lc.LevelKnown {
			found.Level = apis.Unknown
		}
		return false
	})
	if found != nil && sig.Variadic() && !strings.HasSuffix(found.Args, "...") {
		return nil // its own variadic parameter must be passed on whole
	}
	return found
}

// spreadRole is the role of a call's spread last argument (args...): the
// role of the variadic parameter it fills, "" if the call spreads nothing.
func spreadRole(info *types.Info, call *ast.CallExpr, lc *logapi.Call) string {
	if !call.Ellipsis.IsValid() || len(call.Args) == 0 {
		return ""
	}
	if lc.Format || lc.Args != nil {
		return "args..."
	}
	switch lc.Style {
	case logapi.StyleKV:
		return "kv..."
	case logapi.StyleZap:
		return "fields..."
	case logapi.StyleAttrs:
		return "attrs..."
	}
	if !lc.Structured || lc.Style == logapi.StyleNone || lc.Style == logapi.StyleLogrusChain {
		return "args..."
	}
	return ""
}

// inferDerive: fn returns a logger (or a struct holding one) derived from
// its receiver or a logger parameter with fields from its parameters.
func inferDerive(pass *analysis.Pass, res *Result, fn *types.Func, fd *ast.FuncDecl, params map[*types.Var]int) *Wrapper {
	sig := fn.Signature()
	if sig.Results().Len() != 1 || !holdsLogger(sig.Results().At(0).Type()) {
		return nil
	}
	var w *Wrapper
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if _, isLit := n.(*ast.FuncLit); isLit || !ok {
			return false
		}
		ret, isRet := n.(*ast.ReturnStmt)
		if !isRet {
			return true
		}
		if len(ret.Results) != 1 {
			ok = false
			return false
		}
		got := deriveOf(pass, res, fd, ret.Results[0], params, sig.Params().Len())
		switch {
		case got == nil:
			ok = false
		case w == nil:
			w = got
		case w.Args != got.Args || w.Lib != got.Lib:
			ok = false
		}
		return false
	})
	if !ok {
		return nil
	}
	return w
}

// deriveOf decodes one returned expression: a derivation call, or a
// composite literal of a wrapper type holding one.
func deriveOf(pass *analysis.Pass, res *Result, fd *ast.FuncDecl, e ast.Expr, params map[*types.Var]int, n int) *Wrapper {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if lit, ok := e.(*ast.CompositeLit); ok {
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			if call, ok := ast.Unparen(el).(*ast.CallExpr); ok {
				if w := deriveOf(pass, res, fd, call, params, n); w != nil {
					return w
				}
			}
		}
		return nil
	}
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return nil
	}
	dv, ok := logapi.DecodeDeriveWrapped(pass.TypesInfo, call, res)
	if !ok || dv.Base == nil || !fromReceiver(pass.TypesInfo, fd, dv.Base) {
		return nil
	}
	roles := make([]string, n)
	for i := range roles {
		roles[i] = "_"
	}
	relayed := false
	for _, f := range dv.Fields {
		switch {
		case f.KeyExpr != nil && f.Value != nil:
			ki, kok := params[param(pass.TypesInfo, f.KeyExpr)]
			vi, vok := params[param(pass.TypesInfo, f.Value)]
			if !kok || !vok {
				return nil
			}
			roles[ki], roles[vi] = "key", "value"
			relayed = true
		case f.Opaque && f.Node != nil:
			i, ok := params[param(pass.TypesInfo, f.Node)]
			if !ok {
				return nil
			}
			roles[i] = restRole(pass.TypesInfo, fd, i)
			relayed = true
		default:
			return nil
		}
	}
	if !relayed {
		return nil
	}
	return &Wrapper{Lib: dv.Lib.Name, Derive: true, Args: strings.Join(roles, " "), At: report.PositionOf(pass.Fset, call.Pos())}
}

// restRole is the role of parameter i passed whole as fields: a variadic
// parameter of key-values or zap fields, or a map of fields.
func restRole(info *types.Info, fd *ast.FuncDecl, i int) string {
	fn, _ := info.Defs[fd.Name].(*types.Func)
	sig := fn.Signature()
	p := sig.Params().At(i)
	if sig.Variadic() && i == sig.Params().Len()-1 {
		if s, ok := p.Type().(*types.Slice); ok {
			if iface, ok := s.Elem().Underlying().(*types.Interface); ok && iface.Empty() {
				return "kv..."
			}
			return "fields..."
		}
	}
	return "fieldmap"
}

// fromReceiver: the derivation's base is the method's receiver (or what
// it holds: l.Entry, l.z).
func fromReceiver(info *types.Info, fd *ast.FuncDecl, base ast.Expr) bool {
	if fd.Recv == nil || len(fd.Recv.List) == 0 || len(fd.Recv.List[0].Names) == 0 {
		return false
	}
	recv := info.Defs[fd.Recv.List[0].Names[0]]
	for i := 0; i < 8; i++ {
		switch x := ast.Unparen(base).(type) {
		case *ast.Ident:
			return recv != nil && info.Uses[x] == recv
		case *ast.SelectorExpr:
			base = x.X
		case *ast.StarExpr:
			base = x.X
		default:
			return false
		}
	}
	return false
}

// holdsLogger: a logger type, or a struct (pointer) holding one.
func holdsLogger(t types.Type) bool {
	if logapi.IsLogger(t) {
		return true
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		if logapi.IsLogger(st.Field(i).Type()) {
			return true
		}
	}
	return false
}

func paramIndex(info *types.Info, fd *ast.FuncDecl) map[*types.Var]int {
	out := map[*types.Var]int{}
	i := 0
	for _, f := range fd.Type.Params.List {
		if len(f.Names) == 0 {
			i++
			continue
		}
		for _, n := range f.Names {
			if v, ok := info.Defs[n].(*types.Var); ok {
				out[v] = i
			}
			i++
		}
	}
	return out
}

// assigned returns the variables assigned (or incremented, or whose
// address is taken) in body.
func assigned(info *types.Info, body *ast.BlockStmt) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	mark := func(e ast.Expr) {
		if v := param(info, e); v != nil {
			out[v] = true
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				mark(l)
			}
		case *ast.IncDecStmt:
			mark(n.X)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				mark(n.X)
			}
		}
		return true
	})
	return out
}

// param is the parameter e names, nil if it names none.
func param(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	return v
}

// interfaces: a method of an interface declared here is a wrapper when
// every type of the package implementing the interface has that method
// as the same wrapper. It reports whether it found a new one.
func interfaces(pass *analysis.Pass, res *Result) bool {
	added := false
	scope := pass.Pkg.Scope()
	concrete := apis.ConcreteTypes(pass.Pkg)
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok || iface.NumMethods() == 0 {
			continue
		}
		for i := 0; i < iface.NumExplicitMethods(); i++ {
			m := iface.ExplicitMethod(i)
			var same *Wrapper
			impls := 0
			for _, t := range concrete {
				if !types.Implements(t, iface) {
					continue
				}
				impls++
				obj, _, _ := types.LookupFieldOrMethod(t, true, pass.Pkg, m.Name())
				impl, _ := obj.(*types.Func)
				w := res.funcs[impl]
				if impl == nil || w == nil || same != nil && (w.Lib != same.Lib || w.Derive != same.Derive || w.Level != same.Level || w.Args != same.Args) {
					same, impls = nil, -1
					break
				}
				same = w
			}
			if impls > 0 && same != nil && res.funcs[m] == nil {
				w := *same
				res.add(m, &w)
				pass.ExportObjectFact(m, &w)
				added = true
			}
		}
	}
	return added
}
