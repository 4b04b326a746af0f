// Package integration runs obscheck inside the host tools users run it in
// (go vet, a nogo-style unitchecker) on the bundled example service and
// checks they report what the obscheck CLI reports. The golangci-lint and
// pre-commit proofs are scripts/ci-golangci.sh and scripts/ci-precommit.sh.
package integration

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// unitcheckerEnv makes the test binary act as a bare unitchecker over
// every analyzer: the per-package, flags-only driver go vet and Bazel's
// nogo use, with none of the obscheck command's own set-up.
const unitcheckerEnv = "OBSCHECK_INTEGRATION_UNITCHECKER"

var (
	repoRoot string // this checkout
	obscheck string // the obscheck binary, built once
)

func TestMain(m *testing.M) {
	if os.Getenv(unitcheckerEnv) == "1" {
		unitchecker.Main(all.Analyzers()...) // never returns
	}
	_, file, _, _ := runtime.Caller(0)
	repoRoot = filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
	dir, err := os.MkdirTemp("", "obscheck-integration")
	if err != nil {
		panic(err)
	}
	obscheck = filepath.Join(dir, "obscheck")
	build := exec.Command("go", "build", "-o", obscheck, "./cmd/obscheck")
	build.Dir = repoRoot
	if out, err := build.CombinedOutput(); err != nil {
		panic("building obscheck: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var trackOnce sync.Once

// trackSources reads every source file the obscheck binary is built from.
// The test binary does not import package main, so without this go test
// would replay a cached pass after a change to cmd/obscheck alone: go test
// revalidates the files a test opened (from m.Run on, hence not in
// TestMain).
func trackSources() { trackOnce.Do(readSources) }

func readSources() {
	list := exec.Command("go", "list", "-deps", "-f",
		`{{if .Module}}{{if eq .Module.Path "github.com/obscheck/obscheck"}}{{.Dir}}{{end}}{{end}}`, "./cmd/obscheck")
	list.Dir = repoRoot
	out, err := list.Output()
	if err != nil {
		panic("go list ./cmd/obscheck: " + err.Error())
	}
	for _, dir := range strings.Fields(string(out)) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".go") {
				os.ReadFile(filepath.Join(dir, e.Name()))
			}
		}
	}
	os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	os.ReadFile(filepath.Join(repoRoot, "go.sum"))
}

// example copies the example service to a temporary directory (tests
// write policy files and apply fixes) with its dependencies downloaded.
func example(t *testing.T) string {
	t.Helper()
	trackSources()
	src := testutil.Module(t, filepath.Join(repoRoot, "testdata", "example"))
	return testutil.CopyDir(t, src)
}

// vetmini returns a fresh copy of testdata/vetmini: a module importing
// only log/slog and context, for the go vet protocol tests. A cold go vet
// type-checks every dependency (75 packages here, 270 for the example
// service), and each policy or flag change makes it cold again.
func vetmini(t *testing.T) string {
	t.Helper()
	trackSources()
	return testutil.CopyDir(t, filepath.Join(repoRoot, "testdata", "vetmini"))
}

// finding is one reported diagnostic, comparable across drivers.
type finding struct {
	Posn    string // absolute file:line:col
	Rule    string
	Message string
}

func (f finding) String() string { return fmt.Sprintf("%s: %s: %s", f.Posn, f.Rule, f.Message) }

func sorted(fs []finding) []finding {
	sort.Slice(fs, func(i, j int) bool { return fs[i].String() < fs[j].String() })
	return slices.Compact(fs)
}

// cli runs the obscheck command in dir with --format json.
func cli(t *testing.T, dir string, args ...string) []finding {
	t.Helper()
	cmd := exec.Command(obscheck, append([]string{"--format", "json"}, args...)...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 1) {
		t.Fatalf("obscheck %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var out []struct {
		Rule, File, Message string
		Line, Column        int
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("obscheck JSON: %v\n%s", err, stdout.String())
	}
	var fs []finding
	for _, f := range out {
		file := f.File
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, filepath.FromSlash(file))
		}
		fs = append(fs, finding{fmt.Sprintf("%s:%d:%d", file, f.Line, f.Column), f.Rule, f.Message})
	}
	return sorted(fs)
}

// vet runs go vet -json in dir and returns the findings (the JSON on
// stdout) and stderr.
func vet(t *testing.T, dir string, env []string, args ...string) ([]finding, string) {
	t.Helper()
	cmd := exec.Command("go", append([]string{"vet", "-json"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go vet -json %s: %v\n%s%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return parseVetJSON(t, stdout.String()), stderr.String()
}

// parseVetJSON reads go vet -json output: "# package" lines and one JSON
// object per package, {"pkg": {"analyzer": [diagnostic...]}}.
func parseVetJSON(t *testing.T, out string) []finding {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	dec := json.NewDecoder(strings.NewReader(strings.Join(lines, "\n")))
	var fs []finding
	for dec.More() {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			t.Fatalf("go vet -json output: %v\n%s", err, out)
		}
		for _, byAnalyzer := range tree {
			for analyzer, raw := range byAnalyzer {
				var diags []struct{ Posn, Message string }
				if err := json.Unmarshal(raw, &diags); err != nil {
					// {"error": "..."} when an analyzer failed.
					t.Fatalf("analyzer %s failed under go vet: %s", analyzer, raw)
				}
				for _, d := range diags {
					fs = append(fs, finding{d.Posn, analyzer, d.Message})
				}
			}
		}
	}
	return sorted(fs)
}

// sameFindings fails the test unless got and want are the same set.
func sameFindings(t *testing.T, what string, got, want []finding) {
	t.Helper()
	if len(want) == 0 {
		t.Fatalf("%s: the CLI reports nothing: nothing to compare", what)
	}
	if slices.Equal(got, want) {
		return
	}
	var b strings.Builder
	for _, f := range want {
		if !slices.Contains(got, f) {
			fmt.Fprintf(&b, "\n- %s", f)
		}
	}
	for _, f := range got {
		if !slices.Contains(want, f) {
			fmt.Fprintf(&b, "\n+ %s", f)
		}
	}
	t.Errorf("%s differs from the obscheck CLI (- CLI only, + %s only):%s", what, what, b.String())
}

func rulesOf(fs []finding) []string {
	var rules []string
	for _, f := range fs {
		rules = append(rules, f.Rule)
	}
	slices.Sort(rules)
	return slices.Compact(rules)
}
