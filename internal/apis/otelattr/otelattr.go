// Package otelattr decodes OpenTelemetry attributes (attribute.KeyValue)
// built in source, for spans and metrics alike: the typed constructors
// (attribute.String(k, v), ...), attribute.Key(k).String(v), KeyValue
// composite literals, and the option/list functions that carry them
// (metric.WithAttributes, attribute.NewSet, trace.WithAttributes, ...).
package otelattr

import (
	"go/ast"
	"go/types"

	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
)

const attrPkg = "go.opentelemetry.io/otel/attribute"

// Attr is one OpenTelemetry attribute.KeyValue built in source.
type Attr struct {
	Key     eval.Value // the key, as far as statically known
	KeyExpr ast.Expr   // the expression giving the key
	Value   ast.Expr   // the expression giving the value (nil if not visible)
	Node    ast.Expr   // the whole KeyValue expression
}

// Constructors are the package-level functions func(k string, v T) KeyValue.
var Constructors = funcname.NewSet([]string{
	attrPkg + ".Bool", attrPkg + ".BoolSlice", attrPkg + ".ByteSlice",
	attrPkg + ".Float64", attrPkg + ".Float64Slice",
	attrPkg + ".Int", attrPkg + ".IntSlice", attrPkg + ".Int64", attrPkg + ".Int64Slice",
	attrPkg + ".String", attrPkg + ".StringSlice", attrPkg + ".Stringer",
	attrPkg + ".Map", attrPkg + ".Slice",
})

// KeyMethods are the methods of attribute.Key that build a KeyValue with
// the receiver as key and the first argument as value.
var KeyMethods = funcname.NewSet([]string{
	"(" + attrPkg + ".Key).Bool", "(" + attrPkg + ".Key).BoolSlice", "(" + attrPkg + ".Key).ByteSlice",
	"(" + attrPkg + ".Key).Float64", "(" + attrPkg + ".Key).Float64Slice",
	"(" + attrPkg + ".Key).Int", "(" + attrPkg + ".Key).IntSlice",
	"(" + attrPkg + ".Key).Int64", "(" + attrPkg + ".Key).Int64Slice",
	"(" + attrPkg + ".Key).Map", "(" + attrPkg + ".Key).Slice",
	"(" + attrPkg + ".Key).String", "(" + attrPkg + ".Key).StringSlice",
})

// Carriers are functions whose variadic/slice arguments are attributes
// (or an attribute.Set built from them) that List looks through.
var Carriers = funcname.NewSet([]string{
	attrPkg + ".NewSet",
	attrPkg + ".NewSetWithSortable",
	attrPkg + ".NewSetWithFiltered",
	attrPkg + ".NewSetWithSortableFiltered",
	"go.opentelemetry.io/otel/metric.WithAttributes",
	"go.opentelemetry.io/otel/metric.WithAttributeSet",
	"go.opentelemetry.io/otel/trace.WithAttributes",
	"(*" + attrPkg + ".Set).ToSlice",
})

// Decode decodes an expression of type attribute.KeyValue. ok is false
// for anything else.
func Decode(info *types.Info, e ast.Expr) (Attr, bool) {
	return DecodeWith(info, nil, e)
}

// DecodeWith is Decode, also evaluating keys through single-assignment
// variables known to l (which may be nil).
func DecodeWith(info *types.Info, l *eval.Locals, e ast.Expr) (Attr, bool) {
	if info == nil || e == nil {
		return Attr{}, false
	}
	e = ast.Unparen(e)
	ev := func(x ast.Expr) eval.Value {
		if l != nil {
			return l.Eval(x)
		}
		return eval.Eval(info, x)
	}
	switch x := e.(type) {
	case *ast.CallExpr:
		name := funcname.CalleeName(info, x)
		switch {
		case Constructors[name]:
			if len(x.Args) < 1 {
				return Attr{}, false
			}
			a := Attr{Key: ev(x.Args[0]), KeyExpr: x.Args[0], Node: e}
			if len(x.Args) >= 2 {
				a.Value = x.Args[1]
			}
			return a, true
		case KeyMethods[name]:
			sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
			if !ok {
				return Attr{}, false
			}
			a := Attr{Key: ev(sel.X), KeyExpr: sel.X, Node: e}
			if len(x.Args) >= 1 {
				a.Value = x.Args[0]
			}
			return a, true
		}
	case *ast.CompositeLit:
		if !funcname.IsNamed(info.TypeOf(x), attrPkg, "KeyValue") {
			return Attr{}, false
		}
		a := Attr{Node: e}
		for i, elt := range x.Elts {
			k, v := "", elt
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok {
					k = id.Name
				}
				v = kv.Value
			} else if i == 0 {
				k = "Key"
			} else {
				k = "Value"
			}
			switch k {
			case "Key":
				a.KeyExpr, a.Key = v, ev(v)
			case "Value":
				a.Value = valueOf(info, v)
			}
		}
		return a, a.KeyExpr != nil
	}
	return Attr{}, false
}

// valueOf unwraps attribute.StringValue(v) and friends to v.
func valueOf(info *types.Info, e ast.Expr) ast.Expr {
	if c, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(c.Args) == 1 {
		if fn := funcname.Callee(info, c); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == attrPkg {
			return c.Args[0]
		}
	}
	return e
}

// List decodes the attributes reaching the given arguments: variadic
// KeyValue arguments, []attribute.KeyValue literals, and the carriers
// (attribute.NewSet, metric.WithAttributes, metric.WithAttributeSet,
// trace.WithAttributes) wrapping them.
func List(info *types.Info, args []ast.Expr) []Attr {
	return ListWith(info, nil, args)
}

// ListWith is List, also following variables assigned once (l may be nil):
// `attrs := []attribute.KeyValue{...}; c.Add(ctx, 1, metric.WithAttributes(attrs...))`.
func ListWith(info *types.Info, l *eval.Locals, args []ast.Expr) []Attr {
	if info == nil {
		return nil
	}
	var out []Attr
	var walk func(e ast.Expr, depth int)
	walk = func(e ast.Expr, depth int) {
		if e == nil || depth > 6 {
			return
		}
		e = ast.Unparen(e)
		if a, ok := DecodeWith(info, l, e); ok {
			out = append(out, a)
			return
		}
		switch x := e.(type) {
		case *ast.CallExpr:
			if Carriers[funcname.CalleeName(info, x)] {
				for _, a := range x.Args {
					walk(a, depth+1)
				}
				if sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok && isMethod(info, x) {
					walk(sel.X, depth+1) // set.ToSlice()
				}
			}
		case *ast.CompositeLit:
			if sl, ok := typeUnder(info, x).(*types.Slice); ok && funcname.IsNamed(sl.Elem(), attrPkg, "KeyValue") {
				for _, elt := range x.Elts {
					walk(elt, depth+1)
				}
			}
		case *ast.UnaryExpr:
			walk(x.X, depth+1) // &set
		case *ast.Ident, *ast.SelectorExpr:
			if init := l.Init(x); init != nil {
				walk(init, depth+1)
			}
		}
	}
	for _, a := range args {
		walk(a, 0)
	}
	return out
}

func isMethod(info *types.Info, call *ast.CallExpr) bool {
	fn := funcname.Callee(info, call)
	if fn == nil {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Recv() != nil
}

func typeUnder(info *types.Info, e ast.Expr) types.Type {
	t := info.TypeOf(e)
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// IsKeyValue reports whether t is attribute.KeyValue.
func IsKeyValue(t types.Type) bool { return funcname.IsNamed(t, attrPkg, "KeyValue") }
