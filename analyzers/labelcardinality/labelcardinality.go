// Package labelcardinality implements the labelcardinality rule: report unbounded ids and values used as metric labels.
package labelcardinality

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/metricapi"
	"github.com/obscheck/obscheck/internal/directives"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// Name is the rule name.
const Name = "labelcardinality"

// Analyzer is the labelcardinality rule with the default policy source: the
// analyzer's flags, $OBSCHECK_CONFIG or the nearest .obscheck.yaml (go vet,
// golangci-lint, nogo).
var Analyzer = New(nil)

// New returns the labelcardinality rule reading each package's policy from src.
func New(src *policy.Source) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: Name,
		Doc: `report unbounded ids and values used as metric labels

A label name from policy.forbidden_labels, policy.correlation_keys or
rules.labelcardinality.extra_labels is reported wherever it is declared on a
metric: prometheus *Vec label lists (literal or variable, any package),
NewDesc labels, ConstLabels, prometheus.Labels passed to With/GetMetricWith/
CurryWith, VictoriaMetrics name strings, and OpenTelemetry attributes
reaching a metric Add/Record (metric.WithAttributes, WithAttributeSet,
attribute.NewSet). The same attribute on a span is fine. Label values taken
from unbounded sources are reported too: the request path (r.URL.Path,
r.RequestURI), err.Error(), freshly generated ids (uuid.New...), formatted
timestamps (time.Now()), user/tenant/request ids read from a request, and the
functions in rules.labelcardinality.unbounded_sources. Label names and values
given to the project's own wrappers (a helper passing its label names to
NewCounterVec, or recording with label values or name/value pairs from its
...string parameter, also through interfaces) are judged at their calls.`,
		URL:        "https://github.com/obscheck/obscheck/blob/main/docs/rules.md#labelcardinality",
		Requires:   []*analysis.Analyzer{inspect.Analyzer, directives.New(src), eval.Analyzer, metricapi.Analyzer},
		Run:        func(pass *analysis.Pass) (any, error) { return run(pass, src) },
		ResultType: report.ResultType,
		FactTypes:  []analysis.Fact{new(labelsFact)},
	}
	policy.RegisterFlags(&a.Flags)
	return a
}

// labelsFact records the elements of a package-level []string variable
// initialized with a literal, so label lists declared in one package are
// known where another package defines the metric.
type labelsFact struct{ Names []string }

func (*labelsFact) AFact()           {}
func (f *labelsFact) String() string { return "labels" + fmt.Sprint(f.Names) }

type checker struct {
	r         *report.Reporter
	info      *types.Info
	m         *metricapi.Model
	forbidden map[string]string // normalized label name -> why it is forbidden
	allow     map[string][]string
	extra     map[string]bool
}

func run(pass *analysis.Pass, src *policy.Source) (any, error) {
	r, pol, err := report.Begin(pass, Name, src)
	if r == nil {
		return report.Disabled(Name), err
	}
	insp, ok := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if !ok || pass.TypesInfo == nil {
		return r.Result(), nil
	}
	exportFacts(pass)
	opts := pol.Rules.LabelCardinality
	c := &checker{r: r, info: pass.TypesInfo, m: metricapi.New(pass.TypesInfo, pass.Files, locals(pass)),
		forbidden: map[string]string{}, allow: opts.Allow, extra: map[string]bool{}}
	c.m.Wrappers, _ = pass.ResultOf[metricapi.Analyzer].(*metricapi.Wrappers)
	c.m.Strings = func(v *types.Var) ([]string, bool) {
		var f labelsFact
		if v.Pkg() != pass.Pkg && pass.ImportObjectFact(v, &f) {
			return f.Names, true
		}
		return nil, false
	}
	for _, l := range pol.Policy.ForbiddenLabels {
		c.forbidden[normalize(l)] = "an unbounded id (policy.forbidden_labels)"
	}
	for _, l := range opts.ExtraLabels {
		c.forbidden[normalize(l)] = "an unbounded id (rules.labelcardinality.extra_labels)"
	}
	for _, l := range pol.Policy.CorrelationKeys {
		c.forbidden[normalize(l)] = "a correlation key, unique per execution (policy.correlation_keys)"
	}
	for _, s := range opts.UnboundedSources {
		c.extra[s] = true
	}
	insp.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		if r.Skip(call.Pos()) {
			return
		}
		for _, d := range c.m.DefineAll(call) {
			if d.Style == metricapi.StyleVM || d.Style == metricapi.StyleConst || c.m.ThrowAway(d) {
				continue
			}
			for _, l := range d.LabelNames {
				c.checkName(d, d.Via, l)
				c.recordName(d, l)
			}
			for _, l := range d.ConstLabels {
				c.checkName(d, d.Via, l)
				c.checkValue(d, d.Via, l)
				c.recordValue(nil, d, l, -1)
			}
		}
		if u, ok := c.m.UseAll(call); ok && !c.m.ThrowAway(u.Metric) {
			namesHere := true
			if spec, ok := c.m.Spec(call); ok && spec.Style == metricapi.StyleConst {
				namesHere = false // declared at NewDesc
			}
			for i, l := range u.Labels {
				if namesHere && l.Expr != nil {
					c.checkName(u.Metric, u.Via, l)
				}
				c.checkValue(u.Metric, u.Via, l)
				c.recordValue(call, u.Metric, l, i)
			}
		}
	})
	return r.Result(), nil
}

