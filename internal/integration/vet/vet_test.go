package vet

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/obscheck/obscheck/internal/integration/itest"
)

// Under go vet the analyzers find .obscheck.yaml themselves.
func TestVetReadsPolicyFile(t *testing.T) {
	dir := itest.Vetmini(t)
	before := itest.CLI(t, dir, "./...")
	off := before[0].Rule
	policy := fmt.Sprintf("version: 1\npolicy:\n  metric_prefix: acme_\nrules:\n  %s:\n    enabled: false\n", off)
	if err := os.WriteFile(filepath.Join(dir, ".obscheck.yaml"), []byte(policy), 0o644); err != nil {
		t.Fatal(err)
	}
	want := itest.CLI(t, dir, "./...")
	if slices.Equal(want, before) || slices.Contains(itest.Rules(want), off) {
		t.Fatalf("the policy changed nothing for the CLI: test is void\n%v", want)
	}
	got, _ := itest.Vet(t, dir, nil, "-vettool="+itest.Obscheck, "./...")
	itest.SameFindings(t, "go vet with .obscheck.yaml", got, want)

	// $OBSCHECK_CONFIG names a policy outside the module.
	elsewhere := filepath.Join(t.TempDir(), "policy.yaml")
	if err := os.WriteFile(elsewhere, []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ = itest.Vet(t, dir, []string{"OBSCHECK_CONFIG=" + elsewhere}, "-vettool="+itest.Obscheck, "./...")
	itest.SameFindings(t, "go vet with OBSCHECK_CONFIG", got, itest.CLI(t, dir, "--config", elsewhere, "./..."))
}

// A second go vet with nothing changed is served from the go command's
// cache: the vet tool is not run again and the findings are replayed.
func TestVetCache(t *testing.T) {
	dir := itest.Vetmini(t)
	// A policy file no earlier run has seen: the tool ID hashes it, so the
	// first run analyzes every package (dependencies stay compiled).
	nonce := fmt.Sprintf("version: 1\n# %d\n", time.Now().UnixNano())
	if err := os.WriteFile(filepath.Join(dir, ".obscheck.yaml"), []byte(nonce), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func() ([]itest.Finding, int, time.Duration) {
		start := time.Now()
		fs, stderr := itest.Vet(t, dir, nil, "-x", "-vettool="+itest.Obscheck, "./...")
		elapsed := time.Since(start)
		runs := 0
		for _, l := range strings.Split(stderr, "\n") {
			if strings.Contains(l, itest.Obscheck) && strings.HasSuffix(strings.TrimSpace(l), "vet.cfg") {
				runs++
			}
		}
		return fs, runs, elapsed
	}
	cold, coldRuns, coldTime := run()
	warm, warmRuns, warmTime := run()
	t.Logf("go vet -vettool=obscheck ./... on testdata/vetmini: cold %v (%d tool runs), warm %v (%d tool runs)",
		coldTime.Round(time.Millisecond), coldRuns, warmTime.Round(time.Millisecond), warmRuns)
	if coldRuns == 0 {
		t.Fatalf("the first run never ran the vet tool: cannot tell caching apart")
	}
	if warmRuns != 0 {
		t.Errorf("the second run ran the vet tool %d times; want every package served from the cache", warmRuns)
	}
	itest.SameFindings(t, "cached go vet", warm, cold)
	itest.SameFindings(t, "go vet", cold, itest.CLI(t, dir, "./..."))
}

// go vet -fix -diff prints obscheck's fixes without writing; go vet -fix
// applies the same edits as obscheck --fix.
func TestVetFixDiff(t *testing.T) {
	dir := itest.Vetmini(t)
	orig := snapshot(t, dir)

	cmd := exec.Command("go", "vet", "-vettool="+itest.Obscheck, "-fix", "-diff", "./...")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	diff := stdout.String()
	if err == nil || !strings.Contains(diff, "+++ ") {
		t.Fatalf("go vet -fix -diff: want a diff and a non-zero exit, got %v\nstdout:\n%s\nstderr:\n%s", err, diff, stderr.String())
	}
	if now := snapshot(t, dir); !mapsEqual(now, orig) {
		t.Fatalf("go vet -fix -diff wrote files")
	}

	// The same fixes through the CLI, in a second copy. go vet -fix
	// applies every fix; the CLI applies metric renames (unsafe: they
	// break dashboards) only with --fix=unsafe.
	other := itest.Vetmini(t)
	fixCmd := exec.Command(itest.Obscheck, "--fix=unsafe", "./...")
	fixCmd.Dir = other
	if out, err := fixCmd.CombinedOutput(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Fatalf("obscheck --fix=unsafe: %v\n%s", err, out)
		}
	}
	cliFixed := snapshot(t, other)
	changed := 0
	for rel, data := range cliFixed {
		if data == orig[rel] {
			continue
		}
		changed++
		if !strings.Contains(diff, filepath.Join(dir, rel)+" (new)") {
			t.Errorf("obscheck --fix changed %s; go vet -fix -diff shows no diff for it:\n%s", rel, diff)
		}
	}
	if changed == 0 {
		t.Fatal("obscheck --fix changed nothing: the example has no fixable finding, test is void")
	}
	// Every line the diff adds is in the CLI's result, every line it
	// removes was in the original.
	for _, l := range strings.Split(diff, "\n") {
		switch {
		case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
		case strings.HasPrefix(l, "+") && !containsLine(cliFixed, l[1:]):
			t.Errorf("go vet -fix -diff adds a line obscheck --fix does not write: %q", l)
		case strings.HasPrefix(l, "-") && !containsLine(orig, l[1:]):
			t.Errorf("go vet -fix -diff removes a line not in the source: %q", l)
		}
	}

	// go vet -fix writes exactly what obscheck --fix=unsafe writes.
	apply := exec.Command("go", "vet", "-vettool="+itest.Obscheck, "-fix", "./...")
	apply.Dir = dir
	out, _ := apply.CombinedOutput()
	vetFixed := snapshot(t, dir)
	for rel := range orig {
		if vetFixed[rel] != cliFixed[rel] {
			t.Errorf("%s after go vet -fix differs from obscheck --fix=unsafe\n--- go vet -fix:\n%s\n--- obscheck --fix=unsafe:\n%s\ngo vet output:\n%s", rel, vetFixed[rel], cliFixed[rel], out)
		}
	}
}

// snapshot reads every .go file under dir, keyed by relative path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func containsLine(files map[string]string, line string) bool {
	for _, data := range files {
		if slices.Contains(strings.Split(data, "\n"), line) {
			return true
		}
	}
	return false
}
