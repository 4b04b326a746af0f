// Package all lists every obscheck rule and builds the analyzer set, in
// documentation order.
package all

import (
	"github.com/obscheck/obscheck/analyzers/directive"
	"github.com/obscheck/obscheck/analyzers/execidfield"
	"github.com/obscheck/obscheck/analyzers/labelcardinality"
	"github.com/obscheck/obscheck/analyzers/metricnaming"
	"github.com/obscheck/obscheck/analyzers/otelinit"
	"github.com/obscheck/obscheck/analyzers/sanitizeboundary"
	"github.com/obscheck/obscheck/analyzers/spancorrelation"
	"github.com/obscheck/obscheck/analyzers/spanrequired"
	"github.com/obscheck/obscheck/analyzers/spanstatus"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/ruledoc"
	"golang.org/x/tools/go/analysis"
)

// Rule is one rule: its analyzer with the default policy source, how to
// build it from another, and its long-form documentation.
type Rule struct {
	Analyzer *analysis.Analyzer
	New      func(*policy.Source) *analysis.Analyzer // nil for the directive rule, built by New
	Explain  *ruledoc.Explain
}

// Rules lists every rule, the directive rule last.
var Rules = []Rule{
	{spanrequired.Analyzer, spanrequired.New, &spanrequired.Explain},
	{metricnaming.Analyzer, metricnaming.New, &metricnaming.Explain},
	{execidfield.Analyzer, execidfield.New, &execidfield.Explain},
	{labelcardinality.Analyzer, labelcardinality.New, &labelcardinality.Explain},
	{sanitizeboundary.Analyzer, sanitizeboundary.New, &sanitizeboundary.Explain},
	{otelinit.Analyzer, otelinit.New, &otelinit.Explain},
	{spanstatus.Analyzer, spanstatus.New, &spanstatus.Explain},
	{spancorrelation.Analyzer, spancorrelation.New, &spancorrelation.Explain},
	{directive.New(nil, defaults()), nil, &directive.Explain},
}

// defaults is the package-level analyzer of every rule but directive.
func defaults() []*analysis.Analyzer {
	return []*analysis.Analyzer{spanrequired.Analyzer, metricnaming.Analyzer, execidfield.Analyzer,
		labelcardinality.Analyzer, sanitizeboundary.Analyzer, otelinit.Analyzer, spanstatus.Analyzer, spancorrelation.Analyzer}
}

// Analyzers returns every rule's analyzer with the default policy source
// (each package's nearest .obscheck.yaml, the analyzers' flags or
// $OBSCHECK_CONFIG): what go vet, nogo and golangci-lint without settings
// run.
func Analyzers() []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(Rules))
	for i, r := range Rules {
		out[i] = r.Analyzer
	}
	return out
}

// New returns every rule's analyzer built from src, the directive rule
// last.
func New(src *policy.Source) []*analysis.Analyzer {
	if src == nil {
		return Analyzers()
	}
	var rules []*analysis.Analyzer
	for _, r := range Rules {
		if r.New != nil {
			rules = append(rules, r.New(src))
		}
	}
	return append(rules, directive.New(src, rules))
}

// Lookup returns the rule with the given name.
func Lookup(name string) (Rule, bool) {
	for _, r := range Rules {
		if r.Analyzer.Name == name {
			return r, true
		}
	}
	return Rule{}, false
}
