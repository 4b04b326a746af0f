package fix

import (
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiffLines: the replacements turn a into b, for random inputs.
func TestDiffLines(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	gen := func() []string {
		n := r.Intn(12)
		out := make([]string, n)
		for i := range out {
			out[i] = string(rune('a'+r.Intn(4))) + "\n"
		}
		return out
	}
	for range 2000 {
		a, b := gen(), gen()
		var got []string
		last := 0
		for _, o := range diffLines(a, b) {
			if o.a < last {
				t.Fatalf("ops out of order: %v", diffLines(a, b))
			}
			got = append(got, a[last:o.a]...)
			got = append(got, b[o.b:o.b2()]...)
			last = o.a2()
		}
		got = append(got, a[last:]...)
		if strings.Join(got, "") != strings.Join(b, "") {
			t.Fatalf("a=%q b=%q: got %q", a, b, got)
		}
	}
}

// TestUnifiedApplies: patch(1) turns old into new with Unified's output.
func TestUnifiedApplies(t *testing.T) {
	if _, err := exec.LookPath("patch"); err != nil {
		t.Skip("no patch")
	}
	var old, new strings.Builder
	for i := range 40 {
		line := "line " + string(rune('a'+i%26)) + "\n"
		old.WriteString(line)
		switch i {
		case 3:
			new.WriteString("changed\n")
		case 20, 21:
		case 30:
			new.WriteString(line + "added\n")
		default:
			new.WriteString(line)
		}
	}
	new.WriteString("no newline")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f.go"), []byte(old.String()), 0o644)
	cmd := exec.Command("patch", "-p1", "--quiet")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(Unified("f.go", []byte(old.String()), []byte(new.String())))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch: %v\n%s", err, out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "f.go")); string(got) != new.String() {
		t.Errorf("patched:\n%s", got)
	}
}
