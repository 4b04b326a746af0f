package inventory

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"github.com/obscheck/obscheck/internal/funcname"
	"golang.org/x/tools/go/ast/astutil"
)

// DeclAt names the declaration holding pos: the enclosing function
// declaration's full name, the package-level variable whose value holds
// pos, or the package path.
func DeclAt(files []*ast.File, info *types.Info, pkg *types.Package, pos token.Pos) string {
	path := ""
	if pkg != nil {
		path = pkg.Path()
	}
	f := fileOf(files, pos)
	if f == nil {
		return path
	}
	i := sort.Search(len(f.Decls), func(i int) bool { return f.Decls[i].End() >= pos })
	if i >= len(f.Decls) || f.Decls[i].Pos() > pos {
		return path
	}
	switch d := f.Decls[i].(type) {
	case *ast.FuncDecl:
		if info != nil {
			if fn, ok := info.Defs[d.Name].(*types.Func); ok {
				return funcname.Of(fn)
			}
		}
		return path + "." + d.Name.Name
	case *ast.GenDecl:
		for _, s := range d.Specs {
			vs, ok := s.(*ast.ValueSpec)
			if !ok || pos < vs.Pos() || pos > vs.End() || len(vs.Names) == 0 {
				continue
			}
			name := vs.Names[0]
			for j, v := range vs.Values {
				if v.Pos() <= pos && pos <= v.End() && j < len(vs.Names) {
					name = vs.Names[j]
				}
			}
			return path + "." + name.Name
		}
	}
	return path
}

func fileOf(files []*ast.File, pos token.Pos) *ast.File {
	for _, f := range files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// HolderOf names the variable or field the value of e is stored in,
// where e is the right-hand side of an assignment, a variable's
// initializer or a field of a composite literal: the key that joins a
// metric's definition to the functions that record it. "" if none.
func HolderOf(files []*ast.File, info *types.Info, e ast.Expr) string {
	f := fileOf(files, e.Pos())
	if f == nil || info == nil {
		return ""
	}
	path, _ := astutil.PathEnclosingInterval(f, e.Pos(), e.End())
	child := ast.Node(e)
	for _, n := range path {
		switch x := n.(type) {
		case *ast.ParenExpr, *ast.StarExpr, *ast.UnaryExpr:
			child = n
			continue
		case *ast.CallExpr:
			// A conversion or a registration wrapper around the value:
			// prometheus.MustRegister is not, but T(x) and must(x) are.
			if n == e {
				continue
			}
			if len(x.Args) == 1 && x.Args[0] == child {
				child = n
				continue
			}
			return ""
		case *ast.ValueSpec:
			for i, v := range x.Values {
				if v == child && i < len(x.Names) {
					return ObjectKey(info.Defs[x.Names[i]])
				}
			}
			return ""
		case *ast.AssignStmt:
			for i, r := range x.Rhs {
				if r == child && i < len(x.Lhs) && len(x.Lhs) == len(x.Rhs) {
					return ExprKey(info, x.Lhs[i])
				}
			}
			return ""
		case *ast.KeyValueExpr:
			if x.Value != child {
				return ""
			}
			child = n
			continue
		case *ast.CompositeLit:
			kv, ok := child.(*ast.KeyValueExpr)
			if !ok {
				return ""
			}
			id, ok := kv.Key.(*ast.Ident)
			if !ok {
				return ""
			}
			if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() {
				return fieldKey(info.TypeOf(x), v)
			}
			return ""
		default:
			if n == e {
				continue
			}
			return ""
		}
	}
	return ""
}

// ExprKey names the variable or field e denotes ("" for anything else).
func ExprKey(info *types.Info, e ast.Expr) string {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return ObjectKey(info.ObjectOf(x))
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[x]; ok && sel.Kind() == types.FieldVal {
			if v, ok := sel.Obj().(*types.Var); ok {
				return fieldKey(sel.Recv(), v)
			}
			return ""
		}
		return ObjectKey(info.Uses[x.Sel]) // pkg.Var
	}
	return ""
}

// ObjectKey names a package-level variable "pkg/path.Name"; "" for other
// objects (locals are not holders another function can reach).
func ObjectKey(obj types.Object) string {
	v, ok := obj.(*types.Var)
	if !ok || v.Pkg() == nil || v.IsField() || v.Parent() != v.Pkg().Scope() {
		return ""
	}
	return v.Pkg().Path() + "." + v.Name()
}

// fieldKey names field f of struct type t "pkg/path.Type.field". A field
// promoted from an embedded struct is named after the type that declares
// it.
func fieldKey(t types.Type, f *types.Var) string {
	if f.Pkg() == nil {
		return ""
	}
	if owner := declaringType(t, f, 0); owner != nil {
		return owner.Obj().Pkg().Path() + "." + owner.Obj().Name() + "." + f.Name()
	}
	return f.Pkg().Path() + ".?." + f.Name()
}

// declaringType finds the named struct type, in t or embedded in it, that
// declares f.
func declaringType(t types.Type, f *types.Var, depth int) *types.Named {
	if t == nil || depth > 4 {
		return nil
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for i := 0; i < st.NumFields(); i++ {
		fi := st.Field(i)
		if fi == f || fi.Origin() == f.Origin() {
			if n == nil || n.Obj().Pkg() == nil {
				return nil
			}
			return n.Origin()
		}
	}
	for i := 0; i < st.NumFields(); i++ {
		if fi := st.Field(i); fi.Embedded() {
			if d := declaringType(fi.Type(), f, depth+1); d != nil {
				return d
			}
		}
	}
	return nil
}
