package integration

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/obscheck/obscheck/internal/testutil"
)

// A gate gives the same findings however it is run. These tests walk
// every package of each multi-package fixture.

// fixtures are the repository's multi-package test modules.
func fixtures(t *testing.T) []string {
	t.Helper()
	var mods []string
	for _, pattern := range []string{"testdata/*/go.mod", "analyzers/*/testdata/go.mod"} {
		found, _ := filepath.Glob(filepath.Join(repoRoot, pattern))
		for _, m := range found {
			dir := filepath.Dir(m)
			if len(modulePackages(t, testutil.Module(t, dir))) > 1 {
				mods = append(mods, dir)
			}
		}
	}
	if len(mods) < 3 {
		t.Fatalf("found %d multi-package fixtures: the walk proves little", len(mods))
	}
	return mods
}

// modulePackages lists the module's packages, dependencies first, as
// directories relative to the module ("./cmd/server").
func modulePackages(t *testing.T, dir string) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-e", "-deps", "-f", "{{if .Module}}{{if .Module.Main}}{{.Dir}}{{end}}{{end}}", "./...")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list in %s: %v", dir, err)
	}
	var pkgs []string
	for _, d := range strings.Fields(string(out)) {
		rel, _ := filepath.Rel(dir, d)
		pkgs = append(pkgs, "./"+filepath.ToSlash(rel))
	}
	return slices.Compact(pkgs)
}

// in keeps the findings in the package directory pkg of module dir.
func in(fs []finding, dir, pkg string) []finding {
	var out []finding
	want := filepath.Join(dir, filepath.FromSlash(pkg))
	for _, f := range fs {
		file := f.Posn[:strings.Index(f.Posn, ".go:")+3]
		if filepath.Dir(file) == want {
			out = append(out, f)
		}
	}
	return out
}

// cliAny is cli that accepts exit status 3 (a fixture's broken package).
func cliAny(t *testing.T, dir string, args ...string) []finding {
	t.Helper()
	cmd := exec.Command(obscheck, append([]string{"--format", "json"}, args...)...)
	cmd.Dir = dir
	out, _, code := testutil.Run(t, cmd)
	if code != 0 && code != 1 && code != 3 {
		t.Fatalf("obscheck %v in %s: exit %d", args, dir, code)
	}
	var raw []struct {
		Rule, File, Message string
		Line, Column        int
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("obscheck JSON: %v\n%s", err, out)
	}
	var fs []finding
	for _, f := range raw {
		fs = append(fs, finding{fmt.Sprintf("%s:%d:%d", filepath.Join(dir, filepath.FromSlash(f.File)), f.Line, f.Column), f.Rule, f.Message})
	}
	return sorted(fs)
}

// TestSubsetEveryPackage: for every package P of every fixture,
// `obscheck P` reports exactly what `obscheck ./...` reports in P.
//
// A package that imports none of its module's packages learns nothing
// from them (facts flow from the module's own packages only), so those are
// checked together, in one run naming them all; every package importing
// another of the module is run alone.
func TestSubsetEveryPackage(t *testing.T) {
	trackSources()
	for _, mod := range fixtures(t) {
		t.Run(filepath.Base(filepath.Dir(mod))+"/"+filepath.Base(mod), func(t *testing.T) {
			t.Parallel()
			dir := testutil.Module(t, mod)
			all := cliAny(t, dir, "./...")
			for _, f := range all {
				if position.MatchString(f.Message) { // identity must not move with lines
					t.Errorf("message carries a position: %s", f)
				}
			}
			linked, alone := splitPackages(t, dir)
			for _, pkg := range linked {
				got := cliAny(t, dir, pkg)
				want := in(all, dir, pkg)
				if !slices.Equal(got, want) {
					t.Errorf("obscheck %s differs from obscheck ./... in %s:\n got %v\nwant %v", pkg, pkg, got, want)
				}
			}
			if len(alone) == 0 {
				return
			}
			got := cliAny(t, dir, alone...)
			var want []finding
			for _, pkg := range alone {
				want = append(want, in(all, dir, pkg)...)
			}
			if want = sorted(want); !slices.Equal(got, want) {
				t.Errorf("obscheck %v differs from obscheck ./... in those packages:\n got %v\nwant %v", alone, got, want)
			}
		})
	}
}

