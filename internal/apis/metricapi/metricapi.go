// Package metricapi is obscheck's model of metric definitions and label
// uses across the metric libraries Go services use: prometheus/client_golang
// (and promauto), the OpenTelemetry metric API and VictoriaMetrics/metrics.
// What each library function means is in the tables (tables.go); this file
// decodes calls with them.
package metricapi

import (
	"go/ast"
	"go/types"
	"maps"
	"strings"
	"sync"

	"github.com/obscheck/obscheck/internal/apis/otelattr"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
)

// Kind is a metric type.
type Kind int

// The metric kinds. KindUnknown is a prometheus.Desc, whose type is given
// where samples are made.
const (
	KindUnknown Kind = iota
	Counter
	Gauge
	Histogram
	Summary
	Untyped
	UpDownCounter // OTel; exported to Prometheus as a gauge
)

func (k Kind) String() string {
	switch k {
	case Counter:
		return "counter"
	case Gauge:
		return "gauge"
	case Histogram:
		return "histogram"
	case Summary:
		return "summary"
	case Untyped:
		return "untyped metric"
	case UpDownCounter:
		return "up-down counter"
	}
	return "metric"
}

// Definition is a metric definition site.
type Definition struct {
	Call *ast.CallExpr
	Lib  Library
	Kind Kind
	// Name is the full name as far as known (namespace/subsystem applied;
	// for VictoriaMetrics without the {labels}; for OTel as written, before
	// the Prometheus exporter's translation).
	Name     eval.Value
	NameExpr ast.Expr // the expression holding the whole name (the Opts literal when built from parts)
	// NameTail is the expression giving the end of the name: the Name
	// field of Opts, or the name argument. nil if not visible.
	NameTail ast.Expr
	// NameWhole reports whether NameTail alone spells the whole name (no
	// namespace/subsystem parts), so a textual fix may rewrite it.
	NameWhole bool

	Help     eval.Value // Known "" when absent; unknown when not visible
	HelpExpr ast.Expr
	Unit     string // Opts.Unit or metric.WithUnit, when known
	UnitExpr ast.Expr
	// UnitHidden is true when options that may set the unit are not
	// visible (OTel options passed as opts... from elsewhere).
	UnitHidden bool

	LabelNames  []Label
	ConstLabels []Label
	// LabelsKnown is false when a label list exists but could not be read.
	LabelsKnown bool
	// Desc is the NewDesc definition a const metric samples (StyleConst), if found.
	Desc *Definition
	// Style is how the call carries the definition.
	Style Style

	// OptsExpr is the Opts argument when it is not a literal (a variable
	// or parameter); LabelsExpr the label-names argument.
	OptsExpr, LabelsExpr ast.Expr
	// UnitSet is true when a unit is given whose expression is elsewhere
	// (inside a wrapper).
	UnitSet bool
	// Via is the wrapper Call calls, when the metric is defined through
	// the project's own helper; NameJudged is then true if the name is the
	// wrapper's own (judged in its body, not here).
	Via        *Wrapper
	NameJudged bool
	via        *Def
}

// Label is one label (name, and value when supplied).
type Label struct {
	Name  eval.Value
	Expr  ast.Expr // the expression giving the name (nil when positional)
	Value ast.Expr // nil for names-only lists and constant values in VictoriaMetrics names
}

// LabelUse is a call that supplies label values at record time.
type LabelUse struct {
	Call   *ast.CallExpr
	Labels []Label
	// Metric is the definition of the metric the labels go to, when the
	// receiver can be traced back to it (nil otherwise).
	Metric *Definition
	// Via is the wrapper Call calls, when the values go through the
	// project's own helper.
	Via *Wrapper
}

// Model decodes definitions and uses in one package. Its zero value
// besides Info works; Locals adds variables assigned once, Strings adds
// string-list variables of other packages (from facts).
type Model struct {
	Info   *types.Info
	Locals *eval.Locals
	// Strings returns the elements of a []string variable declared in
	// another package, if known.
	Strings func(v *types.Var) ([]string, bool)
	// Wrappers are the project's metric helpers the package may call
	// (Analyzer's result); nil knows none.
	Wrappers *Wrappers

	files  []*ast.File
	regs   map[*ast.CallExpr]ast.Expr
	sub    eval.Subst // set while a wrapper's body is read
	thrown *throwAway
}

