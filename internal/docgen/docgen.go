// Package docgen renders rule documentation from the analyzers' Doc and
// Explain and from the policy schema: `obscheck explain` prints Text, and
// docs/rules.md is Markdown (a test keeps the committed file current).
package docgen

import (
	"fmt"
	"strings"

	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/internal/policy"
)

// Text renders one rule for the terminal.
func Text(r all.Rule) string {
	var b strings.Builder
	short, long := split(r.Analyzer.Doc)
	fmt.Fprintf(&b, "%s: %s\n", r.Analyzer.Name, short)
	if long != "" {
		fmt.Fprintf(&b, "\n%s\n", long)
	}
	e := r.Explain
	for _, sec := range []struct{ title, body string }{
		{"Why", e.Rationale}, {"Bad", e.Bad}, {"Good", e.Good}, {"Notes", e.Notes},
	} {
		if sec.body != "" {
			fmt.Fprintf(&b, "\n%s:\n%s\n", sec.title, indent(sec.body))
		}
	}
	if opts := policy.RuleOptions(r.Analyzer.Name); len(opts) > 0 {
		b.WriteString("\nOptions (.obscheck.yaml):\n")
		for _, o := range opts {
			fmt.Fprintf(&b, "    %s: %s\n", o.Key, o.Default)
			if o.Doc != "" {
				fmt.Fprintf(&b, "        %s\n", o.Doc)
			}
		}
	}
	fmt.Fprintf(&b, "\nSuppress: //obscheck:ignore %s reason\n", r.Analyzer.Name)
	return b.String()
}

// Markdown renders the rules reference, docs/rules.md.
func Markdown(rules []all.Rule) string {
	var b strings.Builder
	b.WriteString("# obscheck rules\n\n")
	b.WriteString("<!-- Generated from the analyzers' Doc and Explain by `go test ./internal/docgen -update`. Do not edit. -->\n\n")
	b.WriteString("| rule | what it checks |\n|---|---|\n")
	for _, r := range rules {
		short, _ := split(r.Analyzer.Doc)
		fmt.Fprintf(&b, "| [%s](#%s) | %s |\n", r.Analyzer.Name, r.Analyzer.Name, short)
	}
	for _, r := range rules {
		fmt.Fprintf(&b, "\n## %s\n\n%s", r.Analyzer.Name, Section(r, "###"))
	}
	return b.String()
}

func split(doc string) (short, long string) {
	short, long, _ = strings.Cut(doc, "\n")
	return strings.TrimSpace(short), strings.TrimSpace(long)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
}

// Section renders one rule's documentation as Markdown, its subsections
// headed by h ("###" in docs/rules.md): what SARIF viewers show as the
// rule's help.
func Section(r all.Rule, h string) string {
	var b strings.Builder
	short, long := split(r.Analyzer.Doc)
	fmt.Fprintf(&b, "%s.\n", capitalize(short))
	if long != "" {
		fmt.Fprintf(&b, "\n%s\n", long)
	}
	e := r.Explain
	if e.Rationale != "" {
		fmt.Fprintf(&b, "\n%s Why\n\n%s\n", h, e.Rationale)
	}
	if e.Bad != "" {
		fmt.Fprintf(&b, "\n%s Bad\n\n```go\n%s\n```\n", h, strings.TrimRight(e.Bad, "\n"))
	}
	if e.Good != "" {
		fmt.Fprintf(&b, "\n%s Good\n\n```go\n%s\n```\n", h, strings.TrimRight(e.Good, "\n"))
	}
	if e.Notes != "" {
		fmt.Fprintf(&b, "\n%s Notes\n\n%s\n", h, e.Notes)
	}
	if opts := policy.RuleOptions(r.Analyzer.Name); len(opts) > 0 {
		fmt.Fprintf(&b, "\n%s Options\n\n| key | default | meaning |\n|---|---|---|\n", h)
		for _, o := range opts {
			fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", o.Key, o.Default, o.Doc)
		}
	}
	fmt.Fprintf(&b, "\nSuppress with `//obscheck:ignore %s <reason>`.\n", r.Analyzer.Name)
	return b.String()
}
