package vet

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/obscheck/obscheck/internal/integration/itest"
	"github.com/obscheck/obscheck/internal/testutil"
)

// TestSubsetUnderVet: go vet -vettool=obscheck ./... reports what the
// obscheck CLI reports, and so does go vet of each package alone, on the
// modules where a router built in one package is served in another.
// go vet (go1.26) caches a facts-only run of a package under the key of a
// full run, so a package vetted only as a dependency later replays no
// findings; each module gets a fresh tool ID (a nonce in its policy file)
// and its packages are vetted whole first, then one by one, dependencies
// first, before any is vetted as a dependency.
func TestSubsetUnderVet(t *testing.T) {
	itest.TrackSources()
	mods := []string{filepath.Join(itest.RepoRoot, "testdata", "example")}
	if os.Getenv("OBSCHECK_SWEEP") == "1" { // minutes; by hand, not in .ci/run
		mods = append(mods, filepath.Join(itest.RepoRoot, "analyzers", "spanrequired", "testdata"))
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
			all, _ := itest.VetAny(t, dir, "./...")
			cliAll := itest.CLIAny(t, dir, "./...")
			itest.SameFindings(t, "go vet ./...", all, cliAll)
			for _, pkg := range itest.ModulePackages(t, dir) {
				// go vet -json also replays the cached output of a
				// dependency vetted in full earlier (the same caching):
				// the findings of the package vetted are those under its
				// own import path.
				got, _ := itest.VetAny(t, dir, pkg)
				got = itest.In(got, dir, pkg)
				if want := itest.In(cliAll, dir, pkg); !slices.Equal(got, want) {
					t.Errorf("go vet %s differs from obscheck ./... in %s:\n got %v\nwant %v", pkg, pkg, got, want)
				}
			}
		})
	}
}

// TestPolicyPerPackageEveryDriver: in a workspace, each package is judged
// by the policy file nearest to it — its module's, a nested package's, or
// the repository root's for a module without one — whichever directory
// obscheck starts in and whichever driver runs it.
func TestPolicyPerPackageEveryDriver(t *testing.T) {
	t.Parallel()
	itest.TrackSources()
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
	files := func(fs []itest.Finding) []string {
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
	check := func(what string, got []itest.Finding) {
		t.Helper()
		if g := files(got); !slices.Equal(g, want) {
			t.Errorf("%s: findings in %v, want %v", what, g, want)
		}
	}
	check("obscheck ./a/... ./b/... ./c/... (workspace root)", itest.CLI(t, ws, "./a/...", "./b/...", "./c/..."))
	check("obscheck -C a ./... ../b/... ../c/...", itest.CLI(t, filepath.Join(ws, "a"), "./...", "../b/...", "../c/..."))
	got, _ := itest.Vet(t, ws, []string{"GOFLAGS="}, "-vettool="+itest.Obscheck, "./a/...", "./b/...", "./c/...")
	check("go vet -vettool=obscheck (workspace root)", got)

	// The summary names the policy files that judged the run.
	cmd := exec.Command(itest.Obscheck, "./a/...", "./b/...", "./c/...")
	cmd.Dir = ws
	_, stderr, _ := testutil.Run(t, cmd)
	for _, f := range []string{".obscheck.yaml", "a/.obscheck.yaml", "a/quiet/.obscheck.yaml", "b/.obscheck.yaml"} {
		if !strings.Contains(stderr, f) {
			t.Errorf("summary does not name %s:\n%s", f, stderr)
		}
	}
}
