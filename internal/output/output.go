// Package output writes findings as text, JSON, SARIF 2.1.0 or GitHub
// workflow commands. Every format sorts findings with finding.Less, so a
// report is byte-identical across runs.
package output

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/obscheck/obscheck/internal/finding"
)

// The formats accepted by Write.
const (
	Text   = "text"
	JSON   = "json"
	SARIF  = "sarif"
	GitHub = "github"
)

// Formats lists the formats in the order a --format flag help shows them.
var Formats = []string{Text, JSON, SARIF, GitHub}

// DocsURL is where rule documentation lives; a rule's anchor is appended.
const DocsURL = "https://github.com/obscheck/obscheck/blob/main/docs/rules.md"

// RuleInfo describes one analyzer for SARIF's rules[] table.
type RuleInfo struct {
	Name    string // rule name, e.g. "spanrequired"
	Short   string // one-line summary (first line of Analyzer.Doc)
	Full    string // full description
	HelpURI string // defaults to DocsURL#Name
}

// Options carries what some formats need beyond the findings.
type Options struct {
	// Root is the absolute repository root. SARIF and GitHub paths are made
	// relative to it (from Finding.Abs), because code scanning resolves
	// them against the checkout, not the directory obscheck ran in.
	// Empty: Finding.File is used as is.
	Root string
	// Version is the tool version recorded in SARIF.
	Version string
}

// Write writes findings to w in format. rules is used by SARIF only.
func Write(w io.Writer, format string, findings []finding.Finding, rules []RuleInfo, opts Options) error {
	sorted := slices.Clone(findings)
	slices.SortStableFunc(sorted, finding.Compare)
	switch format {
	case Text:
		return writeText(w, sorted)
	case JSON:
		return writeJSON(w, sorted)
	case SARIF:
		return writeSARIF(w, sorted, rules, opts)
	case GitHub:
		return writeGitHub(w, sorted, opts)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// repoPath is f's slash path relative to root, or f.File when that cannot
// be computed (no root, no absolute path, or a file outside the root).
func repoPath(f finding.Finding, root string) string {
	if root != "" && f.Abs != "" {
		rel, err := filepath.Rel(root, f.Abs)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(f.File)
}

// relatedPath is repoPath for a related location.
func relatedPath(r finding.Related, root string) string {
	return repoPath(finding.Finding{File: r.File, Abs: r.Abs}, root)
}

// uriOf escapes a slash path as a relative URI reference (spaces, %, #...).
func uriOf(p string) string {
	u := url.URL{Path: p}
	return u.String() // "./" is prefixed when a first segment has a colon

}
