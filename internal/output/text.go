package output

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/obscheck/obscheck/internal/finding"
)

func writeText(w io.Writer, findings []finding.Finding, ext *extents, opts Options) error {
	bw := bufio.NewWriter(w)
	c := palette(opts.Color)
	for _, f := range findings {
		// One line per finding, nothing a terminal would interpret: a
		// newline would fake a second finding, ESC or CR rewrite the log.
		// Warnings say so as compilers do, which editors' error formats know.
		var sev string
		if severity(f) == Warning {
			sev = c.warn("warning") + ": "
		}
		fmt.Fprintf(bw, "%s: %s%s %s\n", c.bold(printable(position(f), "")), sev, printable(f.Message, ""), c.dim("("+f.Rule+")"))
		if opts.Source {
			writeSource(bw, "", ext, f.Abs, f.Line, f.Column, f.EndLine, f.EndColumn, c)
		}
		// Related places follow, indented, as go vet prints them.
		for _, r := range f.Related {
			fmt.Fprintf(bw, "\t%s: %s\n", c.bold(printable(position(finding.Finding{File: r.File, Line: r.Line, Column: r.Column}), "")), printable(r.Message, ""))
			if opts.Source {
				endLine, endCol := ext.end(r.Abs, r.Line, r.Column)
				writeSource(bw, "\t", ext, r.Abs, r.Line, r.Column, endLine, endCol, c)
			}
		}
	}
	return bw.Flush()
}

// position is path:line:col, dropping the parts that are unknown (zero),
// as go vet does for file-level diagnostics.
func position(f finding.Finding) string {
	switch {
	case f.Line <= 0:
		return f.File
	case f.Column <= 0:
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
}

// Totals is what the summary says besides the findings.
type Totals struct {
	Baselined int // findings the baseline absorbed
	// TestsExcluded: _test.go files were not loaded. go vet and
	// golangci-lint always load them, so the summary says so, or the same
	// code could pass here and fail there without a word.
	TestsExcluded bool
}

// Summary writes one line per rule with its number of findings, then a
// total that says how many are warnings (which do not fail the run), how
// many the baseline absorbed, and whether test files were left out. It is
// meant for stderr, next to a report on stdout or in a file.
func Summary(w io.Writer, findings []finding.Finding, t Totals) error {
	counts := map[string]int{}
	warnings := 0
	for _, f := range findings {
		counts[f.Rule]++
		if severity(f) == Warning {
			warnings++
		}
	}
	rules := make([]string, 0, len(counts))
	for r := range counts {
		rules = append(rules, r)
	}
	slices.Sort(rules)

	bw := bufio.NewWriter(w)
	for _, r := range rules {
		fmt.Fprintf(bw, "%s: %s\n", r, plural(counts[r], "finding"))
	}
	total := "no findings"
	if len(findings) > 0 {
		total = plural(len(findings), "finding")
	}
	var notes []string
	if warnings > 0 {
		notes = append(notes, plural(warnings, "warning")+", not failing the run")
	}
	if t.Baselined > 0 {
		notes = append(notes, fmt.Sprintf("%d baselined, not counted", t.Baselined))
	}
	if len(notes) > 0 {
		total += " (" + strings.Join(notes, "; ") + ")"
	}
	if t.TestsExcluded {
		total += "; tests excluded"
	}
	fmt.Fprintf(bw, "obscheck: %s\n", total)
	return bw.Flush()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
