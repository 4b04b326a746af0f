package output

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/finding"
)

// hostile is odd plus a message with control characters XML 1.0 cannot
// hold, an escape sequence and markup.
func hostile(t *testing.T) ([]finding.Finding, Options) {
	fs, opts := odd(t)
	fs = append(fs, finding.Finding{Rule: "execidfield", File: "svc/handler.go", Abs: fs[2].Abs, Line: 6, Column: 2,
		Message: "bell\x07 esc\x1b[31m nul\x00 <b>&amp;</b> ]]> end"})
	return fs, opts
}

func write(t *testing.T, format string, fs []finding.Finding, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, fs, rules, opts); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCodeClimate checks the report against what GitLab Code Quality
// requires of each issue (docs: "Code Quality report format"): a
// description, check_name, unique fingerprint, one of its severities, and
// a location with a relative path and lines.begin.
func TestCodeClimate(t *testing.T) {
	fs, opts := hostile(t)
	var issues []map[string]any
	if err := json.Unmarshal(write(t, CodeClimate, fs, opts), &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != len(fs) {
		t.Fatalf("%d issues for %d findings", len(issues), len(fs))
	}
	severities := map[any]bool{"info": true, "minor": true, "major": true, "critical": true, "blocker": true}
	fingerprints := map[any]bool{}
	related := 0
	for i, is := range issues {
		for _, k := range []string{"description", "check_name", "fingerprint"} {
			if s, _ := is[k].(string); s == "" {
				t.Errorf("issue %d: %s missing or empty: %v", i, k, is)
			}
		}
		if !severities[is["severity"]] {
			t.Errorf("issue %d: severity %v is not one GitLab knows", i, is["severity"])
		}
		if fingerprints[is["fingerprint"]] {
			t.Errorf("issue %d: fingerprint %v not unique", i, is["fingerprint"])
		}
		fingerprints[is["fingerprint"]] = true
		checkCCLocation(t, i, is["location"])
		if other, ok := is["other_locations"].([]any); ok {
			for _, l := range other {
				checkCCLocation(t, i, l)
				related++
			}
		}
	}
	if related != 2 {
		t.Errorf("%d other_locations, want the 2 related places", related)
	}
	if issues[0]["severity"] != "minor" || issues[1]["severity"] != "major" {
		t.Errorf("a warning is minor and an error major: %v, %v", issues[0]["severity"], issues[1]["severity"])
	}
	// Fingerprints ignore lines: moving a finding keeps it.
	moved := append([]finding.Finding(nil), fs...)
	for i := range moved {
		moved[i].Line += 10
		moved[i].EndLine += 10
	}
	var again []map[string]any
	json.Unmarshal(write(t, CodeClimate, moved, opts), &again)
	for i := range issues {
		if issues[i]["fingerprint"] != again[i]["fingerprint"] {
			t.Errorf("issue %d: fingerprint changed when the finding moved", i)
		}
	}
}

func checkCCLocation(t *testing.T, i int, v any) {
	t.Helper()
	loc, _ := v.(map[string]any)
	path, _ := loc["path"].(string)
	if path == "" || filepath.IsAbs(path) || strings.HasPrefix(path, "/") {
		t.Errorf("issue %d: location path %q is not relative", i, path)
	}
	lines, _ := loc["lines"].(map[string]any)
	if b, _ := lines["begin"].(float64); b < 1 {
		t.Errorf("issue %d: location.lines.begin %v, want >= 1", i, lines["begin"])
	}
}

// decodeXML parses strictly: encoding/xml rejects characters XML 1.0
// cannot hold, undeclared entities and unbalanced tags.
func decodeXML(t *testing.T, data []byte, v any) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	if err := d.Decode(v); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, data)
	}
	if tok, err := d.Token(); err != io.EOF && !(err == nil && strings.TrimSpace(string(tok.(xml.CharData))) == "") {
		t.Errorf("content after the root element")
	}
}

