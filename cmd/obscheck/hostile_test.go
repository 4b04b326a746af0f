package main

// Reproductions of the hostile probe (issue 14) that need the obscheck
// binary: changed-lines mode, files written by the CLI, exit codes.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/obscheck/obscheck/internal/testutil"
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

// module writes a module (go.mod plus files) to a new directory.
func module(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.26\n"
	for name, content := range files {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readString(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// stale is a file whose only finding is an unused directive; --fix
// removes that line.
const stale = "package p\n\n// C is documented.\n//\n//obscheck:ignore execidfield nothing to suppress here\nvar C = 3\n"
const staleFixed = "package p\n\n// C is documented.\nvar C = 3\n"

// TestFixLineDirective: a //line directive used to send the fix into the
// file it names (outside the module), reported as fixed.
func TestFixLineDirective(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "outside.go")
	victim := "// " + strings.Repeat("precious text ", 20) + "\npackage victim\n"
	os.WriteFile(outside, []byte(victim), 0o644)
	dir := module(t, map[string]string{"p.go": "package p\n\n//line " + outside + ":1\n//obscheck:ignore execidfield nothing to suppress here\nvar C = 3\n"})
	r := obscheck(t, dir, "--fix")
	if got := readString(t, outside); got != victim {
		t.Errorf("--fix edited a file outside the module:\n%s", got)
	}
	if got := readString(t, filepath.Join(dir, "p.go")); strings.Contains(got, "obscheck:ignore") {
		t.Errorf("the unused directive was not removed from the analyzed file:\n%s\n%s", got, r.stderr)
	}
}

// TestSuppressionAboveLineDirective: a suppression right above a //line
// directive covers the code below it (it used to be reported as
// suppressing nothing, and the finding stood).
func TestSuppressionAboveLineDirective(t *testing.T) {
	dir := module(t, map[string]string{"p.go": `package p

import "log/slog"

// F fails.
func F() {
	//obscheck:ignore execidfield start-up code, no execution exists yet
	//line a.go:500
	slog.Error("boom")
}
`})
	if r := obscheck(t, dir); r.code != 0 {
		t.Errorf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestFixKeepsTheFile: CRLF stays CRLF, unrelated code is not
// reformatted, a 0444 file is refused (not replaced), a symlinked .go
// file stays a symlink.
func TestFixKeepsTheFile(t *testing.T) {
	crlf := strings.ReplaceAll(stale, "\n", "\r\n") + "var   messy  =  1\r\n"
	linked := strings.Replace(stale, "C", "E", -1)
	dir := module(t, map[string]string{"p.go": crlf, "real/q.txt": linked})
	os.Symlink(filepath.Join("real", "q.txt"), filepath.Join(dir, "q.go"))
	os.WriteFile(filepath.Join(dir, "ro.go"), []byte(strings.Replace(stale, "C", "D", -1)), 0o444)
	r := obscheck(t, dir, "--fix")
	want := strings.ReplaceAll(staleFixed, "\n", "\r\n") + "var   messy  =  1\r\n"
	if got := readString(t, filepath.Join(dir, "p.go")); got != want {
		t.Errorf("CRLF file:\n%q\nwant\n%q", got, want)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "q.go")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("symlinked file replaced by a regular file")
	}
	if got := readString(t, filepath.Join(dir, "real", "q.txt")); got != strings.Replace(staleFixed, "C", "E", -1) {
		t.Errorf("symlink target not fixed:\n%s", got)
	}
	fi, _ := os.Stat(filepath.Join(dir, "ro.go"))
	if fi.Mode().Perm() != 0o444 || strings.Contains(r.stderr, "fixed 3") || !strings.Contains(r.stderr, "read-only") {
		t.Errorf("read-only file: mode %v\n%s", fi.Mode(), r.stderr)
	}
}

// TestFixWriteFailureStillReports: a read-only directory used to give
// exit 3 and no report.
func TestFixWriteFailureStillReports(t *testing.T) {
	dir := module(t, map[string]string{"p.go": stale})
	testutil.ReadOnlyDir(t, dir)
	r := obscheck(t, dir, "--fix")
	if r.code != 3 || !strings.Contains(r.stdout, "p.go:5:1: obscheck directive suppresses nothing") || !strings.Contains(r.stderr, "nothing written") {
		t.Errorf("code %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if readString(t, filepath.Join(dir, "p.go")) != stale {
		t.Error("file changed")
	}
}

// logged has one finding whose fix inserts a field.
const logged = "package p\n\nimport \"log/slog\"\n\n// Run runs.\nfunc Run(executionID string, err error) {\n\tslog.Error(\"failed\", \"err\", err)\n}\n"

// TestFixConcurrentRuns: two --fix runs at once used to both edit from
// the same analysis: the insertion was made twice (in 1 of 5 tries).
func TestFixConcurrentRuns(t *testing.T) {
	for try := 0; try < 5; try++ {
		dir := module(t, map[string]string{"p.go": logged})
		done := make(chan string, 2)
		for range 2 {
			go func() {
				cmd := exec.Command(bin, "--fix")
				cmd.Dir = dir
				out, _ := cmd.CombinedOutput()
				done <- string(out)
			}()
		}
		a, b := <-done, <-done
		got := readString(t, filepath.Join(dir, "p.go"))
		if strings.Count(got, "execution_id") != 1 {
			t.Fatalf("try %d: after two concurrent --fix:\n%s\n--\n%s\n--\n%s", try, got, a, b)
		}
	}
}

// TestFixDiff: --fix --diff prints what --fix would change and writes
// nothing.
func TestFixDiff(t *testing.T) {
	dir := module(t, map[string]string{"p.go": stale})
	r := obscheck(t, dir, "--fix", "--diff")
	want := "--- a/p.go\n+++ b/p.go\n@@ -1,6 +1,4 @@\n package p\n \n // C is documented.\n-//\n-//obscheck:ignore execidfield nothing to suppress here\n var C = 3\n"
	if r.stdout != want || r.code != 1 {
		t.Errorf("code %d, diff:\n%s\nwant:\n%s\nstderr:\n%s", r.code, r.stdout, want, r.stderr)
	}
	if readString(t, filepath.Join(dir, "p.go")) != stale {
		t.Error("--diff wrote the file")
	}
	if r := obscheck(t, dir, "--diff"); r.code != 2 {
		t.Errorf("--diff without --fix: code %d", r.code)
	}
	if r := obscheck(t, dir, "--fix=everything"); r.code != 2 {
		t.Errorf("--fix=everything: code %d", r.code)
	}
}

// TestWritesStayInTheRepository: --output, the baseline and init used to
// follow symlinks anywhere (obscheck baseline overwrote ~/.bashrc).
func TestWritesStayInTheRepository(t *testing.T) {
	home := t.TempDir()
	bashrc := filepath.Join(home, ".bashrc")
	const rc = "export PATH=$HOME/bin:$PATH\n"
	reset := func() { os.WriteFile(bashrc, []byte(rc), 0o644) }
	check := func(what string, r result) {
		t.Helper()
		if got := readString(t, bashrc); got != rc {
			t.Errorf("%s wrote outside the repository:\n%s", what, got)
		}
		if r.code != 3 || !strings.Contains(r.stderr, "outside the repository") && !strings.Contains(r.stderr, "symlink") {
			t.Errorf("%s: code %d, want 3 with the reason\n%s", what, r.code, r.stderr)
		}
		reset()
	}
	reset()
	dir := module(t, map[string]string{"p.go": stale})
	os.Symlink(bashrc, filepath.Join(dir, "report.txt"))
	check("--output", obscheck(t, dir, "--output", "report.txt"))
	os.Symlink(bashrc, filepath.Join(dir, ".obscheck-baseline.json"))
	check("baseline", obscheck(t, dir, "baseline"))
	check("baseline -f", obscheck(t, dir, "baseline", "-f", ".obscheck-baseline.json"))
	os.Symlink(bashrc, filepath.Join(dir, ".obscheck.yaml"))
	if r := obscheck(t, dir, "init", "--force"); readString(t, bashrc) != rc || r.code == 0 {
		t.Errorf("init --force wrote through a symlink: code %d", r.code)
	}
	reset()
	// A dangling symlink at .obscheck.yaml: init used to create its target.
	dir2 := t.TempDir()
	target := filepath.Join(home, "created-by-init")
	os.Symlink(target, filepath.Join(dir2, ".obscheck.yaml"))
	if r := obscheck(t, dir2, "init"); r.code == 0 {
		t.Errorf("init through a dangling symlink: code 0")
	}
	if _, err := os.Stat(target); err == nil {
		t.Error("init created the symlink's target")
	}
	// In the repository, a symlinked report target is written through.
	dir3 := module(t, map[string]string{"p.go": stale})
	os.Mkdir(filepath.Join(dir3, "out"), 0o755)
	os.Symlink(filepath.Join("out", "r.json"), filepath.Join(dir3, "r.json"))
	if r := obscheck(t, dir3, "--format", "json", "--output", "r.json"); r.code != 1 || !strings.Contains(readString(t, filepath.Join(dir3, "out", "r.json")), "suppresses nothing") {
		t.Errorf("in-repository symlink: code %d\n%s", r.code, r.stderr)
	}
}

// TestReportWriteError: a report that cannot be written is exit 3 with
// the error (it was exit 2 with a usage hint).
func TestReportWriteError(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	r := obscheck(t, "testdata/directives", "--output", "/dev/full")
	if r.code != 3 || !strings.Contains(r.stderr, "no space left") || strings.Contains(r.stderr, "--help") {
		t.Errorf("code %d\n%s", r.code, r.stderr)
	}
}

// TestConfigRefused: a policy file that is a symlink out of the
// repository, or a FIFO, is an exit-2 error naming it; its content never
// reaches the log, and nothing hangs (the FIFO hung forever, under go vet
// too: the tool ID reads every policy file).
func TestConfigRefused(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "token")
	os.WriteFile(secret, []byte("ghp_SECRET\n"), 0o600)
	dir := module(t, map[string]string{"p.go": "package p\n"})
	os.Symlink(secret, filepath.Join(dir, ".obscheck.yaml"))
	r := obscheck(t, dir)
	if r.code != 2 || strings.Contains(r.stderr, "SECRET") || !strings.Contains(r.stderr, "outside the repository") {
		t.Errorf("symlinked config: code %d\n%s", r.code, r.stderr)
	}

	fifo := module(t, map[string]string{"p.go": "package p\n"})
	if err := syscall.Mkfifo(filepath.Join(fifo, ".obscheck.yaml"), 0o644); err != nil {
		t.Skip(err)
	}
	for _, args := range [][]string{nil, {"vet"}} {
		var cmd *exec.Cmd
		if args == nil {
			cmd = exec.Command(bin)
		} else {
			cmd = exec.Command("go", "vet", "-vettool="+bin, "./...")
		}
		cmd.Dir = fifo
		done := make(chan result, 1)
		go func() {
			stdout, stderr, code := testutil.Run(t, cmd)
			done <- result{stdout, stderr, code}
		}()
		select {
		case r := <-done:
			if r.code == 0 || !strings.Contains(r.stderr, "not a regular file") {
				t.Errorf("%v: FIFO config: code %d\n%s", args, r.code, r.stderr)
			}
		case <-time.After(60 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v: hangs on a FIFO .obscheck.yaml", args)
		}
	}
}

// TestBadInput: bad arguments and a broken environment give the go
// command's own message, never silence or a bare "exit status 1".
func TestBadInput(t *testing.T) {
	broken := module(t, map[string]string{"p.go": "package p\n"})
	os.WriteFile(filepath.Join(broken, "go.mod"), []byte("module example.com/m\n\ngo 1.26\nrequire (\n"), 0o644)
	if r := obscheck(t, broken, "--load", "source"); r.code != 3 || !strings.Contains(r.stderr, "go.mod") {
		t.Errorf("broken go.mod, --load source: code %d\n%s", r.code, r.stderr)
	}

	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	dep := module(t, map[string]string{"p.go": "package p\n\nimport _ \"golang.org/x/mod/semver\"\n"})
	os.WriteFile(filepath.Join(dep, "go.mod"), []byte("module example.com/m\n\ngo 1.26\n\nrequire golang.org/x/mod v0.42.0\n"), 0o644)
	cmd := exec.Command(bin, "./...")
	cmd.Dir = dep
	cmd.Env = append(os.Environ(), "GOMODCACHE="+file, "GOFLAGS=-mod=mod", "GOPROXY=off")
	_, stderr, code := testutil.Run(t, cmd)
	if code != 3 || !strings.Contains(stderr, "not a directory") {
		t.Errorf("GOMODCACHE is a file: code %d\n%s", code, stderr)
	}

	for _, load := range []string{"source", "export"} {
		if r := obscheck(t, "testdata/clean", "--load", load, "--", "-modfile=x"); r.code != 3 || !strings.Contains(r.stderr, "-modfile=x") {
			t.Errorf("--load %s, pattern -modfile=x: code %d\n%s", load, r.code, r.stderr)
		}
	}

	empty := module(t, map[string]string{})
	if r := obscheck(t, empty); r.code != 0 || !strings.Contains(r.stderr, "matched no packages") {
		t.Errorf("empty module: code %d\n%s", r.code, r.stderr)
	}

	if r := obscheck(t, "testdata/clean", "--jobs", "100000"); r.code != 0 {
		t.Errorf("--jobs 100000: code %d\n%s", r.code, r.stderr)
	}
}

// TestNewFromRevThroughLineDirective: a new finding whose //line directive
// names an unchanged line of another file is still new: changed-lines mode
// also looks at where the finding is on disk.
func TestNewFromRevThroughLineDirective(t *testing.T) {
	dir := gitRepo(t, nil)
	src := "package svc\n\nvar A = 1\n\n//line a.go:1\n//obscheck:ignore execidfield\nvar B = 2\n"
	if err := os.WriteFile(filepath.Join(dir, "svc", "d.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := obscheck(t, filepath.Join(dir, "svc"), "--new-from-rev", "HEAD")
	if r.code != 1 || !strings.Contains(r.stdout, "malformed obscheck directive") {
		t.Errorf("new finding behind a //line directive not reported: code %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}
