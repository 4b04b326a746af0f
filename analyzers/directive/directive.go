// Package directive reports //obscheck: suppression directives that are
// malformed, name an unknown rule, or suppress nothing.
package directive

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/obscheck/obscheck/internal/directives"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/report"
	"github.com/obscheck/obscheck/internal/ruledoc"
	"golang.org/x/tools/go/analysis"
)

// Name is the rule name.
const Name = "directive"

// New returns the directive rule judging the suppressions of rules, all
// built from src (analyzers/all.New builds the set).
func New(src *policy.Source, rules []*analysis.Analyzer) *analysis.Analyzer {
	dirs := directives.New(src)
	a := &analysis.Analyzer{
		Name: Name,
		Doc: `report malformed, unknown and unused //obscheck: directives

A suppression is a claim that a finding does not apply; it must say why,
name a real rule, and still suppress something. A stale suppression hides
the next real finding on that line, so it is reported like any finding.`,
		URL:              "https://github.com/obscheck/obscheck/blob/main/docs/rules.md#directive",
		Requires:         append([]*analysis.Analyzer{dirs}, rules...),
		Run:              func(pass *analysis.Pass) (any, error) { return run(pass, src, dirs, rules) },
		RunDespiteErrors: true,
	}
	policy.RegisterFlags(&a.Flags)
	return a
}

// Explain is the long-form documentation.
var Explain = ruledoc.Explain{
	Rationale: "Suppressions rot: code moves, the finding goes away, and the directive stays to hide the next one. Each directive must name known rules, carry a reason, and suppress at least one finding.",
	Bad: `//obscheck:ignore execidfield
log.Error("retrying")            // no reason given

//obscheck:ignore metricnamig typo in the rule name`,
	Good: `//obscheck:ignore execidfield start-up code, no execution exists yet
log.Error("config invalid", "err", err)

//obscheck:file-ignore metricnaming vendored exporter keeps upstream names`,
	Notes: "Syntax: `//obscheck:ignore RULE[,RULE] reason` on the reported line or the line above it; `//obscheck:file-ignore RULE[,RULE] reason` anywhere in the file. No space after `//`, as with `//go:` directives.",
}

func run(pass *analysis.Pass, src *policy.Source, dirs *analysis.Analyzer, rules []*analysis.Analyzer) (any, error) {
	if report.Dependency(pass) {
		return nil, nil
	}
	pol, err := src.For(pass)
	if err != nil {
		return nil, err
	}
	if !pol.Enabled(Name) {
		return nil, nil
	}
	ix := pass.ResultOf[dirs].(*directives.Index)
	used := map[*directives.Directive]bool{}
	// A rule that did not run here (a package with type errors runs only
	// the analyzers that run despite errors) is known but not judged.
	ran := map[string]bool{}
	for _, a := range rules {
		ran[a.Name] = false
		u, _ := pass.ResultOf[a].(*report.Used)
		if u == nil {
			continue
		}
		ran[u.Rule] = u.Ran
		for _, d := range u.Dirs {
			used[d] = true
		}
	}
	for _, d := range ix.All {
		if ix.Skip(d.Pos) {
			continue
		}
		if d.Err != "" {
			pass.Reportf(d.Pos, "malformed obscheck directive: %s", d.Err)
			continue
		}
		var unknown []string
		for _, r := range d.Rules {
			if _, known := ran[r]; !known {
				unknown = append(unknown, r)
			}
		}
		if len(unknown) > 0 {
			pass.Reportf(d.Pos, "obscheck directive names unknown rule %s; known rules: %s",
				strings.Join(quote(unknown), ", "), strings.Join(ruleNames(rules), ", "))
			continue
		}
		if used[d] {
			continue
		}
		// Judge only when every named rule ran: a disabled rule might
		// have used it.
		judged := true
		for _, r := range d.Rules {
			judged = judged && ran[r]
		}
		if judged {
			pos, end := removal(pass, d)
			pass.Report(analysis.Diagnostic{
				Pos:     d.Pos,
				Message: fmt.Sprintf("obscheck directive suppresses nothing: no %s finding here any more; remove it so it cannot hide a future finding", strings.Join(d.Rules, "/")),
				SuggestedFixes: []analysis.SuggestedFix{{
					Message:   "Remove the unused directive",
					TextEdits: []analysis.TextEdit{{Pos: pos, End: end}},
				}},
			})
		}
	}
	return nil, nil
}

func quote(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

func ruleNames(rules []*analysis.Analyzer) []string {
	names := make([]string, len(rules))
	for i, a := range rules {
		names[i] = a.Name
	}
	return names
}

// removal is the range that removes directive d: its whole line when it
// stands alone (with the bare "//" gofmt puts before a directive in a doc
// comment), so no blank line detaches a doc comment from its declaration;
// else just the comment.
func removal(pass *analysis.Pass, d *directives.Directive) (token.Pos, token.Pos) {
	tf := pass.Fset.File(d.Pos)
	if tf == nil {
		return d.Pos, d.End()
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil || tf.Size() != len(src) {
		return d.Pos, d.End()
	}
	line := directives.Line(tf, d.Pos) // LineStart takes a physical line
	start := tf.Offset(tf.LineStart(line))
	if strings.TrimSpace(string(src[start:tf.Offset(d.Pos)])) != "" {
		return d.Pos, d.End() // code before it on the line
	}
	end := tf.Offset(d.End())
	if end < len(src) && src[end] == '\r' {
		end++ // a CRLF file
	}
	if end < len(src) && src[end] == '\n' {
		end++
	}
	if line > 1 {
		prev := tf.Offset(tf.LineStart(line - 1))
		if strings.TrimSpace(string(src[prev:start])) == "//" {
			start = prev
		}
	}
	return tf.Pos(start), tf.Pos(end)
}
