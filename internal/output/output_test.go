package output

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/finding"
	"github.com/obscheck/obscheck/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

var rules = []RuleInfo{
	{Name: "spanrequired", Short: "handlers must run inside a span", Full: "Every HTTP handler must start or inherit a span.\nOtherwise traces break.",
		Help: "spanrequired: handlers must run inside a span\n\nWhy:\n    traces break", HelpMarkdown: "Handlers must run inside a span.\n\n### Why\n\nTraces break.\n", Level: Warning},
	{Name: "metricnaming", Short: "metric names need the prefix", HelpURI: "https://example.com/rules#metricnaming"},
}

// odd holds findings that stress escaping and ordering: unsorted input,
// newlines, %, commas and colons, unicode, a path with a space, duplicates,
// a rule missing from the rules table and a file-level finding.
func odd(t *testing.T) ([]finding.Finding, Options) {
	// Root is testdata while File is relative to testdata/repo (the
	// working directory): text keeps File, SARIF and GitHub use the root.
	root, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(root, "repo")
	handler := filepath.Join(repo, "svc", "handler.go")
	fs := []finding.Finding{
		{Rule: "spanrequired", File: "svc/z.go", Abs: filepath.Join(repo, "svc", "z.go"), Line: 9, Column: 2, EndLine: 9, EndColumn: 10,
			Message: "handler Serve has no span; wrap it:\n  otelhttp.NewHandler(h, \"name\")", Func: "(*Server).Serve",
			Related: []finding.Related{{File: "svc/handler.go", Abs: handler, Line: 5, Column: 6, Message: "handler Serve is declared here"},
				{File: "svc/a b,c.go", Abs: filepath.Join(repo, "svc", "a b,c.go"), Line: 2, Column: 1, Message: "registered: 100%, a:b"}}},
		{Rule: "metricnaming", Severity: Warning, File: "svc/a b,c.go", Abs: filepath.Join(repo, "svc", "a b,c.go"), Line: 3, Column: 5, EndLine: 3, EndColumn: 20,
			Message: "metric \"requests_total\" lacks prefix noetl_ (100% of names must have it), rename: noetl_requests_total",
			Fixes:   []finding.Fix{{Message: "add prefix", Edits: []finding.Edit{{File: "svc/a b,c.go", Start: 40, End: 56, New: `"noetl_requests_total"`, Line: 3, Column: 5}}}}},
		// Reported at a position only (Reportf): the region is the literal.
		{Rule: "sanitizeboundary", File: "svc/handler.go", Abs: handler, Line: 6, Column: 32, EndLine: 6, EndColumn: 32,
			Message: "key \"user\" logs a raw username — «sensitive» 😀; pass it through a sanitizer", Func: "Handle"},
		{Rule: "sanitizeboundary", File: "svc/handler.go", Abs: handler, Line: 6, Column: 32, EndLine: 6, EndColumn: 38,
			Message: "key \"user\" logs a raw username — «sensitive» 😀; pass it through a sanitizer", Func: "Handle",
			Fixes: []finding.Fix{{Message: "no edits"}}},
		{Rule: "directive", File: "svc/doc.go", Abs: filepath.Join(repo, "svc", "doc.go"), Message: "file-ignore for spanrequired suppresses nothing\r\nremove it"},
	}
	return fs, Options{Root: root, Version: "v0.1.0-test"}
}

func TestGolden(t *testing.T) {
	oddFindings, oddOpts := odd(t)
	cases := []struct {
		name     string
		findings []finding.Finding
		opts     Options
	}{
		{"empty", nil, Options{Version: "v0.1.0-test"}},
		{"odd", oddFindings, oddOpts},
	}
	for _, c := range cases {
		for _, format := range Formats {
			t.Run(c.name+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Write(&buf, format, c.findings, rules, c.opts); err != nil {
					t.Fatal(err)
				}
				golden(t, filepath.Join("testdata", c.name+"."+format+".golden"), buf.Bytes())

				var again bytes.Buffer
				if err := Write(&again, format, c.findings, rules, c.opts); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(buf.Bytes(), again.Bytes()) {
					t.Errorf("two runs differ:\n%s\n---\n%s", buf.Bytes(), again.Bytes())
				}
			})
		}
	}
}

