package testutil

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// Golden compares got with the golden file at path, or rewrites the file
// with got when update is set (each package's -update flag).
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run %s -update writes it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -run %s -update rewrites it):\n--- got\n%s\n--- want\n%s", path, t.Name(), got, want)
	}
}

// GoldenIn passes analysistest's complaints to t, except that a file
// outside dirs without a .golden file is not an error: one
// RunWithSuggestedFixes run can then check every fixture package's want
// comments and the fixes of the packages in dirs, with one load of the
// fixture module.
func GoldenIn(t testing.TB, dirs ...string) analysistest.Testing {
	return goldenIn{t, dirs}
}

type goldenIn struct {
	testing.TB
	dirs []string
}

func (g goldenIn) Errorf(format string, args ...any) {
	g.Helper()
	msg := fmt.Sprintf(format, args...)
	if file, ok := strings.CutPrefix(msg, "error reading "); ok && strings.Contains(msg, ".golden: ") && strings.Contains(msg, "no such file") {
		file = file[:strings.Index(file, ".golden: ")]
		if !slices.ContainsFunc(g.dirs, func(d string) bool { return strings.HasPrefix(file, filepath.Clean(d)+string(filepath.Separator)) }) {
			return
		}
	}
	g.TB.Error(msg)
}
