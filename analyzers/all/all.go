// Package all lists every obscheck analyzer, in documentation order.
package all

import (
	"github.com/obscheck/obscheck/analyzers/directive"
	"github.com/obscheck/obscheck/analyzers/execidfield"
	"github.com/obscheck/obscheck/analyzers/labelcardinality"
	"github.com/obscheck/obscheck/analyzers/metricnaming"
	"github.com/obscheck/obscheck/analyzers/sanitizeboundary"
	"github.com/obscheck/obscheck/analyzers/spanrequired"
	"github.com/obscheck/obscheck/internal/ruledoc"
	"golang.org/x/tools/go/analysis"
)

// Rule is one rule: its analyzer and its long-form documentation.
type Rule struct {
	Analyzer *analysis.Analyzer
	Explain  *ruledoc.Explain
}

// Rules lists every rule, the directive rule last.
var Rules = []Rule{
	{spanrequired.Analyzer, &spanrequired.Explain},
	{metricnaming.Analyzer, &metricnaming.Explain},
	{execidfield.Analyzer, &execidfield.Explain},
	{labelcardinality.Analyzer, &labelcardinality.Explain},
	{sanitizeboundary.Analyzer, &sanitizeboundary.Explain},
	{directive.Analyzer, &directive.Explain},
}

// Analyzers returns every rule's analyzer.
func Analyzers() []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(Rules))
	for i, r := range Rules {
		out[i] = r.Analyzer
	}
	return out
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
