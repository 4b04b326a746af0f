package metricapi

import (
	"fmt"
	"go/ast"
	"go/types"
	"maps"
	"reflect"
	"strings"
	"sync"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/apis/otelattr"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/report"
	"golang.org/x/tools/go/analysis"
)

// Analyzer finds the package's metric wrappers (functions that define or
// record metrics from their parameters) and exports them as facts. Its
// result is the index of every wrapper the package may call, for the
// rules' Model. It needs no policy, so metricnaming and labelcardinality
// share one.
var Analyzer = &analysis.Analyzer{
	Name:             "obscheckmetricwrappers",
	Doc:              "find functions that define or record metrics for their callers",
	Requires:         []*analysis.Analyzer{eval.Analyzer},
	Run:              runWrappers,
	ResultType:       reflect.TypeOf((*Wrappers)(nil)),
	FactTypes:        []analysis.Fact{new(wrapperFact)},
	RunDespiteErrors: true,
}

type wrapperFact struct{ W Wrapper }

func (*wrapperFact) AFact() {}

func (f *wrapperFact) String() string {
	return fmt.Sprintf("metric wrapper: %d defs, rec %d pairs %v, pairs-of %d", len(f.W.Defs), f.W.Rec, f.W.Pairs, f.W.PairsOf)
}

// Wrappers indexes the wrappers a package may call: its own and, through
// facts, those of the packages it imports.
type Wrappers struct {
	fns   map[*types.Func]*Wrapper
	names map[string]bool // their spelled names: most calls need no callee lookup
}

func (ws *Wrappers) add(fn *types.Func, w *Wrapper) {
	ws.fns[fn] = w
	ws.names[fn.Name()] = true
}

// Of returns the wrapper fn is, or nil.
func (ws *Wrappers) Of(fn *types.Func) *Wrapper {
	if ws == nil || fn == nil {
		return nil
	}
	return ws.fns[fn.Origin()]
}

func (ws *Wrappers) of(info *types.Info, call *ast.CallExpr) (*Wrapper, *types.Func) {
	if ws == nil || len(ws.fns) == 0 || !ws.names[funcname.Spelled(call)] {
		return nil, nil
	}
	fn := funcname.Callee(info, call)
	if fn == nil {
		return nil, nil
	}
	return ws.fns[fn.Origin()], fn
}

const attrPkg = "go.opentelemetry.io/otel/attribute"

func runWrappers(pass *analysis.Pass) (any, error) {
	ws := &Wrappers{fns: map[*types.Func]*Wrapper{}, names: map[string]bool{}}
	info := pass.TypesInfo
	if info == nil || pass.Pkg == nil {
		return ws, nil
	}
	// All wrappers of the dependencies, not only those called here: a
	// method called through an interface is not among the used objects.
	for _, of := range pass.AllObjectFacts() {
		fn, ok := of.Object.(*types.Func)
		f, isW := of.Fact.(*wrapperFact)
		if ok && isW && fn.Pkg() != pass.Pkg && sameModule(pass, fn.Pkg()) {
			w := f.W
			ws.add(fn, &w)
		}
	}
	if apis.IsLibrary(pass.Pkg.Path()) {
		return ws, nil
	}
	pkgs := Packages()
	if !apis.UsesFunc(info, pkgs, func(fn *types.Func) bool {
		return ws.fns[fn] != nil || fn.Pkg() != nil && fn.Pkg().Path() == attrPkg
	}) && !(len(ws.fns) > 0 && declaresInterface(pass.Pkg)) {
		return ws, nil
	}
	l, _ := pass.ResultOf[eval.Analyzer].(*eval.Locals)
	m := New(info, pass.Files, l)
	m.Wrappers = ws
	var decls []*ast.FuncDecl
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				decls = append(decls, fd)
			}
		}
	}
	// A wrapper may call a wrapper declared below it: derive until nothing
	// new is found (each round can only add a level of helpers).
	for round := 0; round < 4; round++ {
		changed := false
		for _, fd := range decls {
			fn, _ := info.Defs[fd.Name].(*types.Func)
			if fn == nil || ws.fns[fn] != nil {
				continue
			}
			if w := derive(pass, m, fd, fn); w != nil {
				ws.add(fn, w)
				changed = true
			}
		}
		if interfaces(pass, ws, decls) {
			changed = true
		}
		if !changed {
			break
		}
	}
	for fn, w := range ws.fns {
		if fn.Pkg() == pass.Pkg && fn.Exported() {
			pass.ExportObjectFact(fn, &wrapperFact{W: *w})
		}
	}
	return ws, nil
}

