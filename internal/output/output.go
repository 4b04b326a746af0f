// Package output writes findings as text, JSON, SARIF 2.1.0, GitHub
// workflow commands, GitLab Code Quality (Code Climate JSON), checkstyle
// XML or JUnit XML. Every format sorts findings with finding.Less, so a
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
// The names are golangci-lint's (output.formats) where it has the format.
const (
	Text        = "text"
	JSON        = "json"
	SARIF       = "sarif"
	GitHub      = "github"
	CodeClimate = "code-climate" // GitLab Code Quality
	Checkstyle  = "checkstyle"
	JUnit       = "junit-xml"
)

// Formats lists the formats in the order a --format flag help shows them.
var Formats = []string{Text, JSON, SARIF, GitHub, CodeClimate, Checkstyle, JUnit}

// Severities of a finding (finding.Finding.Severity; "" is Error).
const (
	Error   = "error"
	Warning = "warning"
)

// severity is f's severity, Error when unset.
func severity(f finding.Finding) string {
	if f.Severity == Warning {
		return Warning
	}
	return Error
}

// DocsURL is where rule documentation lives; a rule's anchor is appended.
const DocsURL = "https://github.com/obscheck/obscheck/blob/main/docs/rules.md"

// RuleInfo describes one analyzer for SARIF's rules[] table.
type RuleInfo struct {
	Name    string // rule name, e.g. "spanrequired"
	Short   string // one-line summary (first line of Analyzer.Doc)
	Full    string // full description
	HelpURI string // defaults to DocsURL#Name
	// Help is the rule's documentation (what `obscheck explain` prints)
	// and HelpMarkdown the same as Markdown (its section of
	// docs/rules.md); SARIF viewers show them beside each result.
	Help, HelpMarkdown string
	// Level is the rule's severity in the policy of the directory obscheck
	// ran in (SARIF's defaultConfiguration); "" is Error.
	Level string
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
	// Source prints each finding's source line with a caret under what it
	// reports (text; related places too), as golangci-lint does.
	Source bool
	// Color marks up text with ANSI colours (for a terminal).
	Color bool
}

// Write writes findings to w in format. rules is used by SARIF only.
func Write(w io.Writer, format string, findings []finding.Finding, rules []RuleInfo, opts Options) error {
	sorted := slices.Clone(findings)
	slices.SortStableFunc(sorted, finding.Compare)
	ext := &extents{}
	for i := range sorted {
		f := &sorted[i]
		if f.Line > 0 && (f.EndLine < f.Line || f.EndLine == f.Line && f.EndColumn <= f.Column) {
			f.EndLine, f.EndColumn = ext.end(f.Abs, f.Line, f.Column)
		}
	}
	switch format {
	case Text:
		return writeText(w, sorted, ext, opts)
	case JSON:
		return writeJSON(w, sorted)
	case SARIF:
		return writeSARIF(w, sorted, rules, ext, opts)
	case GitHub:
		return writeGitHub(w, sorted, opts)
	case CodeClimate:
		return writeCodeClimate(w, sorted, ext, opts)
	case Checkstyle:
		return writeCheckstyle(w, sorted, opts)
	case JUnit:
		return writeJUnit(w, sorted, opts)
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
