// Package execidfield implements the execidfield rule: require the correlation field on WARN and ERROR log calls.
package execidfield

import (
	"github.com/obscheck/obscheck/internal/directives"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/report"
	"github.com/obscheck/obscheck/internal/ruledoc"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

// Name is the rule name.
const Name = "execidfield"

// Analyzer is the execidfield rule.
var Analyzer = &analysis.Analyzer{
	Name:       Name,
	Doc:        `require the correlation field on WARN and ERROR log calls`,
	URL:        "https://github.com/obscheck/obscheck/blob/main/docs/rules.md#execidfield",
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
