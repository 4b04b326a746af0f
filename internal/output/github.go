package output

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/obscheck/obscheck/internal/finding"
)

// GitHub workflow commands percent-encode these characters; properties
// also encode ':' and ',', which separate them.
var (
	ghData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// writeGitHub writes ::error (or ::warning) workflow commands, which
// GitHub Actions shows as annotations on the pull request's diff.
func writeGitHub(w io.Writer, findings []finding.Finding, opts Options) error {
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		var b strings.Builder
		fmt.Fprintf(&b, "::%s file=%s", severity(f), ghProperty.Replace(printable(repoPath(f, opts.Root), "\r\n")))
		// A zero line or column means "unknown": leave it out so GitHub
		// annotates the whole file or line instead of a bogus position.
		if f.Line > 0 {
			fmt.Fprintf(&b, ",line=%d", f.Line)
			if f.Column > 0 {
				fmt.Fprintf(&b, ",col=%d", f.Column)
			}
		}
		if f.Line > 0 && f.EndLine > 0 {
			fmt.Fprintf(&b, ",endLine=%d", f.EndLine)
			if f.EndColumn > 0 {
				fmt.Fprintf(&b, ",endColumn=%d", f.EndColumn)
			}
		}
		msg := printable(f.Message, "\r\n")
		for _, r := range f.Related {
			msg += fmt.Sprintf("\n%s:%d: %s", printable(relatedPath(r, opts.Root), "\r\n"), r.Line, printable(r.Message, "\r\n"))
		}
		fmt.Fprintf(&b, ",title=%s::%s\n", ghProperty.Replace("obscheck "+f.Rule), ghData.Replace(msg))
		bw.WriteString(b.String())
	}
	return bw.Flush()
}
