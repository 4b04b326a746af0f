package logapi

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
)

// The field types the decoder reads inside: slog.Attr and zap.Field (the
// knowledge files' Builders.Result).
var (
	slogAttr = typeKey(apis.Slog.Log.Builders.Result)
	zapField = typeKey(apis.Zap.Log.Builders.Result)
)

func typeKey(q string) funcname.TypeKey {
	i := strings.LastIndexByte(q, '.')
	return funcname.TypeKey{Path: q[:i], Name: q[i+1:]}
}

func isType(t types.Type, k funcname.TypeKey) bool { return funcname.IsNamed(t, k.Path, k.Name) }

// fields decodes the variadic field arguments of one call, passed in
// role r (key-values, zap fields or slog attrs).
func (d *decoder) fields(r apis.Role, args []ast.Expr, spread bool, group string) []Field {
	var out []Field
	for i := 0; i < len(args); i++ {
		a := args[i]
		if spread && i == len(args)-1 {
			out = append(out, Field{Node: a, Opaque: true, Group: group})
			break
		}
		t := d.typeOf(a)
		switch {
		case r != apis.RoleFields && isType(t, slogAttr):
			out = append(out, d.slogAttr(a, group)...)
		case isType(t, zapField):
			out = append(out, d.zapField(a, &group)...)
		case r == apis.RoleKV && isStringType(t):
			var v ast.Expr
			if i+1 < len(args) {
				v = args[i+1]
			}
			out = append(out, keyField(d.info, a, v, a, group))
			i++
		default:
			// A non-string key (slog's !BADKEY, a []any spread by hand...):
			// nothing is known of it.
			out = append(out, Field{Node: a, Opaque: true, Group: group})
		}
	}
	return out
}

func keyField(info *types.Info, key, val, node ast.Expr, group string) Field {
	return Field{Key: eval.Eval(info, key), KeyExpr: key, Value: val, Node: node, Group: group}
}

// slogAttr decodes a slog.Attr expression.
func (d *decoder) slogAttr(a ast.Expr, group string) []Field {
	switch e := ast.Unparen(a).(type) {
	case *ast.CallExpr:
		ctor, ok := idx().fieldCtors[funcname.CalleeName(d.info, e)]
		if ok && ctor.Group && len(e.Args) >= 1 {
			g := Field{Key: eval.Eval(d.info, e.Args[0]), KeyExpr: e.Args[0], Node: e, Group: group, IsGroup: true}
			sub := groupPath(group, g.Key)
			return append([]Field{g}, d.fields(apis.RoleKV, e.Args[1:], e.Ellipsis.IsValid(), sub)...)
		}
		if ok && ctor.KeyArgs && len(e.Args) >= 2 {
			return []Field{keyField(d.info, e.Args[0], e.Args[1], e, group)}
		}
	case *ast.CompositeLit:
		f := Field{Node: e, Group: group}
		for _, el := range e.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			id, _ := kv.Key.(*ast.Ident)
			switch {
			case id == nil:
			case id.Name == "Key":
				f.Key, f.KeyExpr = eval.Eval(d.info, kv.Value), kv.Value
			case id.Name == "Value":
				f.Value = kv.Value
			}
		}
		if f.KeyExpr == nil {
			f.Opaque = len(e.Elts) > 0 && f.Value == nil
			f.Key = eval.Value{Known: len(e.Elts) == 0 || !f.Opaque}
		}
		return []Field{f}
	}
	return []Field{{Node: a, Opaque: true, Group: group}}
}

func groupPath(group string, key eval.Value) string {
	name := "?"
	if key.Known {
		name = key.Value
	}
	if group == "" {
		return name
	}
	return group + "." + name
}

// zapField decodes a zap.Field expression; a group constructor
// (zap.Namespace) opens a group for the fields after it (group is
// updated).
func (d *decoder) zapField(a ast.Expr, group *string) []Field {
	switch e := ast.Unparen(a).(type) {
	case *ast.CallExpr:
		ctor := idx().fieldCtors[funcname.CalleeName(d.info, e)]
		switch {
		case ctor.Key != "":
			var v ast.Expr
			if len(e.Args) > 0 {
				v = e.Args[len(e.Args)-1]
			}
			return []Field{{Key: eval.Value{Known: true, Value: ctor.Key}, Value: v, Node: e, Group: *group}}
		case ctor.Opaque:
			return []Field{{Node: e, Opaque: true, Group: *group}}
		case ctor.None:
			return nil
		}
		callee := funcname.Callee(d.info, e)
		if callee == nil {
			break
		}
		sig, ok := callee.Type().(*types.Signature)
		if !ok {
			break
		}
		for i := 0; i < sig.Params().Len() && i < len(e.Args); i++ {
			if !isStringType(sig.Params().At(i).Type()) {
				continue
			}
			f := keyField(d.info, e.Args[i], nil, e, *group)
			if i+1 < len(e.Args) {
				f.Value = e.Args[i+1]
			}
			if ctor.Group {
				f.IsGroup = true
				*group = groupPath(*group, f.Key)
			}
			return []Field{f}
		}
	case *ast.CompositeLit:
		f := Field{Node: e, Group: *group}
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Key" {
					f.Key, f.KeyExpr = eval.Eval(d.info, kv.Value), kv.Value
				}
			}
		}
		f.Opaque = f.KeyExpr == nil
		return []Field{f}
	}
	return []Field{{Node: a, Opaque: true, Group: *group}}
}

// mapFields decodes logrus.Fields{...} / map[string]any{...} / []any{k, v}
// literals; anything else is opaque.
func (d *decoder) mapFields(a ast.Expr, group string) []Field {
	lit, ok := ast.Unparen(a).(*ast.CompositeLit)
	if !ok {
		return []Field{{Node: a, Opaque: true, Group: group}}
	}
	var out []Field
	t := d.typeOf(lit)
	if t == nil {
		return []Field{{Node: a, Opaque: true, Group: group}}
	}
	switch t.Underlying().(type) {
	case *types.Map:
		for _, el := range lit.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			out = append(out, keyField(d.info, kv.Key, kv.Value, kv.Key, group))
		}
	case *types.Slice:
		return d.fields(apis.RoleKV, lit.Elts, false, group)
	default:
		return []Field{{Node: a, Opaque: true, Group: group}}
	}
	return out
}
