// Package metricnaming implements the metricnaming rule: check metric names against the naming policy.
package metricnaming

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"strconv"
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
const Name = "metricnaming"

// Analyzer is the metricnaming rule with the default policy source: the
// analyzer's flags, $OBSCHECK_CONFIG or the nearest .obscheck.yaml (go vet,
// golangci-lint, nogo).
var Analyzer = New(nil)

// New returns the metricnaming rule reading each package's policy from src.
func New(src *policy.Source) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: Name,
		Doc: `check metric names against the naming policy

Every metric defined with prometheus/client_golang (New*, New*Vec, New*Func,
NewDesc + const metrics, promauto and promauto.With(reg)), the OpenTelemetry
metric API (meter.Int64Counter, ...Histogram, ...Gauge, observables) or
VictoriaMetrics/metrics (NewCounter, GetOrCreate*, names with {labels}) must
have a name that starts with the policy prefix (policy.metric_prefix, or
rules.metricnaming.prefix), is a valid snake_case Prometheus name, ends in
_total if and only if it is a counter, says _seconds when it measures time,
uses base units (seconds, bytes, ratio), has help text, and avoids the
suffixes and labels Prometheus reserves. Names are evaluated statically
(constants of any package, +, fmt.Sprintf, BuildFQName, Opts parts, opts
variables, the project's own wrapper functions); unknown names are not
guessed, but a known suffix is checked. OTel names are judged as the
module's Prometheus exporter exports them (namespace, suffixes).`,
		URL:        "https://github.com/obscheck/obscheck/blob/main/docs/rules.md#metricnaming",
		Requires:   []*analysis.Analyzer{inspect.Analyzer, directives.New(src), eval.Analyzer, metricapi.Analyzer},
		Run:        func(pass *analysis.Pass) (any, error) { return run(pass, src) },
		ResultType: report.ResultType,
	}
	policy.RegisterFlags(&a.Flags)
	return a
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
	c := &checker{r: r, prefixes: pol.MetricPrefixes(), help: pol.Rules.MetricNaming.RequireHelp, pass: pass,
		m: metricapi.New(pass.TypesInfo, pass.Files, locals(pass))}
	c.m.Wrappers, _ = pass.ResultOf[metricapi.Analyzer].(*metricapi.Wrappers)
	insp.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		if r.Skip(call.Pos()) {
			return
		}
		for _, d := range c.m.DefineAll(call) {
			c.check(d)
		}
	})
	return r.Result(), nil
}

type checker struct {
	r        *report.Reporter
	prefixes []string
	help     policy.RequireHelp
	m        *metricapi.Model
	pass     *analysis.Pass

	export *metricapi.Export // the module's OTel exporter settings, read on first use
}

// otelExport returns how the module's exporter names OTel instruments.
func (c *checker) otelExport() metricapi.Export {
	if c.export == nil {
		e := metricapi.Exporter(packageDir(c.pass))
		c.export = &e
	}
	return *c.export
}

// packageDir is the directory of the package's first Go file.
func packageDir(pass *analysis.Pass) string {
	for _, f := range pass.Files {
		if name, ok := policy.UserFile(pass.Fset, f); ok && filepath.IsAbs(name) {
			return filepath.Dir(name)
		}
	}
	return ""
}

// reportf reports a finding about d; a metric defined through the
// project's own helper points at the helper's library call as well.
func (c *checker) reportf(d *metricapi.Definition, at token.Pos, format string, args ...any) {
	c.report(d, analysis.Diagnostic{Pos: at, Message: fmt.Sprintf(format, args...)})
}

func (c *checker) report(d *metricapi.Definition, diag analysis.Diagnostic) {
	if d != nil && d.Via != nil {
		diag.Related = d.Via.Related(c.r, "the metric is defined")
	}
	c.r.Report(diag)
}

func pos(d *metricapi.Definition) token.Pos {
	if d.NameTail != nil {
		return d.NameTail.Pos()
	}
	return d.Call.Pos()
}