// splitPackages lists the module's packages (as modulePackages) in two
// groups: those importing another package of the module, directly or not,
// and the others.
func splitPackages(t *testing.T, dir string) (linked, alone []string) {
	t.Helper()
	cmd := exec.Command("go", "list", "-e", "-f", "{{.ImportPath}}\t{{.Dir}}\t{{join .Deps \" \"}}", "./...")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list in %s: %v", dir, err)
	}
	type pkg struct{ path, dir, deps string }
	var pkgs []pkg
	own := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.SplitN(line, "\t", 3)
		if len(f) != 3 {
			t.Fatalf("go list in %s: %q", dir, line)
		}
		pkgs = append(pkgs, pkg{f[0], f[1], f[2]})
		own[f[0]] = true
	}
	for _, p := range pkgs {
		rel, _ := filepath.Rel(dir, p.dir)
		name := "./" + filepath.ToSlash(rel)
		if slices.ContainsFunc(strings.Fields(p.deps), func(d string) bool { return own[d] }) {
			linked = append(linked, name)
		} else {
			alone = append(alone, name)
		}
	}
	if n := len(modulePackages(t, dir)); n != len(linked)+len(alone) {
		t.Fatalf("%s: %d packages listed, %d split", dir, n, len(linked)+len(alone))
	}
	return linked, alone
}

// TestSubsetUnderVet: the same under go vet -vettool, on the modules where
// a router built in one package is served in another. go vet (go1.26)
// caches a facts-only run of a package under the key of a full run, so a
// package vetted only as a dependency later replays no findings; each
// module gets a fresh tool ID (a nonce in its policy file) and its
// packages are vetted whole first, then one by one, dependencies first,
// before any is vetted as a dependency.
func TestSubsetUnderVet(t *testing.T) {
	trackSources()
	mods := []string{filepath.Join(repoRoot, "testdata", "example")}
	if os.Getenv("OBSCHECK_SWEEP") == "1" { // minutes: .ci/run's sweep stage
		mods = append(mods, filepath.Join(repoRoot, "analyzers", "spanrequired", "testdata"))
	}
	for _, mod := range mods {
		t.Run(filepath.Base(filepath.Dir(mod)), func(t *testing.T) {
			t.Parallel()
			dir := testutil.CopyDir(t, testutil.Module(t, mod))
			pol := filepath.Join(dir, ".obscheck.yaml")
			old, _ := os.ReadFile(pol)
			if len(old) == 0 {
				old = []byte("version: 1\n")
			}
			if err := os.WriteFile(pol, append(old, fmt.Sprintf("\n# %d\n", time.Now().UnixNano())...), 0o644); err != nil {
				t.Fatal(err)
			}
			all, _ := vetAny(t, dir, "./...")
			cliAll := cliAny(t, dir, "./...")
			sameFindings(t, "go vet ./...", all, cliAll)
			for _, pkg := range modulePackages(t, dir) {
				// go vet -json also replays the cached output of a
				// dependency vetted in full earlier (the same caching):
				// the findings of the package vetted are those under its
				// own import path.
				got, _ := vetAny(t, dir, pkg)
				got = in(got, dir, pkg)
				if want := in(cliAll, dir, pkg); !slices.Equal(got, want) {
					t.Errorf("go vet %s differs from obscheck ./... in %s:\n got %v\nwant %v", pkg, pkg, got, want)
				}
			}
		})
	}
}