// TestTextSource: the source line and a caret under the reported
// expression (related places too), with and without colour.
func TestTextSource(t *testing.T) {
	fs, opts := odd(t)
	var buf bytes.Buffer
	opts.Source = true
	if err := Write(&buf, Text, fs, rules, opts); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("--- colour\n")
	opts.Color = true
	if err := Write(&buf, Text, fs[2:3], rules, opts); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/odd.text-source.golden", buf.Bytes())
}

func TestSummaryGolden(t *testing.T) {
	fs, _ := odd(t)
	var buf bytes.Buffer
	if err := Summary(&buf, fs, Totals{Baselined: 3}); err != nil {
		t.Fatal(err)
	}
	if err := Summary(&buf, nil, Totals{}); err != nil {
		t.Fatal(err)
	}
	if err := Summary(&buf, fs[:1], Totals{Baselined: 1, TestsExcluded: true}); err != nil {
		t.Fatal(err)
	}
	if err := Summary(&buf, nil, Totals{TestsExcluded: true}); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/summary.golden", buf.Bytes())
}

func TestUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "xml", nil, nil, Options{})
	if err == nil || !strings.Contains(err.Error(), `"xml"`) || !strings.Contains(err.Error(), "sarif") {
		t.Fatalf("got %v, want an error naming the format and the valid ones", err)
	}
}

func TestWriteDoesNotReorderInput(t *testing.T) {
	fs, opts := odd(t)
	first := fs[0]
	if err := Write(&bytes.Buffer{}, Text, fs, rules, opts); err != nil {
		t.Fatal(err)
	}
	if fs[0].File != first.File || fs[0].Line != first.Line {
		t.Errorf("Write sorted the caller's slice")
	}
}

func TestUTF16Columns(t *testing.T) {
	abs, err := filepath.Abs("testdata/repo/svc/handler.go")
	if err != nil {
		t.Fatal(err)
	}
	m := columnMapper{&extents{}}
	// Line 6 is `\tslog.Error("échec — 😀", "user", "x")`: "user" starts at
	// byte column 32; é and — are one UTF-16 unit each, 😀 two.
	for _, c := range []struct{ line, col, want int }{
		{6, 1, 1}, {6, 13, 13}, {6, 32, 27}, {6, 0, 0}, {99, 5, 5}, {6, 999, 999},
	} {
		if got := m.utf16(abs, c.line, c.col); got != c.want {
			t.Errorf("utf16(line %d, col %d) = %d, want %d", c.line, c.col, got, c.want)
		}
	}
	if got := m.utf16(filepath.Join(filepath.Dir(abs), "missing.go"), 1, 7); got != 7 {
		t.Errorf("unreadable file: got %d, want the byte column 7", got)
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	testutil.Golden(t, path, got, *update)
}

func TestRepoPathAndURI(t *testing.T) {
	root := filepath.FromSlash("/src/repo")
	for _, c := range []struct {
		f         finding.Finding
		path, uri string
	}{
		{finding.Finding{File: "a.go", Abs: filepath.FromSlash("/src/repo/mod/a.go")}, "mod/a.go", "mod/a.go"},
		// Outside the root (a replaced module next to it): keep File.
		{finding.Finding{File: "../other/b.go", Abs: filepath.FromSlash("/src/other/b.go")}, "../other/b.go", "../other/b.go"},
		{finding.Finding{File: "c.go"}, "c.go", "c.go"},
		{finding.Finding{File: "x", Abs: filepath.FromSlash("/src/repo/..x/d e#1%.go")}, "..x/d e#1%.go", "..x/d%20e%231%25.go"},
		// A colon in the first segment would read as a URI scheme.
		{finding.Finding{File: "x", Abs: filepath.FromSlash("/src/repo/a:b.go")}, "a:b.go", "./a:b.go"},
	} {
		p := repoPath(c.f, root)
		if p != c.path {
			t.Errorf("repoPath(%q) = %q, want %q", c.f.Abs, p, c.path)
		}
		if u := uriOf(p); u != c.uri {
			t.Errorf("uriOf(%q) = %q, want %q", p, u, c.uri)
		}
	}
}
