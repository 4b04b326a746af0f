package output

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/obscheck/obscheck/internal/finding"
)

// Checkstyle XML as Jenkins (warnings-ng), reviewdog and SonarQube read
// it: one <file> per file, one <error> per finding.
type (
	csReport struct {
		XMLName xml.Name `xml:"checkstyle"`
		Version string   `xml:"version,attr"`
		Files   []csFile `xml:"file"`
	}
	csFile struct {
		Name   string    `xml:"name,attr"`
		Errors []csError `xml:"error"`
	}
	csError struct {
		Line     int    `xml:"line,attr,omitempty"`
		Column   int    `xml:"column,attr,omitempty"`
		Severity string `xml:"severity,attr"`
		Message  string `xml:"message,attr"`
		Source   string `xml:"source,attr"`
	}
)

// writeCheckstyle writes checkstyle XML. The format has no place for
// related locations: they follow the message, one per line, as in the
// GitHub annotations.
func writeCheckstyle(w io.Writer, findings []finding.Finding, opts Options) error {
	files := map[string]*csFile{}
	var names []string
	for _, f := range findings {
		p := repoPath(f, opts.Root)
		cf := files[p]
		if cf == nil {
			cf = &csFile{Name: p}
			files[p] = cf
			names = append(names, p)
		}
		cf.Errors = append(cf.Errors, csError{
			Line: f.Line, Column: f.Column, Severity: severity(f),
			Message: withRelated(f, opts.Root), Source: "obscheck." + f.Rule,
		})
	}
	slices.Sort(names)
	r := csReport{Version: "5.0"}
	for _, n := range names {
		r.Files = append(r.Files, *files[n])
	}
	return writeXML(w, r)
}

// JUnit XML as GitLab, Jenkins and most CI test reports read it. Each file
// is a test suite and each finding a failed test case. A test case is
// named by its rule and message and classed by its file, never by its
// line: test reports track cases by name across runs, and an edit that
// moves a finding must not turn it into a "new" failure.
type (
	juSuites struct {
		XMLName  xml.Name  `xml:"testsuites"`
		Name     string    `xml:"name,attr"`
		Tests    int       `xml:"tests,attr"`
		Failures int       `xml:"failures,attr"`
		Errors   int       `xml:"errors,attr"`
		Suites   []juSuite `xml:"testsuite"`
	}
	juSuite struct {
		Name     string   `xml:"name,attr"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Errors   int      `xml:"errors,attr"`
		Cases    []juCase `xml:"testcase"`
	}
	juCase struct {
		Name      string    `xml:"name,attr"`
		Classname string    `xml:"classname,attr"`
		Failure   juFailure `xml:"failure"`
	}
	juFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Body    string `xml:",cdata"` // newlines kept as they are
	}
)

// caseName keeps a test case name on one line.
var caseName = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ")

func writeJUnit(w io.Writer, findings []finding.Finding, opts Options) error {
	suites := map[string]*juSuite{}
	var names []string
	seen := map[[2]string]int{}
	for _, f := range findings {
		p := repoPath(f, opts.Root)
		s := suites[p]
		if s == nil {
			s = &juSuite{Name: p}
			suites[p] = s
			names = append(names, p)
		}
		name := f.Rule + ": " + caseName.Replace(f.Message)
		key := [2]string{p, name}
		if seen[key]++; seen[key] > 1 {
			name += fmt.Sprintf(" (%d)", seen[key]) // identical findings stay distinct cases
		}
		pos := position(finding.Finding{File: p, Line: f.Line, Column: f.Column})
		s.Cases = append(s.Cases, juCase{
			Name: name, Classname: p,
			Failure: juFailure{
				Message: pos + ": " + f.Message,
				Type:    severity(f),
				Body:    xmlSafe(pos + ": " + f.Message + " (" + f.Rule + ")" + strings.TrimPrefix(withRelated(f, opts.Root), f.Message) + "\n"),
			},
		})
		s.Tests++
		s.Failures++
	}
	slices.Sort(names)
	r := juSuites{Name: "obscheck", Suites: []juSuite{}}
	for _, n := range names {
		r.Suites = append(r.Suites, *suites[n])
		r.Tests += suites[n].Tests
		r.Failures += suites[n].Failures
	}
	return writeXML(w, r)
}

// withRelated is the message followed by its related places, one per line.
func withRelated(f finding.Finding, root string) string {
	var b strings.Builder
	b.WriteString(f.Message)
	for _, r := range f.Related {
		fmt.Fprintf(&b, "\n%s: %s", position(finding.Finding{File: relatedPath(r, root), Line: r.Line, Column: r.Column}), r.Message)
	}
	return b.String()
}

// xmlSafe replaces the characters XML 1.0 cannot hold at all (most
// control characters) with U+FFFD: encoding/xml does so for text and
// attributes, not for CDATA sections.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || r >= 0xD800 && r <= 0xDFFF:
			return '\uFFFD'
		}
		return r
	}, s)
}

// writeXML writes v indented, after the XML declaration. encoding/xml
// escapes markup and newlines in attributes, and replaces characters
// XML 1.0 cannot hold (most control characters) with U+FFFD.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
