package execidfield

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/funcname"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// Outside any execution (rules.execidfield.skip_startup): a log line
// written while the process starts, serves or stops belongs to no
// execution, and no id exists to attach. A function is start-up code when
//
//   - it is an entry point: main (package main), init, or takes a
//     *cobra.Command or *testing.M (a command's Run function, TestMain);
//   - it serves: it calls, itself or in a closure, a function that starts
//     serving or listening or waits for the stop signal (apis.ServeCalls),
//     or a function of the module that does (servesFact, across packages);
//   - every call of it in its package is in start-up code, and it is
//     used only by direct calls (not as a value, not through an interface
//     method of the same name called in the package);
//   - it is a functional option: a closure returned by a function, taking
//     only a pointer to a struct type of the package (func(s *Server)),
//     run when the component is built (it can only log about the
//     option's value);
//
// and it does not take an execution itself (apis.ExecutionTypes: a
// request, a response writer, a consumed message, an RPC stream). A
// closure is start-up code when the function around it is and it takes
// no execution: an HTTP handler or a message callback built during
// start-up is judged. A context.Context parameter does not make an
// execution: start-up code passes one too.
//
// The limit: a function's callers in other packages are not known when
// its package is analyzed (go vet analyzes a package before its
// importers), so a constructor called only from another package's main
// (driver.New(ctx, ...)) is judged; such functions go in
// rules.execidfield.exclude_functions.

// servesFact marks a function that starts serving (see above).
type servesFact struct{}

func (*servesFact) AFact() {}

func (*servesFact) String() string { return "serves" }

type fnode struct {
	node   ast.Node // *ast.FuncDecl or *ast.FuncLit
	parent *fnode   // the function around a closure
	obj    *types.Func
	exec   bool // takes an execution
	entry  bool // an entry point
	option bool // a functional option: configures a component as it is built
	serves bool
	// startup: the greatest fixpoint of the rule above.
	startup bool
	// sites are the calls of a declared function in the package's
	// non-test files, by the function each is in.
	sites []*fnode
}

type lifecycle struct {
	pass     *analysis.Pass
	ins      *inspector.Inspector
	imported map[*types.Func]bool // functions of other packages that serve
	done     bool
	funcs    map[ast.Node]*fnode
	decls    map[*types.Func]*fnode
	// optionLits are the functional options of the package (options).
	optionLits map[*ast.FuncLit]bool
}

var (
	serveCalls = funcname.NewSet(apis.ServeCalls)
	entryTypes = funcname.TypeKeys(set(apis.EntryTypes))
	execTypes  = funcname.TypeKeys(set(apis.ExecutionTypes))
)

func set(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func newLifecycle(pass *analysis.Pass, ins *inspector.Inspector) *lifecycle {
	lc := &lifecycle{pass: pass, ins: ins, imported: map[*types.Func]bool{}}
	for _, f := range pass.AllObjectFacts() {
		if fn, ok := f.Object.(*types.Func); ok {
			if _, ok := f.Fact.(*servesFact); ok {
				lc.imported[fn] = true
			}
		}
	}
	return lc
}

// serving reports whether fn serves, as a library function or by fact.
func (lc *lifecycle) serving(fn *types.Func) bool {
	return lc.imported[fn] || fn.Pkg() != nil && fn.Pkg() != lc.pass.Pkg && serveCalls[funcname.Of(fn)]
}

// exportFacts exports servesFact for the package's functions that serve.
// Only a package calling a serving function can have one: the others are
// done after one pass over the objects they use.
func (lc *lifecycle) exportFacts() {
	uses := false
	for _, obj := range lc.pass.TypesInfo.Uses {
		if fn, ok := obj.(*types.Func); ok && lc.serving(fn.Origin()) {
			uses = true
			break
		}
	}
	if !uses {
		return
	}
	lc.compute()
	for fn, d := range lc.decls {
		if d.serves && !d.exec {
			lc.pass.ExportObjectFact(fn, &servesFact{})
		}
	}
}

// compute finds which functions of the package serve and which are
// start-up code, once.
func (lc *lifecycle) compute() {
	if lc.done {
		return
	}
	lc.done = true
	lc.funcs, lc.decls, lc.optionLits = map[ast.Node]*fnode{}, map[*types.Func]*fnode{}, map[*ast.FuncLit]bool{}
	pass, info := lc.pass, lc.pass.TypesInfo
	ifaceNames := map[string]bool{} // methods called through an interface
	escapes := map[*types.Func]bool{}
	calledAt := map[*ast.Ident]bool{}
	type call struct {
		in     *fnode
		callee *types.Func
	}
	var calls []call
	var stack []*fnode
	test := false
	lc.ins.Nodes([]ast.Node{(*ast.File)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.CallExpr)(nil)}, func(n ast.Node, push bool) bool {
		switch n := n.(type) {
		case *ast.File:
			if push {
				test = strings.HasSuffix(pass.Fset.File(n.Pos()).Name(), "_test.go")
			}
		case *ast.FuncDecl, *ast.FuncLit:
			if !push {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, lc.node(n, stack))
			if fd, ok := n.(*ast.FuncDecl); ok && fd.Body != nil {
				lc.options(fd)
			}
		case *ast.CallExpr:
			if !push {
				return true
			}
			var id *ast.Ident
			switch fun := ast.Unparen(n.Fun).(type) {
			case *ast.Ident:
				id = fun
			case *ast.SelectorExpr:
				id = fun.Sel
			case *ast.IndexExpr: // a generic function instantiated explicitly
				if x, ok := ast.Unparen(fun.X).(*ast.Ident); ok {
					id = x
				}
			}
			if id == nil {
				return true
			}
			fn, ok := info.Uses[id].(*types.Func)
			if !ok {
				return true
			}
			calledAt[id] = true
			if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
				ifaceNames[fn.Name()] = true
			}
			if len(stack) == 0 || test {
				return true
			}
			if fn = fn.Origin(); fn.Pkg() == pass.Pkg || lc.serving(fn) {
				calls = append(calls, call{stack[len(stack)-1], fn})
			}
		}
		return true
	})
	for id, obj := range info.Uses {
		if fn, ok := obj.(*types.Func); ok && fn.Pkg() == pass.Pkg && !calledAt[id] {
			escapes[fn.Origin()] = true
		}
	}

	// Serving, bottom-up: the closures and functions around a call of a
	// serving function, up to one that takes an execution.
	mark := func(f *fnode) bool {
		changed := false
		for ; f != nil && !f.serves; f = f.parent {
			f.serves, changed = true, true
			if f.exec {
				break
			}
		}
		return changed
	}
	for _, c := range calls {
		if c.callee.Pkg() != pass.Pkg {
			mark(c.in)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, c := range calls {
			if d := lc.decls[c.callee]; d != nil && d.serves && !d.exec && !c.in.serves {
				changed = mark(c.in) || changed
			}
		}
	}

	// Start-up code: the greatest fixpoint. Every declared function that
	// may be start-up code starts as such and is dropped when one of its
	// call sites is not.
	for _, c := range calls {
		if d := lc.decls[c.callee]; d != nil {
			d.sites = append(d.sites, c.in)
		}
	}
	for fn, d := range lc.decls {
		d.startup = !d.exec && (d.entry || d.serves ||
			len(d.sites) > 0 && !escapes[fn] && !(fn.Signature().Recv() != nil && ifaceNames[fn.Name()]))
	}
	for changed := true; changed; {
		changed = false
		for _, d := range lc.decls {
			if !d.startup || d.entry || d.serves {
				continue
			}
			for _, s := range d.sites {
				if !lc.startup(s) {
					d.startup, changed = false, true
					break
				}
			}
		}
	}
}

