package integration

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/integration/itest"
	"github.com/obscheck/obscheck/internal/testutil"
)

// A gate gives the same findings however it is run. These tests walk
// every package of each multi-package fixture.

// fixtures are the repository's multi-package test modules.
func fixtures(t *testing.T) []string {
	t.Helper()
	var mods []string
	for _, pattern := range []string{"testdata/*/go.mod", "analyzers/*/testdata/go.mod"} {
		found, _ := filepath.Glob(filepath.Join(itest.RepoRoot, pattern))
		for _, m := range found {
			dir := filepath.Dir(m)
			if len(itest.ModulePackages(t, testutil.Module(t, dir))) > 1 {
				mods = append(mods, dir)
			}
		}
	}
	if len(mods) < 3 {
		t.Fatalf("found %d multi-package fixtures: the walk proves little", len(mods))
	}
	return mods
}

// TestSubsetEveryPackage: for every package P of every fixture,
// `obscheck P` reports exactly what `obscheck ./...` reports in P.
//
// A run naming several packages of which none imports another, directly
// or not, analyzes each of them as it would alone: the packages of the
// module they import are analyzed for their facts only in both cases. So
// the packages are run in batches of equal depth in the module's import
// graph (no package imports one of its own depth), which names every
// package once in a handful of runs.
func TestSubsetEveryPackage(t *testing.T) {
	itest.TrackSources()
	for _, mod := range fixtures(t) {
		t.Run(filepath.Base(filepath.Dir(mod))+"/"+filepath.Base(mod), func(t *testing.T) {
			t.Parallel()
			dir := testutil.Module(t, mod)
			all := itest.CLIAny(t, dir, "./...")
			for _, f := range all {
				if itest.Position.MatchString(f.Message) { // identity must not move with lines
					t.Errorf("message carries a position: %s", f)
				}
			}
			batches := depthBatches(t, dir)
			if len(batches) == 1 {
				return // one batch of every package: the ./... run itself
			}
			for _, batch := range batches {
				got := itest.CLIAny(t, dir, batch...)
				var want []itest.Finding
				for _, pkg := range batch {
					want = append(want, itest.In(all, dir, pkg)...)
				}
				if want = itest.Sorted(want); !slices.Equal(got, want) {
					t.Errorf("obscheck %v differs from obscheck ./... in those packages:\n got %v\nwant %v", batch, got, want)
				}
			}
		})
	}
}

// depthBatches lists the module's packages (as modulePackages) grouped by
// their depth in the module's import graph: 0 for a package importing no
// other package of the module, else one more than the deepest it imports,
// directly or not. Packages of one depth never import each other.
func depthBatches(t *testing.T, dir string) [][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-e", "-f", "{{.ImportPath}}\t{{.Dir}}\t{{join .Deps \" \"}}", "./...")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list in %s: %v", dir, err)
	}
	type pkg struct {
		dir  string
		deps []string
	}
	pkgs := map[string]pkg{}
	var paths []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.SplitN(line, "\t", 3)
		if len(f) != 3 {
			t.Fatalf("go list in %s: %q", dir, line)
		}
		pkgs[f[0]] = pkg{f[1], strings.Fields(f[2])}
		paths = append(paths, f[0])
	}
	depth := map[string]int{}
	var depthOf func(path string) int
	depthOf = func(path string) int {
		if d, ok := depth[path]; ok {
			return d
		}
		d := 0
		for _, dep := range pkgs[path].deps {
			if _, own := pkgs[dep]; own {
				d = max(d, depthOf(dep)+1)
			}
		}
		depth[path] = d
		return d
	}
	var batches [][]string
	for _, path := range paths {
		d := depthOf(path)
		for len(batches) <= d {
			batches = append(batches, nil)
		}
		rel, _ := filepath.Rel(dir, pkgs[path].dir)
		batches[d] = append(batches[d], "./"+filepath.ToSlash(rel))
	}
	n := 0
	for _, b := range batches {
		n += len(b)
	}
	if want := len(itest.ModulePackages(t, dir)); n != want {
		t.Fatalf("%s: %d packages listed, %d batched", dir, want, n)
	}
	return batches
}

// TestFindingsKeepIdentity: no message carries a position, and inserting
// lines above every finding and every related location leaves the
// baseline absorbing all of them and every SARIF fingerprint unchanged.
func TestFindingsKeepIdentity(t *testing.T) {
	t.Parallel()
	dir := itest.Example(t)
	run := func(args ...string) (string, int) {
		cmd := exec.Command(itest.Obscheck, args...)
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
		if itest.Position.MatchString(f.Message) {
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
	dir := itest.Example(t)
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
	got := itest.CLI(t, dir, "--new-from-rev", "HEAD", "./...")
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
