// Package itest has what the integration tests share: the obscheck
// binary built once per test binary, the fixture modules, and findings
// read from the obscheck CLI and from go vet, comparable across drivers.
package itest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/obscheck/obscheck/internal/testutil"
)

var (
	// RepoRoot is this checkout.
	RepoRoot = func() string {
		_, file, _, _ := runtime.Caller(0)
		return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
	}()
	// Obscheck is the obscheck binary, built by Main.
	Obscheck string
)

// Main builds the obscheck binary, runs the tests and exits.
func Main(m *testing.M) {
	dir, err := os.MkdirTemp("", "obscheck-integration")
	if err != nil {
		panic(err)
	}
	Obscheck = filepath.Join(dir, "obscheck")
	build := exec.Command("go", "build", "-o", Obscheck, "./cmd/obscheck")
	build.Dir = RepoRoot
	if out, err := build.CombinedOutput(); err != nil {
		panic("building obscheck: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var trackOnce sync.Once

// TrackSources reads every source file the obscheck binary is built from.
// The test binary does not import package main, so without this go test
// would replay a cached pass after a change to cmd/obscheck alone: go test
// revalidates the files a test opened (from m.Run on, hence not in
// TestMain).
func TrackSources() { trackOnce.Do(readSources) }

func readSources() {
	list := exec.Command("go", "list", "-deps", "-f",
		`{{if .Module}}{{if eq .Module.Path "github.com/obscheck/obscheck"}}{{.Dir}}{{end}}{{end}}`, "./cmd/obscheck")
	list.Dir = RepoRoot
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
	os.ReadFile(filepath.Join(RepoRoot, "go.mod"))
	os.ReadFile(filepath.Join(RepoRoot, "go.sum"))
}

// Example copies the example service to a temporary directory (tests
// write policy files and apply fixes) with its dependencies downloaded.
func Example(t *testing.T) string {
	t.Helper()
	TrackSources()
	src := testutil.Module(t, filepath.Join(RepoRoot, "testdata", "example"))
	return testutil.CopyDir(t, src)
}

// Vetmini returns a fresh copy of testdata/vetmini: a module importing
// only log/slog and context, for the go vet protocol tests. A cold go vet
// type-checks every dependency (75 packages here, 270 for the example
// service), and each policy or flag change makes it cold again.
func Vetmini(t *testing.T) string {
	t.Helper()
	TrackSources()
	return testutil.CopyDir(t, filepath.Join(RepoRoot, "testdata", "vetmini"))
}

// Finding is one reported diagnostic, comparable across drivers.
type Finding struct {
	Posn    string // absolute file:line:col
	Rule    string
	Message string
}

func (f Finding) String() string { return fmt.Sprintf("%s: %s: %s", f.Posn, f.Rule, f.Message) }

func Sorted(fs []Finding) []Finding {
	sort.Slice(fs, func(i, j int) bool { return fs[i].String() < fs[j].String() })
	return slices.Compact(fs)
}

// CLI runs the obscheck command in dir with --format json.
func CLI(t *testing.T, dir string, args ...string) []Finding {
	t.Helper()
	cmd := exec.Command(Obscheck, append([]string{"--format", "json"}, args...)...)
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
	var fs []Finding
	for _, f := range out {
		file := f.File
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, filepath.FromSlash(file))
		}
		fs = append(fs, Finding{fmt.Sprintf("%s:%d:%d", file, f.Line, f.Column), f.Rule, f.Message})
	}
	return Sorted(fs)
}

// Vet runs go vet -json in dir and returns the findings (the JSON on
// stdout) and stderr.
func Vet(t *testing.T, dir string, env []string, args ...string) ([]Finding, string) {
	t.Helper()
	cmd := exec.Command("go", append([]string{"vet", "-json"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go Vet -json %s: %v\n%s%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return ParseVetJSON(t, stdout.String()), stderr.String()
}

// ParseVetJSON reads go vet -json output: "# package" lines and one JSON
// object per package, {"pkg": {"analyzer": [diagnostic...]}}.
func ParseVetJSON(t *testing.T, out string) []Finding {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	dec := json.NewDecoder(strings.NewReader(strings.Join(lines, "\n")))
	var fs []Finding
	for dec.More() {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			t.Fatalf("go Vet -json output: %v\n%s", err, out)
		}
		for _, byAnalyzer := range tree {
			for analyzer, raw := range byAnalyzer {
				var diags []struct{ Posn, Message string }
				if err := json.Unmarshal(raw, &diags); err != nil {
					// {"error": "..."} when an analyzer failed.
					t.Fatalf("analyzer %s failed under go vet: %s", analyzer, raw)
				}
				for _, d := range diags {
					fs = append(fs, Finding{d.Posn, analyzer, d.Message})
				}
			}
		}
	}
	return Sorted(fs)
}

// SameFindings fails the test unless got and want are the same set.
func SameFindings(t *testing.T, what string, got, want []Finding) {
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

func Rules(fs []Finding) []string {
	var rules []string
	for _, f := range fs {
		rules = append(rules, f.Rule)
	}
	slices.Sort(rules)
	return slices.Compact(rules)
}

// ModulePackages lists the module's packages, dependencies first, as
// directories relative to the module ("./cmd/server").
func ModulePackages(t *testing.T, dir string) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-e", "-deps", "-f", "{{if .Module}}{{if .Module.Main}}{{.Dir}}{{end}}{{end}}", "./...")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list In %s: %v", dir, err)
	}
	var pkgs []string
	for _, d := range strings.Fields(string(out)) {
		rel, _ := filepath.Rel(dir, d)
		pkgs = append(pkgs, "./"+filepath.ToSlash(rel))
	}
	return slices.Compact(pkgs)
}

// In keeps the findings in the package directory pkg of module dir.
func In(fs []Finding, dir, pkg string) []Finding {
	var out []Finding
	want := filepath.Join(dir, filepath.FromSlash(pkg))
	for _, f := range fs {
		file := f.Posn[:strings.Index(f.Posn, ".go:")+3]
		if filepath.Dir(file) == want {
			out = append(out, f)
		}
	}
	return out
}

// CLIAny is CLI that accepts exit status 3 (a fixture's broken package).
func CLIAny(t *testing.T, dir string, args ...string) []Finding {
	t.Helper()
	cmd := exec.Command(Obscheck, append([]string{"--format", "json"}, args...)...)
	cmd.Dir = dir
	out, _, code := testutil.Run(t, cmd)
	if code != 0 && code != 1 && code != 3 {
		t.Fatalf("obscheck %v In %s: exit %d", args, dir, code)
	}
	var raw []struct {
		Rule, File, Message string
		Line, Column        int
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("obscheck JSON: %v\n%s", err, out)
	}
	var fs []Finding
	for _, f := range raw {
		fs = append(fs, Finding{fmt.Sprintf("%s:%d:%d", filepath.Join(dir, filepath.FromSlash(f.File)), f.Line, f.Column), f.Rule, f.Message})
	}
	return Sorted(fs)
}

// VetAny is Vet for a module that may hold a package with type errors
// (go vet then exits 1 without JSON for it).
func VetAny(t *testing.T, dir string, args ...string) ([]Finding, string) {
	t.Helper()
	cmd := exec.Command("go", append([]string{"vet", "-json", "-vettool=" + Obscheck}, args...)...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Run()
	return ParseVetJSON(t, stdout.String()), stderr.String()
}

// Position finds file:line:col or file:line inside a message.
var Position = regexp.MustCompile(`\.go:\d+`)