// exportFacts exports the elements of package-level []string literals.
func exportFacts(pass *analysis.Pass) {
	for _, in := range pass.TypesInfo.InitOrder {
		if in == nil || len(in.Lhs) != 1 {
			continue
		}
		v := in.Lhs[0]
		if !v.Exported() {
			continue // only other packages need the fact
		}
		if s, ok := v.Type().Underlying().(*types.Slice); !ok || !types.Identical(s.Elem(), types.Typ[types.String]) {
			continue
		}
		lit, ok := ast.Unparen(in.Rhs).(*ast.CompositeLit)
		if !ok {
			continue
		}
		var names []string
		for _, e := range lit.Elts {
			s, ok := eval.String(pass.TypesInfo, e)
			if !ok {
				names = nil
				break
			}
			names = append(names, s)
		}
		if names != nil && len(names) <= 64 {
			pass.ExportObjectFact(v, &labelsFact{Names: names})
		}
	}
}

// normalize maps a label or attribute key to its Prometheus snake_case
// form: "execution.id", "executionId" and "Execution-ID" are execution_id.
func normalize(k string) string {
	var b strings.Builder
	rs := []rune(k)
	for i, r := range rs {
		switch {
		case r == '.' || r == '-' || r == ' ':
			b.WriteByte('_')
		case r >= 'A' && r <= 'Z':
			if i > 0 && rs[i-1] >= 'a' && rs[i-1] <= 'z' {
				b.WriteByte('_')
			}
			b.WriteRune(r + 'a' - 'A')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func metricName(d *metricapi.Definition) string {
	if d == nil || !d.Name.Known {
		return ""
	}
	return d.Name.Value
}

func (c *checker) allowed(d *metricapi.Definition, label string) bool {
	n := metricName(d)
	if n == "" || label == "" {
		return false
	}
	for _, key := range []string{n, normalize(n)} {
		if slices.Contains(c.allow[key], label) || slices.Contains(c.allow[key], normalize(label)) {
			return true
		}
	}
	return false
}

func describe(d *metricapi.Definition) string {
	if n := metricName(d); n != "" {
		return fmt.Sprintf(" on metric %q", n)
	}
	return ""
}

// report reports a finding; a label that reaches the metric through the
// project's own helper points at the helper's library call as well.
func (c *checker) report(via *metricapi.Wrapper, at token.Pos, format string, args ...any) {
	diag := analysis.Diagnostic{Pos: at, Message: fmt.Sprintf(format, args...)}
	if via != nil {
		diag.Related = via.Related(c.r, "the label reaches the metric")
	}
	c.r.Report(diag)
}

func (c *checker) checkName(d *metricapi.Definition, via *metricapi.Wrapper, l metricapi.Label) {
	if !l.Name.Known || l.Expr == nil {
		return
	}
	why, bad := c.forbidden[normalize(l.Name.Value)]
	if !bad || c.allowed(d, l.Name.Value) {
		return
	}
	c.report(via, l.Expr.Pos(), "label %q%s is %s: every distinct value creates a new time series (a cardinality explosion); drop the label and carry the id on the span or log (an exemplar), not the metric",
		l.Name.Value, describe(d), why)
}

func (c *checker) checkValue(d *metricapi.Definition, via *metricapi.Wrapper, l metricapi.Label) {
	if l.Value == nil {
		return
	}
	if l.Name.Known {
		if _, bad := c.forbidden[normalize(l.Name.Value)]; bad {
			return // already reported by name (or allowed)
		}
		if c.allowed(d, l.Name.Value) {
			return
		}
	}
	s, ok := c.classify(l.Value, 0)
	if !ok {
		return
	}
	label := "a label value"
	if l.Name.Known {
		label = fmt.Sprintf("label %q", l.Name.Value)
	}
	c.report(via, l.Value.Pos(), "%s%s takes %s: %s; use %s instead", label, describe(d), s.what, s.why, s.bound)
}

// locals is the package's shared variable index.
func locals(pass *analysis.Pass) *eval.Locals {
	l, _ := pass.ResultOf[eval.Analyzer].(*eval.Locals)
	return l
}
