package gitdiff

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repo makes a git repository holding files (path -> content), committed,
// and returns its directory. Git reads no global or system configuration:
// each test sets what it needs in the repository's own config.
func repo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("HOME", dir)
	run(t, dir, "init", "-q", "-b", "main")
	run(t, dir, "config", "user.email", "t@example.com")
	run(t, dir, "config", "user.name", "t")
	for name, content := range files {
		writeFile(t, filepath.Join(dir, name), content)
	}
	run(t, dir, "add", "-A")
	run(t, dir, "commit", "-q", "-m", "base")
	return dir
}

func run(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const base = "package p\n\nfunc a() {}\n\nfunc b() {}\n\nfunc c() {}\n"

// edited changes line 5 (func b) and appends lines 8-9.
const edited = "package p\n\nfunc a() {}\n\nfunc b() { println() }\n\nfunc c() {}\n\nfunc d() {}\n"

// expectChanged asserts that exactly lines 5, 8 and 9 of file are changed
// (or, when whole, that the 7 lines of base are).
func expectChanged(t *testing.T, l *Lines, file string, whole bool) {
	t.Helper()
	for line := 1; line <= 9; line++ {
		want := line == 5 || line == 8 || line == 9
		if whole {
			if line > 7 {
				break
			}
			want = true
		}
		if got := l.Contains(file, line); got != want {
			t.Errorf("%s:%d changed = %v, want %v", file, line, got, want)
		}
	}
}

// TestChangedHostileConfig: settings and attributes that change what git
// diff prints must not make changed lines look unchanged.
func TestChangedHostileConfig(t *testing.T) {
	tests := []struct {
		name   string
		file   string            // the Go file, relative to the repository
		sub    string            // the module directory Changed is called from
		config map[string]string // repository config
		attrs  string            // .gitattributes
	}{
		{name: "plain", file: "x.go"},
		{name: "binary attribute", file: "x.go", attrs: "*.go -diff\n"},
		{name: "textconv", file: "x.go", attrs: "*.go diff=num\n", config: map[string]string{"diff.num.textconv": "cat -n"}},
		{name: "external diff", file: "x.go", config: map[string]string{"diff.external": "true"}},
		{name: "mnemonic prefix", file: "x.go", config: map[string]string{"diff.mnemonicPrefix": "true"}},
		{name: "no prefix", file: "x.go", config: map[string]string{"diff.noprefix": "true"}},
		{name: "relative", file: "mod/x.go", sub: "mod", config: map[string]string{"diff.relative": "true"}},
		{name: "space in name", file: "a b.go"},
		{name: "non-ASCII name", file: "é.go"},
		{name: "quote in name", file: `q"x.go`},
		{name: "tab in name", file: "t\tx.go"},
		{name: "colour always", file: "x.go", config: map[string]string{"color.ui": "always", "color.diff": "always"}},
		{name: "renames", file: "x.go", config: map[string]string{"diff.renames": "copies"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{tt.file: base}
			if tt.attrs != "" {
				files[".gitattributes"] = tt.attrs
			}
			dir := repo(t, files)
			for k, v := range tt.config {
				run(t, dir, "config", k, v)
			}
			writeFile(t, filepath.Join(dir, tt.file), edited)
			l, err := Changed(filepath.Join(dir, tt.sub), "HEAD")
			if err != nil {
				t.Fatal(err)
			}
			expectChanged(t, l, filepath.Join(dir, tt.file), false)
		})
	}
}

// TestChangedThroughSymlink: the module is reached through a symlinked
// path (macOS's /tmp is /private/tmp); findings may name files by either
// path.
func TestChangedThroughSymlink(t *testing.T) {
	dir := repo(t, map[string]string{"mod/x.go": base})
	writeFile(t, filepath.Join(dir, "mod/x.go"), edited)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	l, err := Changed(filepath.Join(link, "mod"), "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	expectChanged(t, l, filepath.Join(link, "mod", "x.go"), false)
	expectChanged(t, l, filepath.Join(dir, "mod", "x.go"), false)
}

// TestChangedNewAndRenamed: untracked and renamed files are new in
// full; so are files whose names git would quote.
func TestChangedNewAndRenamed(t *testing.T) {
	dir := repo(t, map[string]string{"old.go": base})
	run(t, dir, "mv", "old.go", "new.go")
	writeFile(t, filepath.Join(dir, "untracked é.go"), base)
	l, err := Changed(dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	expectChanged(t, l, filepath.Join(dir, "new.go"), true)
	expectChanged(t, l, filepath.Join(dir, "untracked é.go"), true)
	if l.Contains(filepath.Join(dir, "old.go"), 1) {
		t.Error("the deleted file counts as changed")
	}
}

func TestChangedUnknownRevision(t *testing.T) {
	dir := repo(t, map[string]string{"x.go": base})
	for _, rev := range []string{"nosuch", "--output=/tmp/x", "-p"} {
		if _, err := Changed(dir, rev); err == nil || !strings.Contains(err.Error(), "unknown revision") {
			t.Errorf("rev %q: %v", rev, err)
		}
	}
}

// TestMergeBase: --new-from-merge-base BRANCH compares with the point
// where HEAD left BRANCH, so commits on BRANCH since then do not count and
// the feature branch's own commits do.
func TestMergeBase(t *testing.T) {
	dir := repo(t, map[string]string{"x.go": base, "y.go": base})
	run(t, dir, "checkout", "-q", "-b", "feature")
	writeFile(t, filepath.Join(dir, "x.go"), edited)
	run(t, dir, "commit", "-q", "-am", "feature work")
	run(t, dir, "checkout", "-q", "main")
	writeFile(t, filepath.Join(dir, "y.go"), edited)
	run(t, dir, "commit", "-q", "-am", "main moves on")
	run(t, dir, "checkout", "-q", "feature")

	l, err := ChangedFromMergeBase(dir, "main")
	if err != nil {
		t.Fatal(err)
	}
	expectChanged(t, l, filepath.Join(dir, "x.go"), false)
	if l.Contains(filepath.Join(dir, "y.go"), 5) {
		t.Error("a change made on main after the branch point counts as new")
	}
	if _, err := ChangedFromMergeBase(dir, "nosuch"); err == nil {
		t.Error("unknown branch accepted")
	}
}