// node records the function n, inside the function at the top of stack.
func (lc *lifecycle) node(n ast.Node, stack []*fnode) *fnode {
	f := &fnode{node: n}
	var ft *ast.FuncType
	switch n := n.(type) {
	case *ast.FuncDecl:
		ft = n.Type
		if fn, ok := lc.pass.TypesInfo.Defs[n.Name].(*types.Func); ok {
			f.obj = fn
			lc.decls[fn] = f
			if n.Recv == nil {
				f.entry = fn.Name() == "init" || fn.Name() == "main" && lc.pass.Pkg.Name() == "main"
			}
		}
	case *ast.FuncLit:
		ft = n.Type
		f.option = lc.optionLits[n]
		if len(stack) > 0 {
			f.parent = stack[len(stack)-1]
		}
	}
	if ft.Params != nil {
		for _, p := range ft.Params.List {
			t := lc.pass.TypesInfo.TypeOf(p.Type)
			if ptr, ok := t.(*types.Pointer); ok {
				t = ptr.Elem()
			}
			k, ok := funcname.KeyOf(t)
			if !ok {
				continue
			}

			f.exec = f.exec || execTypes[k]
			f.entry = f.entry || entryTypes[k]
		}
	}
	lc.funcs[n] = f
	return f
}

// options marks the functional options fd returns: closures returned as
// they are written, taking only a pointer to a struct type of the package
// (the component being built, func(s *Server)) and returning nothing.
// They run when the component is built, and log about the option's
// value, never about an execution.
func (lc *lifecycle) options(fd *ast.FuncDecl) {
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				if lit, ok := ast.Unparen(r).(*ast.FuncLit); ok && lc.optionSig(lit) {
					lc.optionLits[lit] = true
				}
			}
		}
		return true
	})
}

func (lc *lifecycle) optionSig(lit *ast.FuncLit) bool {
	sig, ok := lc.pass.TypesInfo.TypeOf(lit).(*types.Signature)
	if !ok || sig.Params().Len() != 1 || sig.Results().Len() != 0 {
		return false
	}
	ptr, ok := sig.Params().At(0).Type().(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(ptr.Elem()).(*types.Named)
	if !ok || named.Obj().Pkg() != lc.pass.Pkg {
		return false
	}
	_, isStruct := named.Underlying().(*types.Struct)
	return isStruct
}

// startup reports whether f is start-up code: for a closure, the function
// around it decides unless the closure takes an execution or serves.
func (lc *lifecycle) startup(f *fnode) bool {
	for ; f != nil; f = f.parent {
		switch {
		case f.exec:
			return false
		case f.entry || f.serves || f.option:
			return true
		case f.obj != nil:
			return f.startup
		}
	}
	return false // a closure at package level: a variable's initializer
}

// outside reports whether a log call in the function node n (nil at
// package level: a variable's initializer, run at start-up) is outside
// any execution.
func (lc *lifecycle) outside(n ast.Node) bool {
	if n == nil {
		return true
	}
	lc.compute()
	return lc.startup(lc.funcs[n])
}
