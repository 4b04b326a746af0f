package metricapi

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/report"
	"golang.org/x/tools/go/analysis"
)

// Services rarely call the metric libraries where a metric is named: they
// call their own helpers (newCounterFrom(opts, labels), newGauge(meter,
// name, desc, unit), a Metrics interface with NewCounter(name, desc) and
// IncrementCounter(ctx, name, labels...)). A Wrapper is what a helper's
// body shows it does with its parameters; it travels as a fact (see
// Analyzer), the way x/tools' printf pass finds printf wrappers, so the
// rules judge the names and labels where the helper is called.

// Arg is a parameter position plus one; 0 means none (the zero value
// travels well in a fact).
type Arg int

// Index is the parameter index, or -1.
func (a Arg) Index() int { return int(a) - 1 }

// Tmpl is a string a wrapper builds from one parameter: Before + param +
// After. With Param 0 it is a constant (Known) or unknown.
type Tmpl struct {
	Param         Arg
	Field         string // the value is this field of the parameter (a struct of options)
	Before, After string
	BeforeKnown   bool // Before is the whole head (false: some unknown text precedes it)
	Known         bool // Param 0: the value is Before
}

// Def is one metric a wrapper defines.
type Def struct {
	Lib   Library
	Kind  Kind
	Style Style
	// Opts is a prometheus Opts parameter handed to the library as is:
	// the name, help and unit are read from the caller's Opts.
	Opts       Arg
	Name       Tmpl
	Help       Tmpl
	Unit       Tmpl
	UnitHidden bool
	// Labels is the parameter holding the label names (or its field
	// LabelsField); LabelsVariadic when it is the ...string parameter.
	Labels         Arg
	LabelsField    string
	LabelsVariadic bool
	// Registered is true when the wrapper registers the metric itself;
	// Reg then says with what. Otherwise the caller's registration counts.
	Registered bool
	Reg        Registration
}

// Wrapper is what a project function does with metrics, as its body shows.
type Wrapper struct {
	Defs []Def // metrics it defines from its parameters
	// Rec is the parameter holding label values the function records a
	// metric with (its ...string labels); Pairs when they alternate
	// name, value (go-kit and OTel helpers) instead of being positional.
	Rec   Arg
	Pairs bool
	// PairsOf is a parameter the function turns into label or attribute
	// pairs without recording (a toAttributes helper); it only serves to
	// derive Rec in its callers.
	PairsOf Arg
	Func    string          // the function, for messages: "metrics.newCounterFrom"
	At      report.Position // the library (or inner wrapper) call it makes

	pos token.Pos // At in this package's FileSet (not encoded)
}

// Same reports whether w and v describe the same behaviour (their
// functions and places aside).
func (w *Wrapper) same(v *Wrapper) bool {
	if w.Rec != v.Rec || w.Pairs != v.Pairs || w.PairsOf != v.PairsOf || len(w.Defs) != len(v.Defs) {
		return false
	}
	for i := range w.Defs {
		if w.Defs[i] != v.Defs[i] {
			return false
		}
	}
	return true
}

// Related is where a finding at a call of the wrapper points: the call
// inside the wrapper that makes the metric.
func (w *Wrapper) Related(r *report.Reporter, what string) []analysis.RelatedInformation {
	msg := what + " here, in " + w.Func
	if w.pos.IsValid() {
		return report.RelatedHere(w.pos, msg)
	}
	if r == nil {
		return nil
	}
	return r.Related(w.At, msg)
}

// apply fills the template with the caller's argument value.
func (t Tmpl) apply(v eval.Value) eval.Value {
	if t.Param == 0 {
		if t.Known {
			return eval.Value{Known: true, Value: t.Before}
		}
		return eval.Value{}
	}
	switch {
	case v.Known && t.BeforeKnown:
		return eval.Value{Known: true, Value: t.Before + v.Value + t.After}
	case v.Known:
		return eval.Value{Suffix: t.Before + v.Value + t.After}
	}
	out := eval.Value{Suffix: v.Suffix + t.After}
	if t.BeforeKnown {
		out.Prefix = t.Before + v.Prefix
	}
	return out
}

// tmplOf reads a value evaluated with parameter markers.
func tmplOf(v eval.Value) Tmpl {
	if i, field, before, after, bk, ok := eval.Template(v); ok {
		return Tmpl{Param: Arg(i + 1), Field: field, Before: before, After: after, BeforeKnown: bk}
	}
	if v.Known && !eval.HasMarker(v.Value) {
		return Tmpl{Known: true, Before: v.Value}
	}
	return Tmpl{}
}

// arg is the caller's argument for parameter a (nil if absent).
func arg(call *ast.CallExpr, a Arg) ast.Expr {
	i := a.Index()
	if i < 0 || i >= len(call.Args) {
		return nil
	}
	return call.Args[i]
}

