package main

// Reproductions of the hostile probe (issue 14) that need the obscheck
// binary: changed-lines mode, files written by the CLI, exit codes.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo makes a git repository whose sub-directory svc is a copy of the
// directives fixture with a clean d.go, committed; git reads only the
// repository's own configuration.
func gitRepo(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	files := map[string]string{
		"svc/go.mod": "module example.com/svc\n\ngo 1.26\n",
		"svc/d.go":   "package svc\n\nvar A = 1\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"init", "-q", "-b", "main"},
		{"config", "user.email", "t@example.com"},
		{"config", "user.name", "t"},
		{"add", "-A"},
		{"commit", "-q", "-m", "base"},
	} {
		gitIn(t, dir, args...)
	}
	return dir
}

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// newFinding adds a malformed directive (a finding of rule directive) at
// line 5 of svc/d.go, uncommitted.
func newFinding(t *testing.T, dir string) {
	t.Helper()
	src := "package svc\n\nvar A = 1\n\n//obscheck:ignore execidfield\nvar B = 2\n"
	if err := os.WriteFile(filepath.Join(dir, "svc", "d.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestNewFromRevFailsClosed: settings that made --new-from-rev see no
// changed line, and so pass a pull request with a new finding.
func TestNewFromRevFailsClosed(t *testing.T) {
	tests := []struct {
		name   string
		extra  map[string]string
		config [][2]string
	}{
		{name: "binary attribute", extra: map[string]string{".gitattributes": "*.go -diff\n"}},
		{name: "mnemonic prefix", config: [][2]string{{"diff.mnemonicPrefix", "true"}}},
		{name: "relative", config: [][2]string{{"diff.relative", "true"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := gitRepo(t, tt.extra)
			for _, kv := range tt.config {
				gitIn(t, dir, "config", kv[0], kv[1])
			}
			newFinding(t, dir)
			r := obscheck(t, filepath.Join(dir, "svc"), "--new-from-rev", "HEAD")
			if r.code != 1 || !strings.Contains(r.stdout, "d.go:5:1: malformed obscheck directive") {
				t.Errorf("new finding not reported: code %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
		})
	}
}

// TestNewFromRevThroughSymlink: the module reached through a symlinked
// directory (macOS's /tmp): the changed line is still seen, and SARIF and
// github paths keep the sub-directory.
func TestNewFromRevThroughSymlink(t *testing.T) {
	dir := gitRepo(t, nil)
	newFinding(t, dir)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	r := obscheck(t, filepath.Join(link, "svc"), "--new-from-rev", "HEAD", "--format", "github")
	if r.code != 1 || !strings.Contains(r.stdout, "::error file=svc/d.go,line=5,") {
		t.Errorf("code %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestNewFromMergeBase: only what the branch changed since it left main.
func TestNewFromMergeBase(t *testing.T) {
	dir := gitRepo(t, nil)
	gitIn(t, dir, "checkout", "-q", "-b", "feature")
	newFinding(t, dir)
	gitIn(t, dir, "commit", "-q", "-am", "feature")
	svc := filepath.Join(dir, "svc")
	if r := obscheck(t, svc, "--new-from-merge-base", "main"); r.code != 1 || !strings.Contains(r.stdout, "d.go:5:1") {
		t.Errorf("branch's finding not reported: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := obscheck(t, svc, "--new-from-rev", "HEAD"); r.code != 0 {
		t.Errorf("--new-from-rev HEAD after the commit: code %d, want 0\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := obscheck(t, svc, "--new-from-merge-base", "nosuch"); r.code != 2 || !strings.Contains(r.stderr, "unknown revision") {
		t.Errorf("unknown branch: code %d\n%s", r.code, r.stderr)
	}
}