func (c *checker) check(d *metricapi.Definition) {
	if c.m.ThrowAway(d) {
		return // built to validate labels, never exported
	}
	c.record(d)
	if d.Style == metricapi.StyleConst {
		// The name and labels were checked at NewDesc; here only what the
		// sample's type adds.
		if d.Desc != nil && d.Name.Known && d.Name.Value != "" {
			c.kindChecks(d, d.Name.Value, d.Name.Value, d.Call.Pos(), " (its Desc is defined by prometheus.NewDesc)")
		}
		return
	}
	c.checkLabels(d)
	if d.NameJudged {
		return // a wrapper's own name: judged in its body
	}
	if d.Lib == metricapi.OTel {
		c.checkOTelUnit(d)
	}
	if !d.Name.Known {
		c.checkPartial(d)
		return
	}
	if d.Name.Value == "" {
		return
	}
	suggested := c.textual(d)
	shown := c.exported(d, d.Name.Value)
	c.kindChecks(d, suggested, shown, pos(d), "")
	c.commonChecks(d, suggested, shown)
}

// exported is the name Prometheus will see: for OTel, after the module's
// exporter's translation (invalid characters become '_' unless turned
// off, its namespace is prepended; unit and _total suffixes it appends
// are not part of what the code names).
func (c *checker) exported(d *metricapi.Definition, n string) string {
	if d.Lib != metricapi.OTel {
		return n
	}
	e := c.otelExport()
	if !e.NoEscape {
		n = promSafe(n, false)
	}
	if e.Namespace != "" {
		n = e.Namespace + "_" + n
	}
	return n
}

// counterSuffix reports whether d's exported name must spell _total
// itself: every counter but an OTel one whose exporter appends it.
func (c *checker) counterSuffix(d *metricapi.Definition) bool {
	return d.Kind == metricapi.Counter && (d.Lib != metricapi.OTel || c.otelExport().NoTotal)
}

// unitSuffix reports whether the exporter appends d's unit to its name.
func (c *checker) unitSuffix(d *metricapi.Definition) bool {
	return d.Lib == metricapi.OTel && !c.otelExport().NoUnits
}