// TestCheckstyle checks the shape checkstyle consumers read (Jenkins
// warnings-ng, reviewdog): <checkstyle><file name><error line column
// severity message source>.
func TestCheckstyle(t *testing.T) {
	fs, opts := hostile(t)
	out := write(t, Checkstyle, fs, opts)
	var r struct {
		XMLName xml.Name `xml:"checkstyle"`
		Files   []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Line     string `xml:"line,attr"`
				Severity string `xml:"severity,attr"`
				Message  string `xml:"message,attr"`
				Source   string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	decodeXML(t, out, &r)
	n := 0
	for _, f := range r.Files {
		if f.Name == "" || filepath.IsAbs(f.Name) {
			t.Errorf("file name %q", f.Name)
		}
		for _, e := range f.Errors {
			n++
			if e.Severity != "error" && e.Severity != "warning" || !strings.HasPrefix(e.Source, "obscheck.") || e.Message == "" {
				t.Errorf("bad error %+v", e)
			}
		}
	}
	if n != len(fs) {
		t.Errorf("%d errors for %d findings", n, len(fs))
	}
	if !strings.Contains(string(out), "repo/svc/handler.go:5:6: handler Serve is declared here") {
		t.Errorf("related place missing from the message:\n%s", out)
	}
}

// TestJUnit checks the shape JUnit consumers read (GitLab, Jenkins): the
// counts agree with the test cases, every case has a name and classname,
// and names carry no line numbers, so a moved finding stays the same case.
func TestJUnit(t *testing.T) {
	fs, opts := hostile(t)
	out := write(t, JUnit, fs, opts)
	type tcase struct {
		Name      string `xml:"name,attr"`
		Classname string `xml:"classname,attr"`
		Failure   *struct {
			Message string `xml:"message,attr"`
			Type    string `xml:"type,attr"`
			Body    string `xml:",chardata"`
		} `xml:"failure"`
	}
	var r struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Suites   []struct {
			Name     string  `xml:"name,attr"`
			Tests    int     `xml:"tests,attr"`
			Failures int     `xml:"failures,attr"`
			Cases    []tcase `xml:"testcase"`
		} `xml:"testsuite"`
	}
	decodeXML(t, out, &r)
	total, names := 0, map[string]bool{}
	lineNo := regexp.MustCompile(`\.go:\d`)
	for _, s := range r.Suites {
		if s.Tests != len(s.Cases) || s.Failures != len(s.Cases) {
			t.Errorf("suite %s: tests=%d failures=%d for %d cases", s.Name, s.Tests, s.Failures, len(s.Cases))
		}
		for _, c := range s.Cases {
			total++
			key := c.Classname + "\x00" + c.Name
			if c.Name == "" || c.Classname == "" || names[key] || lineNo.MatchString(key) {
				t.Errorf("case %q/%q: empty, duplicate or with a line number", c.Classname, c.Name)
			}
			names[key] = true
			rule, _, _ := strings.Cut(c.Name, ":")
			if c.Failure == nil || c.Failure.Type != "error" && c.Failure.Type != "warning" || !strings.Contains(c.Failure.Body, "("+rule+")") {
				t.Errorf("case %q: failure %+v", c.Name, c.Failure)
			}
		}
	}
	if total != len(fs) || r.Tests != total || r.Failures != total {
		t.Errorf("testsuites tests=%d failures=%d, cases %d, findings %d", r.Tests, r.Failures, total, len(fs))
	}
	if !strings.Contains(string(out), "\nrepo/svc/handler.go:5:6: handler Serve is declared here") {
		t.Errorf("related place missing from the failure text:\n%s", out)
	}
}

// TestRelatedEverywhere: every format with a place for related locations
// carries them.
func TestRelatedEverywhere(t *testing.T) {
	fs, opts := odd(t)
	for _, format := range Formats {
		out := string(write(t, format, fs, opts))
		if !strings.Contains(out, "handler Serve is declared here") {
			t.Errorf("%s: related location missing:\n%s", format, out)
		}
	}
}