// New returns a Model over the files of one package. locals is the
// package's shared index (eval.Analyzer's result); nil builds one.
func New(info *types.Info, files []*ast.File, locals *eval.Locals) *Model {
	if locals == nil {
		locals = eval.NewLocals(info, files)
	}
	return &Model{Info: info, Locals: locals, files: files}
}

// Define decodes a metric definition site.
func Define(info *types.Info, call *ast.CallExpr) (*Definition, bool) {
	return (&Model{Info: info}).Define(call)
}

// Use decodes a call supplying label values.
func Use(info *types.Info, call *ast.CallExpr) (*LabelUse, bool) {
	return (&Model{Info: info}).Use(call)
}

func (m *Model) eval(e ast.Expr) eval.Value {
	if m.sub != nil {
		return m.Locals.EvalSubst(m.Info, e, m.sub)
	}
	if m.Locals != nil {
		return m.Locals.Eval(e)
	}
	return eval.Eval(m.Info, e)
}

func (m *Model) resolve(e ast.Expr) ast.Expr {
	if m.Locals != nil {
		return m.Locals.Resolve(e)
	}
	return ast.Unparen(e)
}

// Spec returns the table entry of the function call invokes.
func (m *Model) Spec(call *ast.CallExpr) (DefSpec, bool) {
	if m == nil || m.Info == nil || call == nil {
		return DefSpec{}, false
	}
	if !tableFilter().May(call) {
		return DefSpec{}, false
	}
	s, ok := Definers[funcname.CalleeName(m.Info, call)]
	return s, ok
}

// Packages are the packages of the functions the tables describe.
var Packages = sync.OnceValue(func() map[string]bool { return funcname.Packages(maps.Keys(Definers), maps.Keys(Users)) })

// tableFilter spares Spec and Use resolving the callee of most calls. It
// is built on first use: the tables are filled by init functions.
var tableFilter = sync.OnceValue(func() funcname.Filter { return funcname.NewFilter(maps.Keys(Definers), maps.Keys(Users)) })

// DefineAll decodes a metric definition site: a call of a library's
// definer, or of a wrapper (which may define several metrics).
func (m *Model) DefineAll(call *ast.CallExpr) []*Definition {
	if d, ok := m.define(call); ok {
		return []*Definition{d}
	}
	if w, _ := m.wrapped(call); w != nil && len(w.Defs) > 0 {
		return m.defineWrapped(call, w)
	}
	return nil
}

// Define decodes a metric definition site (the first metric a wrapper
// defines).
func (m *Model) Define(call *ast.CallExpr) (*Definition, bool) {
	if ds := m.DefineAll(call); len(ds) > 0 {
		return ds[0], true
	}
	return nil, false
}

// define decodes a call of a library's definer.
func (m *Model) define(call *ast.CallExpr) (*Definition, bool) {
	spec, ok := m.Spec(call)
	if !ok {
		return nil, false
	}
	d := &Definition{Call: call, Lib: spec.Lib, Kind: spec.Kind, Style: spec.Style, LabelsKnown: true}
	switch spec.Style {
	case StyleOpts:
		if len(call.Args) < 1 {
			return nil, false
		}
		m.opts(d, call.Args[0])
	case StyleVecOpts:
		if len(call.Args) < 1 {
			return nil, false
		}
		lit := m.compositeLit(call.Args[0])
		if lit == nil {
			return d, true
		}
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			switch id, _ := kv.Key.(*ast.Ident); {
			case id == nil:
			case id.Name == "VariableLabels":
				d.LabelNames, d.LabelsKnown = m.labelList(kv.Value)
				d.LabelsExpr = kv.Value
			case strings.HasSuffix(id.Name, "Opts"):
				m.opts(d, kv.Value)
			}
		}
	case StyleDesc:
		if len(call.Args) < 2 {
			return nil, false
		}
		d.Name, d.NameExpr, d.NameTail = m.eval(call.Args[0]), call.Args[0], call.Args[0]
		d.NameWhole = true
		d.Help, d.HelpExpr = m.eval(call.Args[1]), call.Args[1]
		if len(call.Args) >= 4 {
			d.ConstLabels = m.labelMap(call.Args[3])
		}
	case StyleConst:
		if len(call.Args) < 2 {
			return nil, false
		}
		if dc, ok := m.resolve(call.Args[0]).(*ast.CallExpr); ok {
			if desc, ok := m.Define(dc); ok && desc.Style == StyleDesc {
				d.Desc = desc
				d.Name, d.NameExpr, d.NameTail, d.NameWhole = desc.Name, desc.NameExpr, desc.NameTail, desc.NameWhole
				d.Help, d.HelpExpr = desc.Help, desc.HelpExpr
			}
		}
		if d.Kind == KindUnknown {
			d.Kind = m.valueType(call.Args[1])
		}
		return d, true
	case StyleOTel:
		if len(call.Args) < 1 {
			return nil, false
		}
		m.otel(d, call)
	case StyleVM:
		if len(call.Args) < 1 {
			return nil, false
		}
		name, labels := m.vmName(call.Args[0])
		d.Name, d.NameExpr, d.NameTail = name, call.Args[0], call.Args[0]
		d.NameWhole = isStringLit(call.Args[0])
		d.LabelNames = labels
		d.Help = eval.Value{} // VictoriaMetrics has no help text
	}
	if spec.Labels >= 0 {
		if spec.Labels < len(call.Args) {
			d.LabelNames, d.LabelsKnown = m.labelList(call.Args[spec.Labels])
			d.LabelsExpr = call.Args[spec.Labels]
		}
	}
	return d, true
}