// field is the expression the caller gives field f of the struct (or
// pointer to struct) literal e, nil if not visible. A field left out is
// its zero value: "" for the strings this is used for.
func (m *Model) field(e ast.Expr, f string) (ast.Expr, bool) {
	lit := m.compositeLit(e)
	if lit == nil {
		return nil, false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, false
		}
		if id, ok := kv.Key.(*ast.Ident); ok && id.Name == f {
			return kv.Value, true
		}
	}
	return nil, true
}

// tmplArg evaluates the caller's value for t: the argument, or its field.
func (m *Model) tmplArg(call *ast.CallExpr, t Tmpl) (eval.Value, ast.Expr, bool) {
	a := arg(call, t.Param)
	if a == nil {
		return eval.Value{}, nil, false
	}
	if t.Field == "" {
		return m.eval(a), a, true
	}
	x, ok := m.field(a, t.Field)
	switch {
	case !ok:
		return eval.Value{}, nil, false
	case x == nil:
		return eval.Value{Known: true}, nil, true
	}
	return m.eval(x), x, true
}

// wrapped returns the wrapper call invokes, if any.
func (m *Model) wrapped(call *ast.CallExpr) (*Wrapper, *types.Func) {
	if m.Wrappers == nil {
		return nil, nil
	}
	return m.Wrappers.of(m.Info, call)
}

// defineWrapped decodes a call of a wrapper into the definitions it makes.
func (m *Model) defineWrapped(call *ast.CallExpr, w *Wrapper) []*Definition {
	var out []*Definition
	for i := range w.Defs {
		wd := &w.Defs[i]
		d := &Definition{Call: call, Lib: wd.Lib, Kind: wd.Kind, Style: wd.Style, LabelsKnown: true, Via: w, via: wd}
		switch {
		case wd.Opts != 0:
			if a := arg(call, wd.Opts); a != nil {
				m.opts(d, a)
			}
		case wd.Name.Param != 0:
			v, a, ok := m.tmplArg(call, wd.Name)
			if !ok {
				continue
			}
			d.Name = wd.Name.apply(v)
			if a == nil {
				a = arg(call, wd.Name.Param)
			}
			d.NameExpr, d.NameTail = a, a
			d.NameWhole = wd.Name.BeforeKnown && wd.Name.Before == "" && wd.Name.After == "" && wd.Name.Field == ""
		default:
			// The name is the wrapper's own: judged in its body.
			d.Name = wd.Name.apply(eval.Value{})
			d.NameJudged = true
		}
		if wd.Opts == 0 {
			d.Help = wd.Help.apply(eval.Value{})
			if v, a, ok := m.tmplArg(call, wd.Help); ok {
				d.Help, d.HelpExpr = wd.Help.apply(v), a
			}
			if wd.Unit.Known {
				d.Unit = wd.Unit.Before
			}
			d.UnitHidden = wd.UnitHidden
			if v, a, ok := m.tmplArg(call, wd.Unit); ok && a != nil {
				d.UnitExpr = a
				if v := wd.Unit.apply(v); v.Known {
					d.Unit = v.Value
				}
			}
		}
		if wd.Labels != 0 {
			i := wd.Labels.Index()
			switch {
			case wd.LabelsVariadic && !call.Ellipsis.IsValid():
				d.LabelNames = nil
				for _, a := range call.Args[min(i, len(call.Args)):] {
					d.LabelNames = append(d.LabelNames, Label{Name: m.eval(a), Expr: a})
				}
			case wd.LabelsField != "" && i < len(call.Args):
				if x, ok := m.field(call.Args[i], wd.LabelsField); ok && x != nil {
					d.LabelNames, d.LabelsKnown = m.labelList(x)
					d.LabelsExpr = x
				}
			case i < len(call.Args):
				d.LabelNames, d.LabelsKnown = m.labelList(call.Args[i])
				d.LabelsExpr = call.Args[i]
			}
		}
		out = append(out, d)
	}
	return out
}

// useWrapped decodes a call of a wrapper that records a metric with label
// values from its parameter w.Rec.
func (m *Model) useWrapped(call *ast.CallExpr, w *Wrapper, fn *types.Func) *LabelUse {
	i := w.Rec.Index()
	if i < 0 || i >= len(call.Args) {
		return nil
	}
	var vals []ast.Expr
	sig, _ := fn.Type().(*types.Signature)
	if sig != nil && sig.Variadic() && i == sig.Params().Len()-1 && !call.Ellipsis.IsValid() {
		vals = call.Args[i:]
	} else if lit, ok := m.resolve(call.Args[i]).(*ast.CompositeLit); ok {
		vals = lit.Elts
	} else {
		return nil
	}
	u := &LabelUse{Call: call, Via: w}
	if w.Pairs {
		for j := 0; j+1 < len(vals); j += 2 {
			u.Labels = append(u.Labels, Label{Name: m.eval(vals[j]), Expr: vals[j], Value: vals[j+1]})
		}
	} else {
		u.Labels = positional(vals, nil)
	}
	if len(u.Labels) == 0 {
		return nil
	}
	return u
}
