package fix

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/finding"
	"github.com/obscheck/obscheck/internal/testutil"
)

const src = "package p\n\nvar a = 1\nvar b = 2\nvar c = 3\n"

// write makes a module holding p.go with content (src by default).
func write(t *testing.T, content ...string) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module m\n"), 0o644)
	text := src
	if len(content) > 0 {
		text = content[0]
	}
	path := filepath.Join(dir, "p.go")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// replace makes a finding whose fix replaces the first occurrence of old
// in the file at path, analyzed with its current content.
func replace(t *testing.T, path, old, new string, extra ...finding.Edit) finding.Finding {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), old)
	if i < 0 {
		t.Fatalf("%q not in %s", old, path)
	}
	edits := append([]finding.Edit{{File: filepath.Base(path), Abs: path, Start: i, End: i + len(old), New: new, Hash: Hash(data)}}, extra...)
	return finding.Finding{File: filepath.Base(path), Line: 3, Rule: "r", Fixes: []finding.Fix{{Message: "m", Edits: edits}}}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestApplyMergesAndRefuses(t *testing.T) {
	path := write(t)
	i := strings.Index(src, "b = 2")
	findings := []finding.Finding{
		replace(t, path, "a = 1", "a  =  10"), // applied, then gofmt'ed
		replace(t, path, "a = 1", "a  =  10"), // identical edit: merged
		replace(t, path, "b = 2", "b = 20"),   // applied
		replace(t, path, "= 2", "= 99"),       // overlaps the previous: refused
		replace(t, path, "c = 3", "c = 30", finding.Edit{Abs: path, Start: i, End: i + 1, New: "x", Hash: Hash([]byte(src))}), // overlaps too: refused whole
		{File: "p.go", Rule: "r"}, // no fix
	}
	out, err := Apply(findings, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "package p\n\nvar a = 10\nvar b = 20\nvar c = 3\n"
	if got := read(t, path); got != want {
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
	again, err := Apply(nil, Options{})
	if err != nil || len(again.Files) != 0 {
		t.Errorf("second apply: %+v %v", again, err)
	}
}

func TestApplyRefusesUnparsableResult(t *testing.T) {
	path := write(t)
	out, err := Apply([]finding.Finding{replace(t, path, "var a = 1", "var a = = 1")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, path); got != src || len(out.Refused) != 1 || !strings.Contains(out.Refused[0], "would not parse") {
		t.Errorf("broken fix written or not refused: %q %v", got, out.Refused)
	}
}

// TestApplyRefusesStaleFile: a file edited between analysis and --fix
// used to get the edit at the old offset (inside another argument list).
func TestApplyRefusesStaleFile(t *testing.T) {
	path := write(t)
	f := replace(t, path, "b = 2", "b = 20")
	edited := strings.Replace(src, "var a = 1", "var a = f(1, 2)", 1)
	os.WriteFile(path, []byte(edited), 0o600)
	out, err := Apply([]finding.Finding{f}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, path); got != edited {
		t.Errorf("stale file edited:\n%s", got)
	}
	if len(out.Fixed) != 0 || len(out.Stale) != 1 || out.Stale[0] != path || !strings.Contains(strings.Join(out.Refused, "\n"), "changed since it was analyzed") {
		t.Errorf("stale file not refused: %+v", out)
	}
	// Same length, same lines: only the hash sees it.
	path = write(t)
	f = replace(t, path, "b = 2", "b = 20")
	os.WriteFile(path, []byte(strings.Replace(src, "a = 1", "a = 7", 1)), 0o600)
	if out, _ := Apply([]finding.Finding{f}, Options{}); len(out.Stale) != 1 {
		t.Errorf("same-size edit not seen: %+v", out)
	}
}

// TestApplyEditsOnlyTheEdits: the file is not rewritten around the fix:
// CRLF line endings stay, code that is not gofmt'ed stays as it was.
func TestApplyEditsOnlyTheEdits(t *testing.T) {
	crlf := "package p\r\n\r\nvar a = 1\r\nvar b   =   2\r\n"
	path := write(t, crlf)
	f := replace(t, path, "var a = 1", "var a = 1\nvar z = 0")
	if _, err := Apply([]finding.Finding{f}, Options{}); err != nil {
		t.Fatal(err)
	}
	if got, want := read(t, path), "package p\r\n\r\nvar a = 1\r\nvar z = 0\r\nvar b   =   2\r\n"; got != want {
		t.Errorf("CRLF file:\n%q\nwant\n%q", got, want)
	}
	messy := "package p\n\nvar a = 1\nvar b   =   2\n"
	path = write(t, messy)
	if _, err := Apply([]finding.Finding{replace(t, path, "a = 1", "a = 10")}, Options{}); err != nil {
		t.Fatal(err)
	}
	if got, want := read(t, path), "package p\n\nvar a = 10\nvar b   =   2\n"; got != want {
		t.Errorf("unformatted file reformatted:\n%q\nwant\n%q", got, want)
	}
}

// TestApplyFileModes: read-only files are refused, not replaced; modes
// are kept.
func TestApplyFileModes(t *testing.T) {
	path := write(t)
	os.Chmod(path, 0o444)
	out, err := Apply([]finding.Finding{replace(t, path, "a = 1", "a = 10")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if read(t, path) != src || info.Mode().Perm() != 0o444 || len(out.Refused) != 1 || !strings.Contains(out.Refused[0], "read-only") {
		t.Errorf("read-only file: %v %+v", info.Mode(), out)
	}
	path = write(t)
	os.Chmod(path, 0o750)
	Apply([]finding.Finding{replace(t, path, "a = 1", "a = 10")}, Options{})
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o750 || read(t, path) == src {
		t.Errorf("mode %v", info.Mode())
	}
}

// TestApplySymlinks: a symlinked source file is written through (the link
// stays a link) when its target is in the repository, refused otherwise.
func TestApplySymlinks(t *testing.T) {
	target := write(t)
	dir := filepath.Dir(target)
	link := filepath.Join(dir, "link.go")
	os.Symlink("p.go", link)
	if _, err := Apply([]finding.Finding{replace(t, link, "a = 1", "a = 10")}, Options{}); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 || !strings.Contains(read(t, target), "a = 10") {
		t.Errorf("symlink replaced by a file, or target not written")
	}

	outside := filepath.Join(t.TempDir(), "outside.go")
	os.WriteFile(outside, []byte(src), 0o644)
	link2 := filepath.Join(dir, "out.go")
	os.Symlink(outside, link2)
	out, err := Apply([]finding.Finding{replace(t, link2, "a = 1", "a = 10")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if read(t, outside) != src || len(out.Refused) != 1 || !strings.Contains(out.Refused[0], "outside the repository") {
		t.Errorf("file outside the repository edited through a symlink: %+v", out)
	}
}

// TestApplyAllOrNothing: when one file cannot be written, none is.
func TestApplyAllOrNothing(t *testing.T) {
	first := write(t)
	second := write(t)
	findings := []finding.Finding{replace(t, first, "a = 1", "a = 10"), replace(t, second, "a = 1", "a = 10")}
	testutil.ReadOnlyDir(t, filepath.Dir(second))
	out, err := Apply(findings, Options{})
	if err == nil || !strings.Contains(err.Error(), "nothing written") {
		t.Errorf("error %v", err)
	}
	if read(t, first) != src || read(t, second) != src || len(out.Files) != 0 {
		t.Errorf("a file was written: %+v", out)
	}
}

// TestApplyUnsafe: unsafe fixes need Options.Unsafe and say so.
func TestApplyUnsafe(t *testing.T) {
	path := write(t)
	f := replace(t, path, "a = 1", "a = 10")
	f.Fixes[0].Unsafe = Unsafe("metricnaming")
	out, err := Apply([]finding.Finding{f}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if read(t, path) != src || len(out.Refused) != 1 || !strings.Contains(out.Refused[0], "--fix=unsafe") || !strings.Contains(out.Refused[0], "dashboards") {
		t.Errorf("unsafe fix applied or not explained: %+v", out)
	}
	if out, _ := Apply([]finding.Finding{f}, Options{Unsafe: true}); len(out.Fixed) != 1 || !strings.Contains(read(t, path), "a = 10") {
		t.Errorf("--fix=unsafe did not apply it: %+v", out)
	}
}

func TestApplyDryRun(t *testing.T) {
	path := write(t)
	out, err := Apply([]finding.Finding{replace(t, path, "b = 2", "b = 20")}, Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if read(t, path) != src || len(out.Changes) != 1 {
		t.Fatalf("dry run wrote or computed nothing: %+v", out)
	}
	want := "--- a/p.go\n+++ b/p.go\n@@ -1,5 +1,5 @@\n package p\n \n var a = 1\n-var b = 2\n+var b = 20\n var c = 3\n"
	if got := Unified("p.go", out.Changes[0].Old, out.Changes[0].New); got != want {
		t.Errorf("diff:\n%s\nwant:\n%s", got, want)
	}
}
