package metricnaming

import (
	"go/ast"
	"go/types"

	"github.com/obscheck/obscheck/internal/apis/metricapi"
	"github.com/obscheck/obscheck/internal/inventory"
)

// record lists a definition the rule judges in the inventory (obscheck
// catalog): what the rule resolved of it, an unknown name as a pattern.
func (c *checker) record(d *metricapi.Definition) {
	if d.Style == metricapi.StyleConst {
		// A const metric gives its NewDesc's metric a type: recorded at
		// the NewDesc, where the inventory merges the two.
		if d.Desc != nil && d.Kind != metricapi.KindUnknown {
			c.r.Record(d.Desc.Call.Pos(), &inventory.Metric{Name: name(d.Desc), Pattern: pattern(d.Desc), Type: kindName(d.Kind), Library: string(d.Lib)})
		}
		return
	}
	if d.Name.Known && d.Name.Value == "" {
		return // no name given: not a metric anyone can query
	}
	if d.NameJudged {
		return // a wrapper's own metric: recorded in its body
	}
	if !d.Name.Known && c.inWrapper(d) {
		return // a wrapper's template: its calls record the metrics it defines
	}
	m := &inventory.Metric{
		Name: name(d), Pattern: pattern(d), Type: kindName(d.Kind), Unit: d.Unit, Library: string(d.Lib),
		Help: d.Help.Value, HelpUnknown: !d.Help.Known, LabelsUnknown: !d.LabelsKnown,
		Holder: c.r.Holder(d.Call),
	}
	for _, l := range append(append([]metricapi.Label(nil), d.LabelNames...), d.ConstLabels...) {
		n := "?"
		if l.Name.Known {
			n = l.Name.Value
		}
		m.Labels = append(m.Labels, n)
	}
	c.r.Record(d.Call.Pos(), m)
}

func name(d *metricapi.Definition) string {
	if d.Name.Known {
		return d.Name.Value
	}
	return ""
}

// pattern is what is known of a name not known statically.
func pattern(d *metricapi.Definition) string {
	if d.Name.Known {
		return ""
	}
	return d.Name.Prefix + "…" + d.Name.Suffix
}

func kindName(k metricapi.Kind) string {
	switch k {
	case metricapi.Counter:
		return "counter"
	case metricapi.Gauge:
		return "gauge"
	case metricapi.Histogram:
		return "histogram"
	case metricapi.Summary:
		return "summary"
	case metricapi.Untyped:
		return "untyped"
	case metricapi.UpDownCounter:
		return "updowncounter"
	}
	return ""
}

// inWrapper reports whether d is defined in the body of one of the
// project's metric wrappers from its parameters.
func (c *checker) inWrapper(d *metricapi.Definition) bool {
	if c.m.Wrappers == nil {
		return false
	}
	pos := d.Call.Pos()
	for _, f := range c.pass.Files {
		if pos < f.FileStart || pos > f.FileEnd {
			continue
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || pos < fd.Pos() || pos >= fd.End() {
				continue
			}
			fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			w := c.m.Wrappers.Of(fn)
			return w != nil && len(w.Defs) > 0
		}
	}
	return false
}
