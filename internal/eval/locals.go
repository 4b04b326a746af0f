package eval

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// Locals knows the single initializer of variables that are assigned
// exactly once in a package: local variables (`opts := prometheus.CounterOpts{...}`),
// package-level variables (`var labels = []string{...}`) and struct fields
// set once (`m.req = prometheus.NewCounterVec(...)` or `&m{req: ...}`).
// A variable assigned more than once, incremented, or whose address is
// taken has no known initializer. A nil *Locals knows nothing.
type Locals struct {
	info  *types.Info
	files []*ast.File
	once  sync.Once      // the index is built on first use: most packages never ask
	pkg   *types.Package // fields are tracked only for struct types of this package
	init  map[*types.Var]ast.Expr
	bad   map[*types.Var]bool
}

// NewLocals returns the single assignments of every variable in files. The
// files are indexed on the first query, once, so a Locals can be shared by
// several analyzers of one package (see Analyzer).
func NewLocals(info *types.Info, files []*ast.File) *Locals {
	return &Locals{info: info, files: files}
}

func (l *Locals) build() {
	l.init, l.bad = map[*types.Var]ast.Expr{}, map[*types.Var]bool{}
	info, files := l.info, l.files
	if info == nil {
		return
	}
	for _, obj := range info.Defs {
		if obj != nil && obj.Pkg() != nil {
			l.pkg = obj.Pkg()
			break
		}
	}
	for _, in := range info.InitOrder {
		if in != nil && len(in.Lhs) == 1 && in.Rhs != nil {
			l.set(in.Lhs[0], in.Rhs)
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncType:
				// Parameters and results start with the caller's value:
				// an assignment in the body is never their only value.
				for _, fl := range []*ast.FieldList{n.Params, n.Results} {
					if fl == nil {
						continue
					}
					for _, f := range fl.List {
						for _, name := range f.Names {
							if v, ok := info.Defs[name].(*types.Var); ok {
								l.bad[v] = true
							}
						}
					}
				}
			case *ast.AssignStmt:
				l.assign(n)
			case *ast.ValueSpec:
				for i, name := range n.Names {
					v, _ := info.Defs[name].(*types.Var)
					if v == nil || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
						continue // package-level: from InitOrder
					}
					if len(n.Values) == len(n.Names) {
						l.set(v, n.Values[i])
					}
				}
			case *ast.IncDecStmt:
				l.spoilRoot(n.X)
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					l.spoilRoot(n.X)
				}
			case *ast.RangeStmt:
				l.spoil(n.Key)
				l.spoil(n.Value)
			case *ast.CompositeLit:
				if tv, ok := info.Types[n]; ok && tv.Type != nil {
					if _, isStruct := tv.Type.Underlying().(*types.Struct); isStruct {
						for _, elt := range n.Elts {
							if kv, ok := elt.(*ast.KeyValueExpr); ok {
								if id, ok := kv.Key.(*ast.Ident); ok {
									if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() && v.Pkg() == l.pkg {
										l.set(v, kv.Value)
									}
								}
							}
						}
					}
				}
			}
			return true
		})
	}
}

func (l *Locals) assign(n *ast.AssignStmt) {
	for _, lhs := range n.Lhs {
		// opts.Namespace = ns, labels[0] = "x": the variable holding the
		// struct or slice no longer has its initializer's value.
		switch lhs := ast.Unparen(lhs).(type) {
		case *ast.SelectorExpr:
			l.spoilRoot(lhs.X)
		case *ast.IndexExpr:
			l.spoilRoot(lhs.X)
		case *ast.StarExpr:
			l.spoilRoot(lhs.X)
		}
	}
	if n.Tok != token.DEFINE && n.Tok != token.ASSIGN {
		for _, lhs := range n.Lhs {
			l.spoil(lhs)
		}
		return
	}
	for i, lhs := range n.Lhs {
		v := l.varOf(lhs)
		if v == nil {
			continue
		}
		if len(n.Lhs) != len(n.Rhs) {
			// c, err := meter.Int64Counter(...): the first result of a call.
			if _, isCall := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); i == 0 && len(n.Rhs) == 1 && isCall {
				l.set(v, n.Rhs[0])
			} else {
				l.bad[v] = true
			}
			continue
		}
		l.set(v, n.Rhs[i])
	}
}

func (l *Locals) set(v *types.Var, e ast.Expr) {
	if v == nil {
		return
	}
	if _, dup := l.init[v]; dup {
		l.bad[v] = true
		return
	}
	l.init[v] = e
}

// spoilRoot spoils the variable at the root of x.f.g / x[i] / *x, and
// every field on the way.
func (l *Locals) spoilRoot(e ast.Expr) {
	for i := 0; i < 8 && e != nil; i++ {
		l.spoil(e)
		switch x := ast.Unparen(e).(type) {
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

func (l *Locals) spoil(e ast.Expr) {
	if v := l.varOf(e); v != nil {
		l.bad[v] = true
	}
}

// varOf returns the variable or field an expression denotes.
func (l *Locals) varOf(e ast.Expr) *types.Var {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := l.info.Defs[e].(*types.Var); ok {
			return v
		}
		v, _ := l.info.Uses[e].(*types.Var)
		return v
	case *ast.SelectorExpr:
		if v, ok := l.info.Uses[e.Sel].(*types.Var); ok && (!v.IsField() || v.Pkg() == l.pkg) {
			return v
		}
	}
	return nil
}

// Init returns the one expression assigned to the variable e denotes, or
// nil when e is not such a variable or is assigned more than once.
func (l *Locals) Init(e ast.Expr) ast.Expr {
	if l == nil || e == nil {
		return nil
	}
	l.once.Do(l.build)
	v := l.varOf(e)
	if v == nil || l.bad[v] {
		return nil
	}
	return l.init[v]
}

// Resolve follows e through single-assignment variables (at most a few
// steps) and returns the expression that finally provides its value.
func (l *Locals) Resolve(e ast.Expr) ast.Expr {
	for i := 0; i < 4 && e != nil; i++ {
		next := l.Init(e)
		if next == nil {
			return ast.Unparen(e)
		}
		e = next
	}
	return ast.Unparen(e)
}

// Eval is eval.Eval that also follows variables assigned once.
func (l *Locals) Eval(e ast.Expr) Value {
	if l == nil {
		return Value{}
	}
	l.once.Do(l.build)
	return evalWith(l.info, l, nil, e, 0)
}

// EvalSubst is Eval with the variables sub knows replaced by their
// stand-in text (see Marker). A nil *Locals follows no variables.
func (l *Locals) EvalSubst(info *types.Info, e ast.Expr, sub Subst) Value {
	if l != nil {
		l.once.Do(l.build)
	}
	return evalWith(info, l, sub, e, 0)
}

// Analyzer provides one shared, lazily built Locals per package to the
// rules that follow variables, instead of each indexing the files again.
var Analyzer = &analysis.Analyzer{
	Name:             "obscheckeval",
	Doc:              "index variables assigned once, for rules that follow them",
	Run:              func(pass *analysis.Pass) (any, error) { return NewLocals(pass.TypesInfo, pass.Files), nil },
	ResultType:       reflect.TypeOf((*Locals)(nil)),
	RunDespiteErrors: true,
}
