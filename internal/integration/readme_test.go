package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/integration/itest"
)

// The README shows the example service's whole output: it must be what
// obscheck prints today (findings, related locations, summary).
func TestReadmeShowsExampleOutput(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(filepath.Join(itest.RepoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const cmdLine = "$ bin/obscheck -C testdata/example --show-source=false ./...\n"
	_, block, ok := strings.Cut(string(readme), cmdLine)
	if !ok {
		t.Fatalf("README.md has no %q block", strings.TrimSpace(cmdLine))
	}
	block, _, _ = strings.Cut(block, "```")
	cmd := exec.Command(itest.Obscheck, "--show-source=false", "--color=never", "./...")
	cmd.Dir = itest.Example(t)
	out, _ := cmd.CombinedOutput()
	if got, want := strings.TrimSpace(string(out)), strings.TrimSpace(block); got != want {
		t.Errorf("README.md's example output is stale; obscheck prints:\n%s\n\nREADME.md shows:\n%s", got, want)
	}
}
