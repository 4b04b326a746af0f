package fix

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/finding"
)

const src = "package p\n\nvar a = 1\nvar b = 2\nvar c = 3\n"

func write(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.go")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// replace makes a finding whose fix replaces the first occurrence of old.
func replace(path, old, new string, extra ...finding.Edit) finding.Finding {
	i := strings.Index(src, old)
	edits := append([]finding.Edit{{Abs: path, Start: i, End: i + len(old), New: new}}, extra...)
	return finding.Finding{File: "p.go", Line: 3, Rule: "r", Fixes: []finding.Fix{{Message: "m", Edits: edits}}}
}

func TestApplyMergesAndRefuses(t *testing.T) {
	path := write(t)
	i := strings.Index(src, "b = 2")
	findings := []finding.Finding{
		replace(path, "a = 1", "a  =  10"), // applied, then gofmt'ed
		replace(path, "a = 1", "a  =  10"), // identical edit: merged
		replace(path, "b = 2", "b = 20"),   // applied
		replace(path, "= 2", "= 99"),       // overlaps the previous: refused
		replace(path, "c = 3", "c = 30", finding.Edit{Abs: path, Start: i, End: i + 1, New: "x"}), // overlaps too: refused whole
		{File: "p.go", Rule: "r"}, // no fix
	}
	out, err := Apply(findings)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := "package p\n\nvar a = 10\nvar b = 20\nvar c = 3\n"
	if string(got) != want {
		t.Errorf("file:\n%s\nwant:\n%s", got, want)
	}
	if fmt.Sprint(out.Fixed) != "[0 1 2]" || len(out.Refused) != 2 {
		t.Errorf("fixed %v refused %v", out.Fixed, out.Refused)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("file mode changed to %v", info.Mode())
	}
	// Idempotent: nothing left to do.
	again, err := Apply(nil)
	if err != nil || len(again.Files) != 0 {
		t.Errorf("second apply: %+v %v", again, err)
	}
}

func TestApplyRefusesUnparsableResult(t *testing.T) {
	path := write(t)
	out, err := Apply([]finding.Finding{replace(path, "var a = 1", "var a = = 1")})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != src || len(out.Refused) != 1 || !strings.Contains(out.Refused[0], "would not parse") {
		t.Errorf("broken fix written or not refused: %q %v", got, out.Refused)
	}
}