// textual reports the problems a rename fixes (characters, case, prefix,
// _total on counters) as one finding with the corrected name, and returns
// that name (the exported form) for the other checks.
func (c *checker) textual(d *metricapi.Definition) string {
	n := d.Name.Value
	var why []string
	fixed := n
	if d.Lib != metricapi.OTel {
		if bad := invalidChars(n); len(bad) > 0 {
			shown := make([]string, len(bad))
			for i, r := range bad {
				shown[i] = strconv.QuoteRune(r)
			}
			why = append(why, "Prometheus names allow only [a-z0-9_] (found "+strings.Join(shown, ", ")+")")
			fixed = promSafe(fixed, true)
		}
		if strings.Contains(fixed, ":") {
			why = append(why, "':' is reserved for recording rules")
			fixed = promSafe(strings.ReplaceAll(fixed, ":", "_"), false)
		}
	}
	if hasUpper(fixed) {
		why = append(why, "names are snake_case")
		fixed = snake(fixed)
	}
	prefixUnfixable := false // the prefix is missing and adding one is not a rename of this name
	var reg metricapi.Registration
	if d.Lib == metricapi.OTel {
		e := c.otelExport()
		reg.Unknown = e.NamespaceUnknown
		if ns := e.Namespace; ns != "" && strings.HasPrefix(promSafe(fixed, false), ns+"_") {
			why = append(why, fmt.Sprintf("the Prometheus exporter's namespace already prepends %q", ns+"_"))
			fixed = fixed[len(ns)+1:]
		}
	} else {
		reg = c.m.Registration(d)
	}
	exp := c.exported(d, fixed)
	if d.Lib == metricapi.OTel {
		exp = promSafe(exp, false) // a dotted name kept as written still has its prefix
	}
	if d.Lib == metricapi.OTel && c.otelExport().Namespace != "" && len(c.prefixes) > 0 && !hasAnyPrefix(exp, c.prefixes) {
		// The namespace is the exporter's: rename only the part the code
		// names, if the wanted prefix starts with the namespace.
		ns := c.otelExport().Namespace + "_"
		why = append(why, fmt.Sprintf("every metric name starts with %s (the Prometheus exporter prepends %q)", quoteList(c.prefixes), ns))
		p := c.prefixes[0]
		if len(c.prefixes) == 1 && strings.HasPrefix(p, ns) && p != ns {
			p = p[len(ns):]
			if strings.Contains(fixed, ".") && strings.HasSuffix(p, "_") {
				p = strings.TrimSuffix(p, "_") + "."
			}
			fixed = p + fixed
		} else {
			prefixUnfixable = true
		}
		reg.Unknown = true // handled here
	}
	if len(c.prefixes) > 0 && !reg.Unknown && !hasAnyPrefix(reg.Prefix+exp, c.prefixes) && reg.Prefix != "" {
		why = append(why, fmt.Sprintf("every metric name starts with %s (the registerer adds %q)", quoteList(c.prefixes), reg.Prefix))
		prefixUnfixable = true
	} else if len(c.prefixes) > 0 && !reg.Unknown && reg.Prefix == "" && !hasAnyPrefix(exp, c.prefixes) {
		why = append(why, "every metric name starts with "+quoteList(c.prefixes))
		prefixUnfixable = len(c.prefixes) > 1
		if len(c.prefixes) == 1 {
			p := c.prefixes[0]
			if d.Lib == metricapi.OTel && strings.Contains(fixed, ".") && strings.HasSuffix(p, "_") {
				p = strings.TrimSuffix(p, "_") + "."
			}
			fixed = p + fixed
		}
	}
	addTotal := false
	if c.counterSuffix(d) && !strings.HasSuffix(fixed, "_total") {
		what := "counters end in _total"
		if d.Lib == metricapi.OTel {
			what += " (the module's Prometheus exporter does not append it)"
		}
		why = append(why, what)
		fixed += "_total"
		addTotal = true
	}
	if len(why) == 0 {
		return c.exported(d, fixed)
	}
	kind := d.Kind.String()
	if d.Kind == metricapi.KindUnknown {
		kind = "metric"
	}
	msg := fmt.Sprintf("%s name %q should be %q: %s", kind, n, fixed, strings.Join(why, "; "))
	if prefixUnfixable {
		msg = fmt.Sprintf("%s name %q: %s", kind, n, strings.Join(why, "; "))
	}
	diag := analysis.Diagnostic{Pos: pos(d), Message: msg}
	if fix, ok := c.rename(d, n, fixed, addTotal && len(why) == 1); ok && !prefixUnfixable {
		diag.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.report(d, diag)
	return c.exported(d, fixed)
}

// rename builds the textual fix: rewrite the literal holding the name.
// onlyTotal permits appending _total to the Name literal of Opts that have
// a namespace or subsystem.
func (c *checker) rename(d *metricapi.Definition, old, fixed string, onlyTotal bool) (analysis.SuggestedFix, bool) {
	lit, ok := ast.Unparen(d.NameTail).(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return analysis.SuggestedFix{}, false
	}
	val, err := strconv.Unquote(lit.Value)
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	var nv string
	switch {
	case d.NameWhole && strings.HasPrefix(val, old):
		nv = fixed + val[len(old):] // VictoriaMetrics keeps its {labels}
	case onlyTotal && !d.NameWhole && !strings.Contains(val, "{"):
		nv = val + "_total"
	default:
		return analysis.SuggestedFix{}, false
	}
	text := strconv.Quote(nv)
	if strings.HasPrefix(lit.Value, "`") && !strings.Contains(nv, "`") {
		text = "`" + nv + "`"
	}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("rename to %q", fixed),
		TextEdits: []analysis.TextEdit{{Pos: lit.Pos(), End: lit.End(), NewText: []byte(text)}},
	}, true
}