// sameModule reports whether pkg belongs to the module of the package
// under analysis. Wrappers are the project's own helpers: drivers differ
// in whether they analyze other modules at all (go vet does, the obscheck
// CLI computes facts only for the named packages' module), so a helper of
// another module is never a wrapper, and the findings are the same under
// every driver.
func sameModule(pass *analysis.Pass, pkg *types.Package) bool {
	if pass.Module == nil || pass.Module.Path == "" {
		return true
	}
	p, m := pkg.Path(), pass.Module.Path
	return p == m || strings.HasPrefix(p, m+"/")
}

// derive reads what fd does with its parameters.
func derive(pass *analysis.Pass, m *Model, fd *ast.FuncDecl, fn *types.Func) *Wrapper {
	info := m.Info
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Params().Len() == 0 {
		return nil
	}
	idx := map[*types.Var]int{}
	for i := range sig.Params().Len() {
		idx[sig.Params().At(i)] = i
	}
	modified := modifiedParams(info, fd.Body, idx)
	param := func(e ast.Expr) (int, bool) {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return -1, false
		}
		v, _ := info.Uses[id].(*types.Var)
		i, ok := idx[v]
		return i, ok && !modified[v]
	}
	// A parameter, or a field of a struct (pointer) parameter: the
	// options struct of helpers like NewCounterVec(&CounterVecOpts{...}).
	m.sub = func(e ast.Expr) (string, bool) {
		switch e := e.(type) {
		case *ast.Ident:
			if i, ok := param(e); ok {
				return eval.Marker(i, ""), true
			}
		case *ast.SelectorExpr:
			if i, ok := param(e.X); ok && isStructParam(sig.Params().At(i).Type()) {
				return eval.Marker(i, e.Sel.Name), true
			}
		}
		return "", false
	}
	defer func() { m.sub = nil }()
	paramOf := func(e ast.Expr) (int, bool) {
		if e == nil {
			return -1, false
		}
		id, ok := m.resolve(e).(*ast.Ident)
		if !ok {
			return -1, false
		}
		v, _ := info.Uses[id].(*types.Var)
		i, ok := idx[v]
		if !ok || modified[v] {
			return -1, false
		}
		return i, true
	}
	// p[i] of a parameter p: an element of a name, value list.
	indexed := func(e ast.Expr) (int, bool) {
		ix, ok := ast.Unparen(e).(*ast.IndexExpr)
		if !ok {
			return -1, false
		}
		id, ok := ast.Unparen(ix.X).(*ast.Ident)
		if !ok {
			return -1, false
		}
		v, _ := info.Uses[id].(*types.Var)
		i, ok := idx[v]
		return i, ok && !modified[v]
	}
	w := &Wrapper{}
	rec, recPairs, records := -1, false, false
	pairs := map[int]bool{}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			// lbls[p[i]] = p[i+1] with lbls a prometheus.Labels
			for _, lhs := range n.Lhs {
				if ix, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok && funcname.TypeIs(info.TypeOf(ix.X), prom+".Labels") {
					if i, ok := indexed(ix.Index); ok {
						pairs[i] = true
					}
				}
			}
			return true
		case *ast.CallExpr:
		default:
			return true
		}
		call := n.(*ast.CallExpr)
		for _, d := range m.DefineAll(call) {
			if d.Style == StyleConst {
				continue
			}
			if def, ok := m.defOf(d, paramOf, sig); ok {
				w.Defs = append(w.Defs, def)
				if !w.pos.IsValid() {
					w.pos = call.Pos()
				}
			}
		}
		if cw, cfn := m.wrapped(call); cw != nil {
			if cw.Rec != 0 {
				records = true
				if i, ok := paramOf(arg(call, cw.Rec)); ok && (call.Ellipsis.IsValid() || !variadicAt(cfn, cw.Rec)) {
					rec, recPairs = i, cw.Pairs
					w.pos = call.Pos()
				}
			}
			if cw.PairsOf != 0 {
				if i, ok := paramOf(arg(call, cw.PairsOf)); ok {
					pairs[i] = true
				}
			}
			return true
		}
		if !tableFilter().May(call) && !attrKeyFilter().May(call) {
			return true
		}
		name := funcname.CalleeName(info, call)
		if style, ok := Users[name]; ok {
			records = true
			if !w.pos.IsValid() {
				w.pos = call.Pos()
			}
			if style == UseValues && call.Ellipsis.IsValid() && len(call.Args) > 0 {
				if i, ok := paramOf(call.Args[len(call.Args)-1]); ok {
					rec, recPairs = i, false
					w.pos = call.Pos()
				}
			}
			return true
		}
		if (otelattr.Constructors[name] || isAttrKeyConversion(info, call)) && len(call.Args) > 0 {
			if i, ok := indexed(call.Args[0]); ok {
				pairs[i] = true
			}
		}
		return true
	})
	switch {
	case rec >= 0:
		w.Rec, w.Pairs = Arg(rec+1), recPairs
	default:
		for i := range sig.Params().Len() {
			if !pairs[i] || !isStringSlice(sig.Params().At(i).Type()) {
				continue
			}
			if records {
				w.Rec, w.Pairs = Arg(i+1), true
			} else {
				w.PairsOf = Arg(i + 1)
			}
			break
		}
	}
	if len(w.Defs) == 0 && w.Rec == 0 && w.PairsOf == 0 {
		return nil
	}
	if len(w.Defs) > 4 {
		w.Defs = w.Defs[:4]
	}
	w.Func = shortName(fn)
	w.At = report.PositionOf(pass.Fset, w.pos)
	return w
}

