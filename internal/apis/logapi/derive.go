package logapi

import (
	"go/ast"
	"go/types"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
)

// Derive is a call that returns a new logger with fields attached: slog
// With/WithGroup, zap With, zerolog With()...Logger(), logrus
// WithField/WithFields, logr WithValues, go-kit log.With, and field-less
// derivations (zap Named, Sugar, logr WithName, ...). Base is the logger
// derived from, nil for package functions deriving from the default
// logger.
type Derive struct {
	Call   *ast.CallExpr
	Fn     string
	Lib    *apis.Library
	Base   ast.Expr
	Fields []Field
	// Group is the group opened for later fields (slog WithGroup), "" if none.
	Group string
	// Ctx is the context attached (logrus WithContext, zerolog Context.Ctx).
	Ctx ast.Expr
	// Level is the level the derived logger logs at (go-kit's
	// level.Error(l)), Unknown if the derivation sets none.
	Level Level
}

// DecodeDerive decodes a call returning a logger derived from another.
func DecodeDerive(info *types.Info, call *ast.CallExpr) (*Derive, bool) {
	return DecodeDeriveWrapped(info, call, nil)
}

// DecodeDeriveWrapped is DecodeDerive decoding the project's derivation
// wrappers w (may be nil) too.
func DecodeDeriveWrapped(info *types.Info, call *ast.CallExpr, w Wrappers) (*Derive, bool) {
	if info == nil || call == nil {
		return nil, false
	}
	fn := funcname.CalleeName(info, call)
	e, ok := idx().derives[fn]
	if !ok {
		if w == nil || !w.May(funcname.Spelled(call)) {
			return nil, false
		}
		if e = wrapperEntry(w, funcname.Callee(info, call), true); e == nil {
			return nil, false
		}
	}
	d := &decoder{info: info, w: w}
	dv := &Derive{Call: call, Fn: fn, Lib: e.lib, Level: e.fn.Level}
	args := call.Args
	arg := func(i int) ast.Expr {
		if i >= 0 && i < len(args) {
			return args[i]
		}
		return nil
	}
	switch {
	case e.logger >= 0:
		if dv.Base = arg(e.logger); dv.Base == nil {
			return nil, false
		}
	case e.method:
		if !isMethodCall(info, call) {
			return nil, false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil, false
		}
		dv.Base = sel.X
	}
	if e.fn.Context {
		// (zerolog.Context).Logger(): walk the Context chain back to With().
		ch := e.lib.Log.Chain
		if ch == nil || dv.Base == nil {
			return nil, false
		}
		base, fields, ctx, ok := d.context(ch, dv.Base)
		if !ok {
			return nil, false
		}
		dv.Base, dv.Fields, dv.Ctx = base, fields, ctx
		return dv, true
	}
	var rest []ast.Expr
	if e.rest >= 0 && e.rest < len(args) {
		rest = args[e.rest:]
	}
	switch e.restRole {
	case apis.RoleKV, apis.RoleFields:
		dv.Fields = d.fields(e.restRole, rest, call.Ellipsis.IsValid(), "")
	}
	if e.group >= 0 {
		if a := arg(e.group); a != nil {
			if v := eval.Eval(info, a); v.Known {
				dv.Group = v.Value
			} else {
				dv.Group = "?"
			}
		}
	}
	if k, v := arg(e.key), arg(e.value); k != nil && v != nil {
		dv.Fields = []Field{keyField(info, k, v, k, "")}
	}
	if m := arg(e.fieldmap); m != nil {
		dv.Fields = d.mapFields(m, "")
	}
	if err := arg(e.err); err != nil {
		dv.Fields = []Field{{Key: eval.Value{Known: true, Value: "error"}, Value: err, Node: call}}
	}
	dv.Ctx = arg(e.ctx)
	return dv, true
}

// unwind walks inline derivations (l.With(...).Error, logrus
// WithField(...).Errorf, go-kit level.Error(l).Log), prepending their
// fields, and returns the expression the chain starts from. A derivation
// setting a level gives c its level when the call has none.
func (d *decoder) unwind(x ast.Expr, fields []Field, c *Call) (ast.Expr, []Field) {
	for i := 0; i < 64; i++ {
		call, ok := ast.Unparen(x).(*ast.CallExpr)
		if !ok {
			if c != nil && !c.LevelKnown {
				d.levelOf(x, c)
			}
			return x, fields
		}
		dv, ok := DecodeDeriveWrapped(d.info, call, d.w)
		if !ok {
			return x, fields
		}
		if dv.Ctx != nil && c != nil && !c.HasCtx && !isNil(d.info, dv.Ctx) {
			c.HasCtx, c.Ctx = true, dv.Ctx
		}
		if dv.Level != Unknown && c != nil && !c.LevelKnown {
			c.Level, c.LevelKnown = dv.Level, true
		}
		fields = append(append([]Field(nil), dv.Fields...), applyGroup(fields, dv.Group)...)
		if dv.Base == nil {
			return nil, fields
		}
		x = dv.Base
	}
	return x, fields
}

// levelOf gives c the level of a logger variable assigned once from a
// level wrapper: errs := level.Error(logger); errs.Log(...).
func (d *decoder) levelOf(x ast.Expr, c *Call) {
	for i := 0; i < 8; i++ {
		r := d.follow(x)
		if r == x {
			return
		}
		call, ok := ast.Unparen(r).(*ast.CallExpr)
		if !ok {
			x = r
			continue
		}
		dv, ok := DecodeDeriveWrapped(d.info, call, d.w)
		if !ok {
			return
		}
		if dv.Level != Unknown {
			c.Level, c.LevelKnown = dv.Level, true
			return
		}
		if dv.Base == nil {
			return
		}
		x = dv.Base
	}
}

func applyGroup(fields []Field, group string) []Field {
	if group == "" {
		return fields
	}
	out := make([]Field, len(fields))
	for i, f := range fields {
		if f.Group == "" {
			f.Group = group
		} else {
			f.Group = group + "." + f.Group
		}
		out[i] = f
	}
	return out
}