func hasAnyPrefix(n string, ps []string) bool {
	if len(ps) == 0 {
		return true
	}
	for _, p := range ps {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}

func quoteList(ps []string) string {
	q := make([]string, len(ps))
	for i, p := range ps {
		q[i] = strconv.Quote(p)
	}
	if len(q) == 1 {
		return q[0]
	}
	return "one of " + strings.Join(q, ", ")
}

// checkPartial checks what is known of a name that is not fully static:
// its known suffix (counter _total) and its known head (prefix).
func (c *checker) checkPartial(d *metricapi.Definition) {
	if d.Lib == metricapi.OTel {
		return
	}
	if s := d.Name.Suffix; d.Kind == metricapi.Counter && s != "" &&
		!strings.HasSuffix(s, "_total") && !strings.HasSuffix("_total", s) && strings.Contains(s, "_") {
		c.reportf(d, pos(d), "counter name ends in %q but counters end in _total; append _total to the name", s)
	}
	if p, _, _ := strings.Cut(d.Name.Prefix, "{"); p != "" && len(invalidChars(p)) > 0 {
		var shown []string
		for _, r := range invalidChars(p) {
			shown = append(shown, strconv.QuoteRune(r))
		}
		c.reportf(d, pos(d), "%s name starts with %q, which has characters Prometheus names do not allow (%s); use [a-z0-9_] only", d.Kind, p, strings.Join(shown, ", "))
		return
	}
	if reg := c.m.Registration(d); reg.Unknown || reg.Prefix != "" {
		return // the registerer may add (or adds) a prefix
	}
	if p := d.Name.Prefix; p != "" && len(c.prefixes) > 0 && !strings.ContainsAny(p, "{") {
		definitelyNot := true
		for _, want := range c.prefixes {
			if strings.HasPrefix(p, want) || strings.HasPrefix(want, p) {
				definitelyNot = false
			}
		}
		if definitelyNot {
			c.reportf(d, pos(d), "%s name starts with %q but every metric name starts with %s; put the prefix first", d.Kind, p, quoteList(c.prefixes))
		}
	}
}

// kindChecks are the checks that depend on the metric type.
func (c *checker) kindChecks(d *metricapi.Definition, n, shown string, at token.Pos, note string) {
	switch d.Kind {
	case metricapi.Counter:
		if d.Style == metricapi.StyleConst && !strings.HasSuffix(n, "_total") {
			c.reportf(d, at, "counter %q does not end in _total%s; counters end in _total: rename it %q", shown, note, n+"_total")
		}
	case metricapi.Gauge, metricapi.Histogram, metricapi.Summary, metricapi.UpDownCounter:
		if strings.HasSuffix(n, "_total") {
			c.reportf(d, at, "%s %q ends in _total, which Prometheus reserves for counters%s; drop _total (or make it a counter if it only goes up)", d.Kind, shown, note)
		}
	}
	if d.Kind == metricapi.Histogram || d.Kind == metricapi.Summary {
		w := hasToken(n, timeWords)
		_, nonBase := unitFix[unitWord(n)]
		seconds := hasToken(n, map[string]bool{"seconds": true}) != "" || baseUnits[unitWord(n)]
		if w != "" && !seconds && !nonBase && !(c.unitSuffix(d) && (d.UnitExpr != nil || d.UnitSet || d.UnitHidden)) {
			how := fmt.Sprintf("observe seconds (time.Since(start).Seconds()) and name it %q", n+"_seconds")
			if c.unitSuffix(d) {
				how = `observe seconds and set metric.WithUnit("s") (the Prometheus exporter then appends _seconds)`
			} else if d.Lib == metricapi.OTel {
				how = fmt.Sprintf("observe seconds and name it %q (the module's Prometheus exporter appends no unit)", d.Name.Value+"_seconds")
			}
			c.reportf(d, at, "%s %q measures %s but its name has no unit%s; %s", d.Kind, shown, w, note, how)
		}
	}
}

// commonChecks are the promlint-style checks on every known name.
func (c *checker) commonChecks(d *metricapi.Definition, n, shown string) {
	at := pos(d)
	if w := unitWord(n); w != "" {
		if f, ok := unitFix[w]; ok {
			c.reportf(d, at, "metric %q uses the non-base unit %q; Prometheus uses base units: %s and name it ..._%s", shown, w, f.how, f.base)
		}
	}
	if w := hasToken(n, typeWords); w != "" {
		c.reportf(d, at, "metric %q has the metric type %q in its name; the type is metadata, not part of the name: remove %q", shown, w, w)
	}
	for _, s := range reservedSuffixes {
		if strings.HasSuffix(n, s) {
			c.reportf(d, at, "metric %q ends in %s, a suffix histograms and summaries use for their series; rename it (e.g. a gauge of items ends in the unit or is a _total counter)", shown, s)
		}
	}
	helpWanted := d.Lib == metricapi.Prometheus && c.help.Prometheus || d.Lib == metricapi.OTel && c.help.OTel
	if helpWanted && d.Help.Known && strings.TrimSpace(d.Help.Value) == "" {
		at := d.Call.Pos()
		if d.HelpExpr != nil {
			at = d.HelpExpr.Pos()
		}
		what := "Help"
		if d.Lib == metricapi.OTel {
			what = "metric.WithDescription (exported as HELP)"
		}
		c.reportf(d, at, "metric %q has no help text; set %s to say what it counts, in which unit", shown, what)
	}
	if d.Lib == metricapi.Prometheus && d.Unit != "" {
		if f, ok := unitFix[strings.ToLower(d.Unit)]; ok {
			at := at
			if d.UnitExpr != nil {
				at = d.UnitExpr.Pos()
			}
			c.reportf(d, at, "metric %q declares the non-base unit %q; %s and set Unit %q", shown, d.Unit, f.how, f.base)
		}
	}
}

// checkOTelUnit checks metric.WithUnit against base units.
func (c *checker) checkOTelUnit(d *metricapi.Definition) {
	if d.UnitExpr == nil || d.Unit == "" {
		return
	}
	if f, ok := otelUnitFix[d.Unit]; ok {
		if !c.unitSuffix(d) {
			c.reportf(d, d.UnitExpr.Pos(), "instrument unit %q is not a base unit; record in %q (metric.WithUnit(%q))", d.Unit, f.base, f.base)
			return
		}
		c.reportf(d, d.UnitExpr.Pos(), "instrument unit %q is not a base unit: the Prometheus exporter will name the metric ..._%s; record in %q (metric.WithUnit(%q))", d.Unit, f.suffix, f.base, f.base)
	}
}

// checkLabels checks declared label names: snake_case, not reserved.
func (c *checker) checkLabels(d *metricapi.Definition) {
	for _, list := range [][]metricapi.Label{d.LabelNames, d.ConstLabels} {
		for _, l := range list {
			if !l.Name.Known || l.Expr == nil {
				continue
			}
			n := l.Name.Value
			at := l.Expr.Pos()
			switch {
			case n == "le" || n == "quantile":
				c.reportf(d, at, "label %q is reserved: histograms use \"le\" and summaries \"quantile\" for their buckets; rename the label", n)
			case strings.HasPrefix(n, "__"):
				c.reportf(d, at, "label %q starts with \"__\", which Prometheus reserves for internal labels; rename it", n)
			case len(invalidChars(strings.ReplaceAll(n, ":", "-"))) > 0 || hasUpper(n):
				c.reportf(d, at, "label name %q is not snake_case ([a-z_][a-z0-9_]*); rename it %q", n, promSafe(snake(n), false))
			}
		}
	}
}

// locals is the package's shared variable index.
func locals(pass *analysis.Pass) *eval.Locals {
	l, _ := pass.ResultOf[eval.Analyzer].(*eval.Locals)
	return l
}
