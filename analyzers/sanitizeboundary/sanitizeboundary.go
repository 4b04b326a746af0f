// Package sanitizeboundary implements the sanitizeboundary rule: report sensitive values that reach logs, spans or labels unsanitized.
package sanitizeboundary

import (
	"github.com/obscheck/obscheck/internal/directives"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/report"
	"github.com/obscheck/obscheck/internal/ruledoc"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

// Name is the rule name.
const Name = "sanitizeboundary"

// Analyzer is the sanitizeboundary rule.
var Analyzer = &analysis.Analyzer{
	Name:       Name,
	Doc:        `report sensitive values that reach logs, spans or labels unsanitized`,
	URL:        "https://github.com/obscheck/obscheck/blob/main/docs/rules.md#sanitizeboundary",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, directives.Analyzer},
	Run:        run,
	ResultType: report.ResultType,
}

// Explain is the long-form documentation.
var Explain = ruledoc.Explain{}

func init() { policy.RegisterFlags(&Analyzer.Flags) }

func run(pass *analysis.Pass) (any, error) {
	pol, err := policy.For(pass)
	if err != nil {
		return nil, err
	}
	if !pol.Enabled(Name) {
		return report.Disabled(Name), nil
	}
	r := report.New(pass, Name)
	return r.Result(), nil
}