func isStringLit(e ast.Expr) bool {
	_, ok := ast.Unparen(e).(*ast.BasicLit)
	return ok
}

// valueType maps prometheus.CounterValue etc. to a Kind.
func (m *Model) valueType(e ast.Expr) Kind {
	var id *ast.Ident
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	}
	if id == nil {
		return KindUnknown
	}
	if c, ok := m.Info.Uses[id].(*types.Const); ok && c.Pkg() != nil && c.Pkg().Path() == prom {
		return promValueTypes[c.Name()]
	}
	return KindUnknown
}

// compositeLit returns the composite literal e evaluates to (through
// variables assigned once and &), or nil.
func (m *Model) compositeLit(e ast.Expr) *ast.CompositeLit {
	e = m.resolve(e)
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = m.resolve(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// opts decodes a prometheus XxxOpts value.
func (m *Model) opts(d *Definition, e ast.Expr) {
	e = m.resolve(e)
	for i := 0; i < 3; i++ {
		// prometheus.GaugeOpts(o): a conversion between the Opts types.
		c, ok := e.(*ast.CallExpr)
		if !ok || len(c.Args) != 1 {
			break
		}
		if tv, ok := m.Info.Types[c.Fun]; !ok || !tv.IsType() {
			break
		}
		e = m.resolve(c.Args[0])
	}
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = m.resolve(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		d.OptsExpr = e // opts from elsewhere: nothing known here
		return
	}
	fields := map[string]ast.Expr{}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return // positional Opts: not decoded
		}
		if id, ok := kv.Key.(*ast.Ident); ok {
			fields[id.Name] = kv.Value
		}
	}
	part := func(name string) eval.Value {
		if x, ok := fields[name]; ok {
			return m.eval(x)
		}
		return eval.Value{Known: true}
	}
	ns, sub, name := part("Namespace"), part("Subsystem"), part("Name")
	d.NameExpr, d.NameTail = lit, fields["Name"]
	_, hasNS := fields["Namespace"]
	_, hasSub := fields["Subsystem"]
	if !hasNS && !hasSub {
		d.NameExpr = fields["Name"]
		d.NameWhole = fields["Name"] != nil
	}
	d.Name = fqName(ns, sub, name)
	d.Help, d.HelpExpr = part("Help"), fields["Help"]
	if u, ok := fields["Unit"]; ok {
		d.UnitExpr = u
		if v := m.eval(u); v.Known {
			d.Unit = v.Value
		}
	}
	if cl, ok := fields["ConstLabels"]; ok {
		d.ConstLabels = m.labelMap(cl)
	}
}