// attrKeyFilter spells the calls that may make an attribute from a key:
// the constructors and the attribute.Key conversion.
var attrKeyFilter = sync.OnceValue(func() funcname.Filter {
	f := funcname.NewFilter(maps.Keys(otelattr.Constructors))
	f["Key"] = true
	return f
})

// isAttrKeyConversion reports whether call is attribute.Key(x).
func isAttrKeyConversion(info *types.Info, call *ast.CallExpr) bool {
	tv, ok := info.Types[call.Fun]
	return ok && tv.IsType() && funcname.TypeIs(tv.Type, attrPkg+".Key")
}

// isStructParam reports whether t is a struct or a pointer to one.
func isStructParam(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

func isStringSlice(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.String
}

func variadicAt(fn *types.Func, a Arg) bool {
	sig, _ := fn.Type().(*types.Signature)
	return sig != nil && sig.Variadic() && a.Index() == sig.Params().Len()-1
}

// defOf describes definition d, made in a wrapper's body, in terms of the
// wrapper's parameters; ok is false if d depends on none of them.
func (m *Model) defOf(d *Definition, paramOf func(ast.Expr) (int, bool), sig *types.Signature) (Def, bool) {
	def := Def{Lib: d.Lib, Kind: d.Kind, Style: d.Style, UnitHidden: d.UnitHidden}
	if d.OptsExpr != nil {
		if i, ok := paramOf(d.OptsExpr); ok {
			def.Opts = Arg(i + 1)
		}
	}
	def.Name = tmplOf(d.Name)
	def.Help = tmplOf(d.Help)
	if def.Opts == 0 && def.Name.Param == 0 {
		// prometheus.CounterOpts{Namespace: cfg.Namespace, Name: cfg.Name, ...}:
		// the caller's struct is read like Opts.
		if i, ok := m.optsFields(d.NameExpr, paramOf); ok {
			def.Opts, def.Help = Arg(i+1), Tmpl{}
		}
	}
	switch {
	case d.Unit != "":
		def.Unit = tmplOf(eval.Value{Known: true, Value: d.Unit})
	case d.UnitExpr != nil || d.UnitSet:
		def.UnitHidden = true // a unit is set, its value unknown
	}
	if d.LabelsExpr != nil {
		if i, ok := paramOf(d.LabelsExpr); ok {
			def.Labels = Arg(i + 1)
			def.LabelsVariadic = sig.Variadic() && i == sig.Params().Len()-1
		} else if sel, ok := m.resolve(d.LabelsExpr).(*ast.SelectorExpr); ok {
			if i, ok := paramOf(sel.X); ok && isStructParam(sig.Params().At(i).Type()) {
				def.Labels, def.LabelsField = Arg(i+1), sel.Sel.Name
			}
		}
	}
	def.Reg, def.Registered = m.registration(d)
	dep := def.Opts != 0 || def.Name.Param != 0 || def.Help.Param != 0 || def.Unit.Param != 0 || def.Labels != 0
	return def, dep
}

// optsFields reports whether e is an Opts literal whose name parts (and
// help) are the same-named fields of one struct parameter.
func (m *Model) optsFields(e ast.Expr, paramOf func(ast.Expr) (int, bool)) (int, bool) {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return -1, false
	}
	p, hasName := -1, false
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return -1, false
		}
		key, _ := kv.Key.(*ast.Ident)
		if key == nil {
			return -1, false
		}
		switch key.Name {
		case "Namespace", "Subsystem", "Name", "Help":
		default:
			continue
		}
		sel, ok := ast.Unparen(kv.Value).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != key.Name {
			return -1, false
		}
		i, ok := paramOf(sel.X)
		if !ok || p >= 0 && i != p {
			return -1, false
		}
		p, hasName = i, hasName || key.Name == "Name"
	}
	return p, hasName
}

