package logapi

import (
	"go/ast"
	"go/types"
	"slices"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
)

// event decodes a call writing an event (zerolog's Msg/Msgf/Send, zap's
// Write): it walks the receiver back through the library's chain methods
// to the Starter that opened the event, which gives the level and the
// logger. An event from elsewhere (a parameter, a field) has no known
// level.
func (d *decoder) event(c *Call, e *entry, term *ast.CallExpr) bool {
	sel, ok := ast.Unparen(term.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	ch := e.lib.Log.Chain
	fields := c.Fields
	x := sel.X
	for i := 0; i < 128; i++ {
		x = d.follow(x)
		call, ok := ast.Unparen(x).(*ast.CallExpr)
		if !ok {
			break
		}
		if st, ok := idx().starters[funcname.CalleeName(d.info, call)]; ok && st.lib == e.lib {
			d.starter(c, st, call)
			if st.method {
				if s, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
					c.Logger, fields = d.unwind(s.X, fields, c)
				}
			}
			break
		}
		if ch == nil {
			break
		}
		f, next, ok := d.link(ch, ch.Event, call, c)
		if !ok {
			break
		}
		fields = append(f, fields...)
		x = next
	}
	c.Fields = fields
	return true
}

// starter reads the level, error and message a starter call gives.
func (d *decoder) starter(c *Call, st *entry, call *ast.CallExpr) {
	c.Starter = call
	c.Level, c.LevelKnown = st.fn.Level, st.fn.Level != Unknown
	arg := func(i int) ast.Expr {
		if i >= 0 && i < len(call.Args) {
			return call.Args[i]
		}
		return nil
	}
	if st.level >= 0 {
		c.Level, c.LevelKnown = d.constLevel(st.lib, arg(st.level))
	}
	if a := arg(st.err); a != nil {
		c.Err = a
	}
	if a := arg(st.msg); a != nil && c.Msg == nil {
		c.Msg = a
	}
}

// link decodes one method of a chain on type recv (the event or the
// context type) and returns its fields and receiver.
func (d *decoder) link(ch *apis.Chain, recv string, call *ast.CallExpr, c *Call) ([]Field, ast.Expr, bool) {
	fn := funcname.Callee(d.info, call)
	if fn == nil {
		return nil, nil, false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || !funcname.TypeIs(deref(sig.Recv().Type()), recv) {
		return nil, nil, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, nil, false
	}
	var out []Field
	switch ch.Methods[fn.Name()] {
	case apis.ChainErr:
		if len(call.Args) > 0 {
			out = []Field{{Key: eval.Value{Known: true, Value: "error"}, Value: call.Args[0], Node: call}}
		}
	case apis.ChainFields:
		if len(call.Args) > 0 {
			out = d.mapFields(call.Args[0], "")
		}
	case apis.ChainDict:
		if len(call.Args) >= 2 {
			g := keyField(d.info, call.Args[0], nil, call, "")
			g.IsGroup = true
			out = append([]Field{g}, d.dict(ch, call.Args[1], groupPath("", g.Key))...)
		}
	case apis.ChainOpaque:
		out = []Field{{Node: call, Opaque: true}}
	case apis.ChainCtx:
		if c != nil && len(call.Args) > 0 && !isNil(d.info, call.Args[0]) {
			c.HasCtx, c.Ctx = true, call.Args[0]
		}
	default:
		if f := d.keyedMethod(sig, call); f != nil {
			out = []Field{*f}
		}
	}
	return out, sel.X, true
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// keyedMethod decodes a chain method whose first parameter is `key string`.
func (d *decoder) keyedMethod(sig *types.Signature, call *ast.CallExpr) *Field {
	if sig.Params().Len() == 0 || len(call.Args) == 0 {
		return nil
	}
	p := sig.Params().At(0)
	if p.Name() != "key" || !isStringType(p.Type()) {
		return nil
	}
	var v ast.Expr
	if len(call.Args) > 1 {
		v = call.Args[1]
	}
	f := keyField(d.info, call.Args[0], v, call, "")
	return &f
}

// dict decodes a nested dictionary (zerolog.Dict().Str(...)...) used as a
// Dict value.
func (d *decoder) dict(ch *apis.Chain, x ast.Expr, group string) []Field {
	var out []Field
	for i := 0; i < 128; i++ {
		call, ok := ast.Unparen(x).(*ast.CallExpr)
		if !ok {
			return []Field{{Node: x, Opaque: true, Group: group}}
		}
		if slices.Contains(ch.Dicts, funcname.CalleeName(d.info, call)) {
			return out
		}
		f, next, ok := d.link(ch, ch.Event, call, nil)
		if !ok {
			return append(out, Field{Node: x, Opaque: true, Group: group})
		}
		out = append(applyGroup(f, group), out...)
		x = next
	}
	return out
}

// context walks a context chain (zerolog's With().Str(...)) back to the
// call that opened it.
func (d *decoder) context(ch *apis.Chain, x ast.Expr) (base ast.Expr, fields []Field, ctx ast.Expr, ok bool) {
	c := &Call{}
	for i := 0; i < 128; i++ {
		call, isCall := ast.Unparen(x).(*ast.CallExpr)
		if !isCall {
			// A Context held in a variable: its fields are unknown.
			return x, append([]Field{{Node: x, Opaque: true}}, fields...), c.Ctx, true
		}
		if slices.Contains(ch.Open, funcname.CalleeName(d.info, call)) {
			if s, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr); isSel && isMethodCall(d.info, call) {
				return s.X, fields, c.Ctx, true
			}
			return nil, fields, c.Ctx, true
		}
		f, next, linkOK := d.link(ch, ch.Context, call, c)
		if !linkOK {
			return x, append([]Field{{Node: x, Opaque: true}}, fields...), c.Ctx, true
		}
		fields = append(f, fields...)
		x = next
	}
	return nil, nil, nil, false
}