// fqName mirrors prometheus.BuildFQName on partly known parts.
func fqName(ns, sub, name eval.Value) eval.Value {
	if ns.Known && sub.Known && name.Known {
		if name.Value == "" {
			return eval.Value{Known: true}
		}
		var parts []string
		for _, p := range []string{ns.Value, sub.Value, name.Value} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		return eval.Value{Known: true, Value: strings.Join(parts, "_")}
	}
	v := eval.Value{}
	if name.Known {
		v.Suffix = name.Value
	} else {
		v.Suffix = name.Suffix
	}
	switch {
	case ns.Known && ns.Value != "":
		v.Prefix = ns.Value + "_"
		if sub.Known && sub.Value != "" {
			v.Prefix += sub.Value + "_"
		}
	case ns.Known && sub.Known && sub.Value != "":
		v.Prefix = sub.Value + "_"
	case ns.Known && sub.Known:
		v.Prefix = name.Prefix
	case !ns.Known:
		v.Prefix = ns.Prefix
	}
	return v
}

// labelList decodes a []string of label names.
func (m *Model) labelList(e ast.Expr) ([]Label, bool) {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok && id.Name == "nil" {
		if _, isNil := m.Info.Uses[id].(*types.Nil); isNil {
			return nil, true
		}
	}
	r := m.resolve(e)
	if c, ok := r.(*ast.CallExpr); ok && len(c.Args) == 1 {
		if tv, ok := m.Info.Types[c.Fun]; ok && tv.IsType() {
			r = m.resolve(c.Args[0]) // prometheus.UnconstrainedLabels([]string{...})
		}
	}
	if lit, ok := r.(*ast.CompositeLit); ok {
		var out []Label
		for _, elt := range lit.Elts {
			if _, ok := elt.(*ast.KeyValueExpr); ok {
				return out, false
			}
			if cl, ok := elt.(*ast.CompositeLit); ok {
				// prometheus.ConstrainedLabels{{Name: "a", Constraint: f}}
				name := ast.Expr(nil)
				for i, f := range cl.Elts {
					if kv, ok := f.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Name" {
							name = kv.Value
						}
					} else if i == 0 {
						name = f
					}
				}
				if name == nil {
					return out, false
				}
				out = append(out, Label{Name: m.eval(name), Expr: name})
				continue
			}
			out = append(out, Label{Name: m.eval(elt), Expr: elt})
		}
		return out, true
	}
	if m.Strings != nil {
		var obj types.Object
		switch x := r.(type) {
		case *ast.Ident:
			obj = m.Info.Uses[x]
		case *ast.SelectorExpr:
			obj = m.Info.Uses[x.Sel]
		}
		if v, ok := obj.(*types.Var); ok {
			if names, ok := m.Strings(v); ok {
				out := make([]Label, len(names))
				for i, n := range names {
					out[i] = Label{Name: eval.Value{Known: true, Value: n}, Expr: e}
				}
				return out, true
			}
		}
	}
	return nil, false
}

// labelMap decodes a prometheus.Labels{...} (map[string]string) literal.
func (m *Model) labelMap(e ast.Expr) []Label {
	lit, ok := m.resolve(e).(*ast.CompositeLit)
	if !ok {
		return nil
	}
	var out []Label
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		out = append(out, Label{Name: m.eval(kv.Key), Expr: kv.Key, Value: kv.Value})
	}
	return out
}

// otel decodes meter.Int64Counter(name, options...).
func (m *Model) otel(d *Definition, call *ast.CallExpr) {
	d.Name, d.NameExpr, d.NameTail = m.eval(call.Args[0]), call.Args[0], call.Args[0]
	d.NameWhole = true
	allVisible := true
	opts := call.Args[1:]
	if call.Ellipsis.IsValid() && len(opts) > 0 {
		// m.Float64Histogram(name, opts...) with opts := []metric.Float64HistogramOption{...}
		last := opts[len(opts)-1]
		opts = opts[:len(opts)-1]
		if lit, ok := m.resolve(last).(*ast.CompositeLit); ok {
			opts = append(opts[:len(opts):len(opts)], lit.Elts...)
		} else {
			allVisible = false
		}
	}
	d.Help = eval.Value{Known: true} // no WithDescription seen
	for _, o := range opts {
		c, ok := m.resolve(o).(*ast.CallExpr)
		if !ok {
			allVisible = false
			continue
		}
		fn := funcname.Callee(m.Info, c)
		if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != otelm {
			allVisible = false // a helper may set the unit or description
			continue
		}
		switch funcname.Of(fn) {
		case otelWithUnit:
			if len(c.Args) == 1 {
				d.UnitExpr = c.Args[0]
				if v := m.eval(c.Args[0]); v.Known {
					d.Unit = v.Value
				}
			}
		case otelWithDescription:
			if len(c.Args) == 1 {
				d.Help, d.HelpExpr = m.eval(c.Args[0]), c.Args[0]
			}
		}
	}
	if !allVisible {
		d.UnitHidden = d.UnitExpr == nil
		if d.HelpExpr == nil {
			d.Help = eval.Value{}
		}
	}
}