// modifiedParams are the parameters the body assigns to (or to a field
// of), increments or takes the address of: their value at a library call
// is not the caller's argument.
func modifiedParams(info *types.Info, body *ast.BlockStmt, idx map[*types.Var]int) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	root := func(e ast.Expr) {
		for i := 0; i < 8; i++ {
			switch x := ast.Unparen(e).(type) {
			case *ast.Ident:
				if v, ok := info.Uses[x].(*types.Var); ok {
					if _, ok := idx[v]; ok {
						out[v] = true
					}
				}
				return
			case *ast.SelectorExpr:
				e = x.X
			case *ast.IndexExpr:
				e = x.X
			case *ast.StarExpr:
				e = x.X
			default:
				return
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if ix, ok := ast.Unparen(l).(*ast.IndexExpr); ok && funcname.TypeIs(info.TypeOf(ix.X), prom+".Labels") {
					continue // filling a map is not changing the parameter it is built from
				}
				root(l)
			}
		case *ast.IncDecStmt:
			root(n.X)
		case *ast.UnaryExpr:
			if n.Op.String() == "&" {
				root(n.X)
			}
		case *ast.RangeStmt:
			root(n.Key)
			if n.Value != nil {
				root(n.Value)
			}
		}
		return true
	})
	return out
}

// interfaces gives an interface method of this package the wrapper its
// implementations in this package share (no-op implementations aside):
// calls through the interface are then judged like calls of the wrapper.
func interfaces(pass *analysis.Pass, ws *Wrappers, decls []*ast.FuncDecl) (added bool) {
	empty := map[*types.Func]bool{}
	for _, fd := range decls {
		if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && noop(fd.Body) {
			empty[fn] = true
		}
	}
	scope := pass.Pkg.Scope()
	concrete := apis.ConcreteTypes(pass.Pkg)
	// Implementations in imported packages (the interface's package often
	// builds the implementation it hands out): those with wrapper methods.
	seen := map[*types.TypeName]bool{}
	for fn := range ws.fns {
		sig, _ := fn.Type().(*types.Signature)
		if fn.Pkg() == pass.Pkg || sig == nil || sig.Recv() == nil {
			continue
		}
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok && !seen[n.Obj()] {
			if _, isIface := n.Underlying().(*types.Interface); !isIface {
				seen[n.Obj()] = true
				concrete = append(concrete, types.NewPointer(n))
			}
		}
	}
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok || iface.NumMethods() == 0 {
			continue
		}
		var impls []types.Type
		for _, t := range concrete {
			if types.Implements(t, iface) {
				impls = append(impls, t)
			}
		}
		for i := range iface.NumMethods() {
			im := iface.Method(i)
			if im.Pkg() != pass.Pkg || ws.fns[im] != nil {
				continue
			}
			var found *Wrapper
			agree := len(impls) > 0
			for _, t := range impls {
				obj, _, _ := types.LookupFieldOrMethod(t, true, im.Pkg(), im.Name())
				fn, _ := obj.(*types.Func)
				if fn == nil || empty[fn] {
					continue
				}
				w := ws.fns[fn]
				if w == nil || found != nil && !found.same(w) {
					agree = false
					break
				}
				found = w
			}
			if agree && found != nil {
				ws.add(im, found)
				added = true
			}
		}
	}
	return added
}

// declaresInterface reports whether pkg declares an interface type (which
// an imported wrapper type may implement).
func declaresInterface(pkg *types.Package) bool {
	for _, name := range pkg.Scope().Names() {
		if tn, ok := pkg.Scope().Lookup(name).(*types.TypeName); ok && types.IsInterface(tn.Type()) {
			return true
		}
	}
	return false
}

// noop reports whether a body does nothing (a null implementation).
func noop(body *ast.BlockStmt) bool {
	for _, s := range body.List {
		r, ok := s.(*ast.ReturnStmt)
		if !ok {
			return false
		}
		for _, e := range r.Results {
			switch e := ast.Unparen(e).(type) {
			case *ast.Ident: // nil, a zero value
			case *ast.CompositeLit:
				if len(e.Elts) > 0 {
					return false
				}
			case *ast.UnaryExpr:
				if lit, ok := ast.Unparen(e.X).(*ast.CompositeLit); !ok || len(lit.Elts) > 0 {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}

// shortName is "pkg.Func" or "pkg.Type.Method" for messages.
func shortName(fn *types.Func) string {
	pkg := ""
	if fn.Pkg() != nil {
		pkg = fn.Pkg().Name() + "."
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return pkg + n.Obj().Name() + "." + fn.Name()
		}
	}
	return pkg + fn.Name()
}
