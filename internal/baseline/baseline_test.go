package baseline

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/finding"
)

func sample() []finding.Finding {
	return []finding.Finding{
		{Rule: "spanrequired", File: "svc/http.go", Line: 10, Column: 2, Func: "(*Server).Serve", Message: "handler has no span"},
		{Rule: "execidfield", File: "svc/run.go", Line: 40, Column: 3, Func: "Run", Message: "error log lacks execution_id"},
		{Rule: "execidfield", File: "svc/run.go", Line: 52, Column: 3, Func: "Run", Message: "error log lacks execution_id"},
		{Rule: "metricnaming", File: "svc/metrics.go", Line: 5, Column: 1, Func: "", Message: `metric "x" lacks prefix noetl_ — «ünïcode»`},
	}
}

func roundTrip(t *testing.T, fs []finding.Finding) *Baseline {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, fs); err != nil {
		t.Fatal(err)
	}
	b, err := Read(&buf)
	if err != nil {
		t.Fatalf("Read(Write(...)): %v", err)
	}
	return b
}

func TestRoundTrip(t *testing.T) {
	b := roundTrip(t, sample())
	if b.Len() != 4 {
		t.Errorf("Len = %d, want 4", b.Len())
	}
	fresh, n := b.Filter(sample())
	if len(fresh) != 0 || n != 4 {
		t.Errorf("Filter = %d fresh, %d baselined; want 0, 4: %v", len(fresh), n, fresh)
	}
	// Writing what was read gives the same bytes: the file is canonical.
	var first, second bytes.Buffer
	Write(&first, sample())
	b.Write(&second)
	if first.String() != second.String() {
		t.Errorf("rewrite differs:\n%s\n---\n%s", first.String(), second.String())
	}
}

func TestFormat(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	want := `{
  "version": 1,
  "findings": [
    {
      "rule": "spanrequired",
      "file": "svc/http.go",
      "func": "(*Server).Serve",
      "message": "handler has no span",
      "count": 1
    },
    {
      "rule": "metricnaming",
      "file": "svc/metrics.go",
      "func": "",
      "message": "metric \"x\" lacks prefix noetl_ — «ünïcode»",
      "count": 1
    },
    {
      "rule": "execidfield",
      "file": "svc/run.go",
      "func": "Run",
      "message": "error log lacks execution_id",
      "count": 2
    }
  ]
}
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	var empty bytes.Buffer
	Write(&empty, nil)
	if got := empty.String(); got != "{\n  \"version\": 1,\n  \"findings\": []\n}\n" {
		t.Errorf("empty baseline: %q", got)
	}
}

func TestLineMovesStayBaselined(t *testing.T) {
	b := roundTrip(t, sample())
	moved := sample()
	for i := range moved {
		moved[i].Line += 7 // lines inserted above every finding
		moved[i].EndLine += 7
		moved[i].Column++
	}
	moved[0].File = "./svc/http.go" // same file, spelled differently
	if fresh, n := b.Filter(moved); len(fresh) != 0 || n != 4 {
		t.Errorf("after moving lines: %d fresh, %d baselined; want 0, 4: %v", len(fresh), n, fresh)
	}
}

func TestNewFindingIsFresh(t *testing.T) {
	b := roundTrip(t, sample())
	changed := []finding.Finding{
		{Rule: "spanrequired", File: "svc/http.go", Func: "(*Server).Other", Message: "handler has no span"},  // other function
		{Rule: "spanrequired", File: "svc/other.go", Func: "(*Server).Serve", Message: "handler has no span"}, // other file
		{Rule: "spanrequired", File: "svc/http.go", Func: "(*Server).Serve", Message: "handler lacks a span"}, // other message
		{Rule: "execidfield", File: "svc/http.go", Func: "(*Server).Serve", Message: "handler has no span"},   // other rule
	}
	fresh, n := b.Filter(append(changed, sample()...))
	if n != 4 || len(fresh) != len(changed) {
		t.Fatalf("got %d fresh, %d baselined; want %d, 4: %v", len(fresh), n, len(changed), fresh)
	}
}

func TestDuplicatesAreCounted(t *testing.T) {
	fs := sample()
	b := roundTrip(t, fs)
	third := fs[2]
	third.Line = 60
	fresh, n := b.Filter(append(fs, third))
	if n != 4 || len(fresh) != 1 {
		t.Fatalf("third copy: %d fresh, %d baselined; want 1, 4", len(fresh), n)
	}
	// Which copy is reported is deterministic: the last in file order.
	if fresh[0].Line != 60 {
		t.Errorf("fresh copy is at line %d, want 60", fresh[0].Line)
	}
	// One copy fixed: nothing fresh, one fewer baselined.
	if fresh, n := b.Filter(append(fs[:2:2], fs[3])); len(fresh) != 0 || n != 3 {
		t.Errorf("one copy fixed: %d fresh, %d baselined; want 0, 3", len(fresh), n)
	}
}

func TestNilBaselineFiltersNothing(t *testing.T) {
	var b *Baseline
	if fresh, n := b.Filter(sample()); len(fresh) != 4 || n != 0 {
		t.Errorf("nil baseline: %d fresh, %d baselined", len(fresh), n)
	}
}

func TestReadErrors(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"empty", "", "baseline is empty"},
		{"blank", " \n\t", "baseline is empty"},
		{"not json", "rule,file\nx,y\n", "line 1, column 1: malformed baseline"},
		{"syntax", "{\n  \"version\": 1,\n  \"findings\": [\n    {\"rule\": \"x\",}\n  ]\n}", "line 4, column 18: malformed baseline"},
		{"truncated", `{"version": 1, "findings": [`, "unexpected end of file"},
		{"wrong type", "{\n\"version\": \"1\"}", "line 2, column 15: malformed baseline: version is string, want int"},
		{"unknown field", `{"version": 1, "entries": []}`, `unknown field "entries"`},
		{"array", `[]`, "malformed baseline"},
		{"trailing", `{"version": 1, "findings": []} {}`, "unexpected data after the baseline object"},
		{"no version", `{"findings": []}`, `no "version" field`},
		{"future version", `{"version": 2, "findings": []}`, "baseline version 2 is not supported (this obscheck reads version 1)"},
		{"missing fields", `{"version": 1, "findings": [{"func": "F", "count": 1}]}`, "baseline finding 1: missing rule, file, message"},
		{"zero count", `{"version": 1, "findings": [{"rule": "r", "file": "f.go", "message": "m", "count": 0}]}`, "baseline finding 1 (r in f.go): count is 0, want at least 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := Read(strings.NewReader(c.in))
			if err == nil {
				t.Fatalf("Read succeeded (%d findings), want error containing %q", b.Len(), c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
		})
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestReadIOError(t *testing.T) {
	_, err := Read(failingReader{})
	if err == nil || !strings.Contains(err.Error(), "reading baseline: disk on fire") {
		t.Errorf("got %v", err)
	}
}

func TestReadMergesRepeatedEntries(t *testing.T) {
	in := `{"version": 1, "findings": [
		{"rule": "r", "file": "a.go", "func": "F", "message": "m", "count": 1},
		{"rule": "r", "file": "./a.go", "func": "F", "message": "m", "count": 2}]}`
	b, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	f := finding.Finding{Rule: "r", File: "a.go", Func: "F", Message: "m"}
	if fresh, n := b.Filter([]finding.Finding{f, f, f, f}); n != 3 || len(fresh) != 1 {
		t.Errorf("got %d fresh, %d baselined; want 1, 3", len(fresh), n)
	}
}
