package output

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/obscheck/obscheck/internal/finding"
)

// GitLab Code Quality reads a subset of the Code Climate issue format:
// description, check_name, fingerprint, severity, location.path and
// location.lines.begin are required; the rest is Code Climate's and
// ignored by GitLab.
type (
	ccIssue struct {
		Type           string       `json:"type"`
		CheckName      string       `json:"check_name"`
		Description    string       `json:"description"`
		Content        *ccContent   `json:"content,omitempty"`
		Categories     []string     `json:"categories"`
		Location       ccLocation   `json:"location"`
		OtherLocations []ccLocation `json:"other_locations,omitempty"`
		Severity       string       `json:"severity"`
		Fingerprint    string       `json:"fingerprint"`
	}
	ccLocation struct {
		Path  string  `json:"path"`
		Lines ccLines `json:"lines"`
	}
	ccContent struct {
		Body string `json:"body"` // Markdown
	}
	ccLines struct {
		Begin int `json:"begin"`
		End   int `json:"end"`
	}
)

// writeCodeClimate writes a GitLab Code Quality report: a JSON array of
// issues whose paths are relative to the repository root. The fingerprint
// has no line number in it (as SARIF's), so GitLab matches an issue
// across a merge request's edits instead of reporting it fixed and new.
func writeCodeClimate(w io.Writer, findings []finding.Finding, ext *extents, opts Options) error {
	out := []ccIssue{}
	seen := map[string]int{}
	for _, f := range findings {
		p := repoPath(f, opts.Root)
		fp := fingerprint(f, p)
		seen[fp]++
		sum := sha256.Sum256(fmt.Appendf(nil, "%s:%d", fp, seen[fp]))
		is := ccIssue{
			Type:        "issue",
			CheckName:   f.Rule,
			Description: f.Message,
			Categories:  []string{category(f.Rule)},
			Location:    ccLocation{Path: p, Lines: lines(f.Line, f.EndLine)},
			Severity:    "major",
			Fingerprint: hex.EncodeToString(sum[:16]),
		}
		if severity(f) == Warning {
			is.Severity = "minor"
		}
		// other_locations has no messages: content (Code Climate's
		// Markdown body) says what each place is.
		var body strings.Builder
		for _, r := range f.Related {
			endLine, _ := ext.end(r.Abs, r.Line, r.Column)
			rp := relatedPath(r, opts.Root)
			is.OtherLocations = append(is.OtherLocations, ccLocation{Path: rp, Lines: lines(r.Line, endLine)})
			fmt.Fprintf(&body, "- `%s`: %s\n", position(finding.Finding{File: rp, Line: r.Line, Column: r.Column}), r.Message)
		}
		if body.Len() > 0 {
			is.Content = &ccContent{Body: body.String()}
		}
		out = append(out, is)
	}
	return encode(w, out)
}

// lines is a Code Climate line range; a file-level finding (line 0) is
// placed on line 1, as the format has no "whole file".
func lines(begin, end int) ccLines {
	begin = max(begin, 1)
	return ccLines{Begin: begin, End: max(end, begin)}
}

// category is the Code Climate category: leaking secrets is a security
// issue, every other rule guards against blind spots in production.
func category(rule string) string {
	if rule == "sanitizeboundary" {
		return "Security"
	}
	return "Bug Risk"
}
