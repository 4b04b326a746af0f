package output

import (
	"bufio"
	"fmt"
	"io"
	"slices"

	"github.com/obscheck/obscheck/internal/finding"
)

func writeText(w io.Writer, findings []finding.Finding) error {
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		// One line per finding, nothing a terminal would interpret: a
		// newline would fake a second finding, ESC or CR rewrite the log.
		fmt.Fprintf(bw, "%s: %s (%s)\n", printable(position(f), ""), printable(f.Message, ""), f.Rule)
		// Related places follow, indented, as go vet prints them.
		for _, r := range f.Related {
			fmt.Fprintf(bw, "\t%s: %s\n", printable(position(finding.Finding{File: r.File, Line: r.Line, Column: r.Column}), ""), printable(r.Message, ""))
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

// Summary writes one line per rule with its number of findings, then a
// total that says how many findings the baseline absorbed. It is meant for
// stderr, next to a report on stdout or in a file.
func Summary(w io.Writer, findings []finding.Finding, baselined int) error {
	counts := map[string]int{}
	for _, f := range findings {
		counts[f.Rule]++
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
	if baselined > 0 {
		total += fmt.Sprintf(" (%d baselined, not counted)", baselined)
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