// Use decodes a call supplying label values: Vec WithLabelValues/With/
// CurryWith, const metrics, OTel Add/Record, VictoriaMetrics names.
func (m *Model) Use(call *ast.CallExpr) (*LabelUse, bool) {
	if m == nil || m.Info == nil || call == nil {
		return nil, false
	}
	if !tableFilter().May(call) {
		return nil, false
	}
	name := funcname.CalleeName(m.Info, call)
	if spec, ok := Definers[name]; ok {
		switch spec.Style {
		case StyleVM:
			d, _ := m.Define(call)
			if d == nil || len(d.LabelNames) == 0 {
				return nil, false
			}
			return &LabelUse{Call: call, Labels: d.LabelNames, Metric: d}, true
		case StyleConst:
			d, _ := m.Define(call)
			if d == nil || spec.Values > len(call.Args) || call.Ellipsis.IsValid() {
				return nil, false
			}
			u := &LabelUse{Call: call, Metric: d}
			var names []Label
			if d.Desc != nil {
				names = d.Desc.LabelNames
			}
			u.Labels = positional(call.Args[spec.Values:], names)
			return u, len(u.Labels) > 0
		}
		return nil, false
	}
	style, ok := Users[name]
	if !ok {
		return nil, false
	}
	u := &LabelUse{Call: call}
	return m.use(u, style, name)
}

// UseAll is Use, also decoding calls of wrappers that record a metric.
func (m *Model) UseAll(call *ast.CallExpr) (*LabelUse, bool) {
	if u, ok := m.Use(call); ok {
		return u, true
	}
	if w, fn := m.wrapped(call); w != nil && w.Rec != 0 {
		u := m.useWrapped(call, w, fn)
		return u, u != nil
	}
	return nil, false
}

func (m *Model) use(u *LabelUse, style UseStyle, name string) (*LabelUse, bool) {
	call := u.Call
	curried := false
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		u.Metric, curried = m.definitionOf(sel.X, 0)
	}
	switch style {
	case UseValues:
		if call.Ellipsis.IsValid() {
			return nil, false
		}
		var names []Label
		if u.Metric != nil && u.Metric.LabelsKnown && !curried {
			names = u.Metric.LabelNames
		}
		u.Labels = positional(call.Args, names)
	case UseMap:
		if len(call.Args) != 1 {
			return nil, false
		}
		u.Labels = m.labelMap(call.Args[0])
	case UseOTel, UseOTelObserve:
		from := 2
		if style == UseOTelObserve {
			from = 1
		}
		if len(call.Args) <= from {
			return nil, false
		}
		if strings.HasPrefix(name, "("+otelm+".Observer).") {
			u.Metric, _ = m.definitionOf(call.Args[0], 0)
		}
		for _, a := range otelattr.ListWith(m.Info, m.Locals, call.Args[from:]) {
			u.Labels = append(u.Labels, Label{Name: a.Key, Expr: a.KeyExpr, Value: a.Value})
		}
	}
	return u, len(u.Labels) > 0
}

func positional(vals []ast.Expr, names []Label) []Label {
	out := make([]Label, len(vals))
	for i, v := range vals {
		out[i].Value = v
		if i < len(names) {
			out[i].Name = names[i].Name
		}
	}
	return out
}

// definitionOf traces a metric value (receiver of WithLabelValues, Add...)
// back to its definition through single-assignment variables, fields and
// CurryWith chains.
// curried reports that labels were curried on the way (positions shift).
func (m *Model) definitionOf(e ast.Expr, depth int) (d *Definition, curried bool) {
	if depth > 4 {
		return nil, false
	}
	c, ok := m.resolve(e).(*ast.CallExpr)
	if !ok {
		return nil, false
	}
	if d, ok := m.define(c); ok {
		return d, false
	}
	if style, ok := Users[funcname.CalleeName(m.Info, c)]; ok && style == UseMap {
		if sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok {
			d, _ := m.definitionOf(sel.X, depth+1) // vec.MustCurryWith(...)
			return d, true
		}
	}
	return nil, false
}