// vetAny is vet for a module that may hold a package with type errors
// (go vet then exits 1 without JSON for it).
func vetAny(t *testing.T, dir string, args ...string) ([]finding, string) {
	t.Helper()
	cmd := exec.Command("go", append([]string{"vet", "-json", "-vettool=" + obscheck}, args...)...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Run()
	return parseVetJSON(t, stdout.String()), stderr.String()
}

// position finds file:line:col or file:line inside a message.
var position = regexp.MustCompile(`\.go:\d+`)

// TestFindingsKeepIdentity: no message carries a position, and inserting
// lines above every finding and every related location leaves the
// baseline absorbing all of them and every SARIF fingerprint unchanged.
func TestFindingsKeepIdentity(t *testing.T) {
	t.Parallel()
	dir := example(t)
	run := func(args ...string) (string, int) {
		cmd := exec.Command(obscheck, args...)
		cmd.Dir = dir
		out, _, code := testutil.Run(t, cmd)
		return out, code
	}
	if _, code := run("baseline", "./..."); code != 0 {
		t.Fatalf("obscheck baseline: exit %d", code)
	}
	report := func() ([]jsonFinding, []string) {
		out, _ := run("--format", "json", "./...")
		var fs []jsonFinding
		if err := json.Unmarshal([]byte(out), &fs); err != nil {
			t.Fatal(err)
		}
		sarif, _ := run("--format", "sarif", "./...")
		var log struct {
			Runs []struct {
				Results []struct {
					PartialFingerprints map[string]string
				}
			}
		}
		if err := json.Unmarshal([]byte(sarif), &log); err != nil {
			t.Fatal(err)
		}
		var fps []string
		for _, r := range log.Runs[0].Results {
			for _, fp := range r.PartialFingerprints {
				fps = append(fps, fp)
			}
		}
		sort.Strings(fps)
		return fs, fps
	}
	before, fpsBefore := report()
	related := 0
	lines := map[string][]int{}
	for _, f := range before {
		if position.MatchString(f.Message) {
			t.Errorf("message carries a position: %s", f.Message)
		}
		lines[f.File] = append(lines[f.File], f.Line)
		for _, r := range f.Related {
			lines[r.File] = append(lines[r.File], r.Line)
			related++
		}
	}
	if len(before) == 0 || related == 0 {
		t.Fatalf("%d findings, %d related locations on the example: nothing to move", len(before), related)
	}
	for file, ls := range lines {
		insertLinesAbove(t, filepath.Join(dir, filepath.FromSlash(file)), ls)
	}
	after, fpsAfter := report()
	moved := 0
	for i := range after {
		if i < len(before) && after[i].Line != before[i].Line {
			moved++
		}
	}
	if len(after) != len(before) || moved == 0 {
		t.Fatalf("after inserting lines: %d findings (was %d), %d moved", len(after), len(before), moved)
	}
	if !slices.Equal(fpsAfter, fpsBefore) {
		t.Errorf("SARIF fingerprints changed when lines moved:\nbefore %v\nafter  %v", fpsBefore, fpsAfter)
	}
	if out, code := run("--baseline", ".obscheck-baseline.json", "./..."); code != 0 {
		t.Errorf("the baseline no longer absorbs every finding after lines moved (exit %d):\n%s", code, out)
	}
}

type jsonFinding struct {
	Rule, File, Message string
	Line, Column        int
	Related             []struct {
		File string
		Line int
	}
}

// insertLinesAbove inserts a blank line above each of lines (above the
// directive comments right above it, which cover only the next line).
func insertLinesAbove(t *testing.T, file string, lines []int) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Split(string(data), "\n")
	at := map[int]bool{}
	for _, l := range lines {
		for l > 1 && strings.HasPrefix(strings.TrimSpace(text[l-2]), "//obscheck:") {
			l--
		}
		at[l] = true
	}
	var out []string
	for i, line := range text {
		if at[i+1] {
			out = append(out, "")
		}
		out = append(out, line)
	}
	if err := os.WriteFile(file, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestNewFromRevSeesRelated: a handler added to an existing router in
// internal/api is reported at the unchanged serve site in cmd/; changed-
// lines mode counts it as new through its related locations.
func TestNewFromRevSeesRelated(t *testing.T) {
	t.Parallel()
	dir := example(t)
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-qm", "base")
	api := filepath.Join(dir, "internal", "api", "api.go")
	src, _ := os.ReadFile(api)
	edited := strings.Replace(string(src), `	mux.HandleFunc("/api/login", s.login)`,
		`	mux.HandleFunc("/api/login", s.login)
	mux.HandleFunc("/api/status", s.status)
	mux.HandleFunc("/api/signin", s.login)`, 1)
	edited += "\nfunc (s *Server) status(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) }\n"
	if edited == string(src)+"\nfunc (s *Server) status(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) }\n" {
		t.Fatal("the example's router changed: update the test")
	}
	if err := os.WriteFile(api, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	got := cli(t, dir, "--new-from-rev", "HEAD", "./...")
	var msgs []string
	for _, f := range got {
		msgs = append(msgs, f.Message)
	}
	joined := strings.Join(msgs, "\n")
	// A new handler (its declaration changed) and an old handler newly
	// registered (its registration changed); not the unchanged /api/login.
	for _, want := range []string{"Server.status serves /api/status", "Server.login serves /api/signin"} {
		if !strings.Contains(joined, want) {
			t.Errorf("--new-from-rev HEAD misses %q; reported:\n%s", want, joined)
		}
	}
	if strings.Contains(joined, "serves /api/login ") {
		t.Errorf("--new-from-rev HEAD reports the unchanged /api/login:\n%s", joined)
	}
}

// TestPolicyPerPackageEveryDriver: in a workspace, each package is judged
// by the policy file nearest to it — its module's, a nested package's, or
// the repository root's for a module without one — whichever directory
// obscheck starts in and whichever driver runs it.
func TestPolicyPerPackageEveryDriver(t *testing.T) {
	t.Parallel()
	trackSources()
	ws := t.TempDir()
	write := func(rel, content string) {
		path := filepath.Join(ws, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	logs := func(pkg, key string) string {
		return fmt.Sprintf("package %s\n\nimport \"log/slog\"\n\nfunc F(id string) { slog.Error(\"failed\", %q, id) }\n", pkg, key)
	}
	write("go.work", "go 1.26\n\nuse (\n\t./a\n\t./b\n\t./c\n)\n")
	write(".obscheck.yaml", "version: 1\npolicy:\n  correlation_keys: [root_id]\n") // the repository's
	for _, m := range []string{"a", "b", "c"} {
		write(m+"/go.mod", "module example.com/"+m+"\n\ngo 1.26\n")
	}
	write("a/.obscheck.yaml", "version: 1\npolicy:\n  correlation_keys: [tenant_id]\n")
	write("a/x/x.go", logs("x", "execution_id")) // a wants tenant_id: reported
	write("a/y/y.go", logs("y", "tenant_id"))    // clean
	write("a/quiet/.obscheck.yaml", "version: 1\nrules:\n  execidfield:\n    enabled: false\n")
	write("a/quiet/q.go", logs("quiet", "execution_id")) // rule off here
	write("b/.obscheck.yaml", "version: 1\n")            // the defaults: execution_id
	write("b/x/x.go", logs("x", "tenant_id"))            // reported
	write("b/y/y.go", logs("y", "execution_id"))         // clean
	write("c/x/x.go", logs("x", "execution_id"))         // root policy wants root_id: reported
	write("c/y/y.go", logs("y", "root_id"))              // clean
	if out, err := exec.Command("git", "-C", ws, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	want := []string{"a/x/x.go", "b/x/x.go", "c/x/x.go"}
	files := func(fs []finding) []string {
		var out []string
		for _, f := range fs {
			if f.Rule != "execidfield" {
				t.Errorf("unexpected finding %s", f)
				continue
			}
			rel, _ := filepath.Rel(ws, f.Posn[:strings.Index(f.Posn, ".go:")+3])
			out = append(out, filepath.ToSlash(rel))
		}
		sort.Strings(out)
		return slices.Compact(out)
	}
	check := func(what string, got []finding) {
		t.Helper()
		if g := files(got); !slices.Equal(g, want) {
			t.Errorf("%s: findings in %v, want %v", what, g, want)
		}
	}
	check("obscheck ./a/... ./b/... ./c/... (workspace root)", cli(t, ws, "./a/...", "./b/...", "./c/..."))
	check("obscheck -C a ./... ../b/... ../c/...", cli(t, filepath.Join(ws, "a"), "./...", "../b/...", "../c/..."))
	got, _ := vet(t, ws, []string{"GOFLAGS="}, "-vettool="+obscheck, "./a/...", "./b/...", "./c/...")
	check("go vet -vettool=obscheck (workspace root)", got)

	// The summary names the policy files that judged the run.
	cmd := exec.Command(obscheck, "./a/...", "./b/...", "./c/...")
	cmd.Dir = ws
	_, stderr, _ := testutil.Run(t, cmd)
	for _, f := range []string{".obscheck.yaml", "a/.obscheck.yaml", "a/quiet/.obscheck.yaml", "b/.obscheck.yaml"} {
		if !strings.Contains(stderr, f) {
			t.Errorf("summary does not name %s:\n%s", f, stderr)
		}
	}
}
