package reliability

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/internal/driver"
	"github.com/obscheck/obscheck/internal/fix"
	"github.com/obscheck/obscheck/internal/output"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/testutil"
)

// analyze runs every analyzer on patterns in dir, in process, the way the
// CLI does (driver.Analyze: streamed unless tests are included).
func analyze(t *testing.T, dir string, jobs int, tests bool, patterns ...string) (*driver.Result, []driver.PackageError) {
	t.Helper()
	p := policy.Default()
	p.Root = dir
	loaded, res, err := driver.Analyze(driver.LoadConfig{Dir: dir, Patterns: patterns, Tests: tests},
		driver.RunConfig{Analyzers: all.New(policy.Fixed(p)), Jobs: jobs, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return res, loaded.Errors
}

func noFailures(t *testing.T, res *driver.Result) {
	t.Helper()
	for _, f := range res.Failures {
		t.Errorf("analyzer %s failed on %s (%s): %s\n%s", f.Analyzer, f.Package, f.File, f.Err, f.Stack)
	}
}

// TestOddCode: generics, cgo, build tags, dot-imports, aliases, method
// values, closures and a //go:build ignore file; one package that does not
// type-check is listed with the compiler's message and the rest analyzed.
func TestOddCode(t *testing.T) {
	dir := testutil.Module(t, "../../testdata/odd")
	res, bad := analyze(t, dir, 2, true, "./...")
	noFailures(t, res)
	if len(bad) != 1 || !strings.HasSuffix(bad[0].Package, "example.com/odd/broken") ||
		!strings.Contains(strings.Join(bad[0].Errors, "\n"), "undefined: undefinedVar") {
		t.Errorf("broken package not reported with the compiler's message: %+v", bad)
	}
	if res.Packages != 5 {
		t.Errorf("analyzed %d packages, want 5 (gen cg tags dots alias)", res.Packages)
	}
	var files []string
	for _, f := range res.Findings {
		files = append(files, f.File)
	}
	if !strings.Contains(strings.Join(files, " "), "dots/dots.go") {
		t.Errorf("no findings through dot-imports and method values: %v", files)
	}
	// The package that does not type-check still has its directives
	// judged (the directive rule runs despite errors): this one lacks a
	// reason.
	if !strings.Contains(strings.Join(files, " "), "broken/broken.go") {
		t.Errorf("the malformed directive of the broken package is not reported: %v", files)
	}
	// A cgo file is analyzed and reported in the user's file, not in
	// cmd/cgo's output (which says it is generated).
	if !strings.Contains(strings.Join(files, " "), "cg/cg.go") {
		t.Errorf("no findings in the cgo file: %v", files)
	}
}

// TestDeterministicReports: same input, byte-identical SARIF, whatever
// --jobs and however often.
func TestDeterministicReports(t *testing.T) {
	dir := testutil.Module(t, "../../testdata/example")
	var first []byte
	for _, jobs := range []int{1, 4, 2, 1} {
		res, _ := analyze(t, dir, jobs, false, "./...")
		noFailures(t, res)
		var buf bytes.Buffer
		if err := output.Write(&buf, output.SARIF, res.Findings, nil, output.Options{Root: dir, Version: "test"}); err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = buf.Bytes()
			if len(res.Findings) == 0 {
				t.Fatal("the example service has no findings")
			}
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Fatalf("jobs=%d: report differs", jobs)
		}
	}
}

// TestFixOnExample: --fix on a copy of the example service leaves code
// that builds and is gofmt'ed, and a second --fix changes nothing.
func TestFixOnExample(t *testing.T) {
	dir := testutil.CopyDir(t, testutil.Module(t, "../../testdata/example"))
	res, _ := analyze(t, dir, 2, false, "./...")
	// Plain --fix leaves metric renames (dashboards query the old name),
	// and says how to apply them.
	safe, err := fix.Apply(res.Findings, fix.Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(safe.Refused, "\n"), "metricnaming: fix not applied: unsafe: it renames a metric") ||
		!strings.Contains(strings.Join(safe.Refused, "\n"), "--fix=unsafe") {
		t.Errorf("the metric rename is not refused by plain --fix: %v", safe.Refused)
	}
	out, err := fix.Apply(res.Findings, fix.Options{Unsafe: true})
	if err != nil {
		t.Fatal(err)
	}
	// The example offers at least the metric rename and the stale
	// directive's removal; without applied fixes the rest proves nothing.
	if len(out.Fixed) < 2 || len(out.Fixed) <= len(safe.Fixed) {
		t.Errorf("%d fixes applied on the example (%d safe), want at least 2 and the renames; refused: %v", len(out.Fixed), len(safe.Fixed), out.Refused)
	}
	build := exec.Command("go", "build", "./...")
	build.Dir = dir
	if b, err := build.CombinedOutput(); err != nil {
		t.Errorf("fixed code does not build: %v\n%s", err, b)
	}
	if b, _ := exec.Command("gofmt", "-l", dir).Output(); len(b) > 0 {
		t.Errorf("fixed files not gofmt'ed: %s", b)
	}
	snapshot := func() string {
		var all strings.Builder
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil && strings.HasSuffix(p, ".go") {
				b, _ := os.ReadFile(p)
				all.Write(b)
			}
			return nil
		})
		return all.String()
	}
	before := snapshot()
	res2, _ := analyze(t, dir, 2, false, "./...")
	out2, err := fix.Apply(res2.Findings, fix.Options{Unsafe: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(out2.Files) > 0 || snapshot() != before {
		t.Errorf("second --fix changed files: %v", out2.Files)
	}
}

// sweep runs every analyzer over patterns and asserts no failures. It is
// slow, so it runs when OBSCHECK_SWEEP=1 (a separate stage of .ci/run).
func sweep(t *testing.T, dir string, patterns ...string) {
	if os.Getenv("OBSCHECK_SWEEP") != "1" {
		t.Skip("set OBSCHECK_SWEEP=1 to sweep")
	}
	res, bad := analyze(t, dir, 0, false, patterns...)
	noFailures(t, res)
	t.Logf("%d packages analyzed, %d not loadable, %d findings, %d failures", res.Packages, len(bad), len(res.Findings), len(res.Failures))
}

// TestSweepStd: every analyzer over the standard library.
func TestSweepStd(t *testing.T) {
	sweep(t, t.TempDir(), "std")
}

// TestSweepModules: every analyzer over large real modules (the odd
// fixture's dependencies: prometheus client, OpenTelemetry, zap, ...),
// each copied out of the module cache and analyzed as the main module, the
// way its own developers would run obscheck (a dependency's packages are
// knowledge, never analyzed, in every driver).
func TestSweepModules(t *testing.T) {
	if os.Getenv("OBSCHECK_SWEEP") != "1" {
		t.Skip("set OBSCHECK_SWEEP=1 to sweep")
	}
	odd := testutil.Module(t, "../../testdata/odd")
	for _, mod := range []string{"github.com/prometheus/client_golang", "github.com/prometheus/common",
		"go.opentelemetry.io/otel", "go.uber.org/zap", "google.golang.org/protobuf"} {
		cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mod)
		cmd.Dir = odd
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -m %s: %v", mod, err)
		}
		dir := testutil.CopyDir(t, strings.TrimSpace(string(out)))
		dropLocalReplaces(t, dir) // siblings in the repository, not in the copy
		sweep(t, testutil.Module(t, dir), "./...")
	}
}

func dropLocalReplaces(t *testing.T, dir string) {
	t.Helper()
	cmd := exec.Command("go", "mod", "edit", "-json")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var mod struct {
		Replace []struct{ Old, New struct{ Path string } }
	}
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatal(err)
	}
	for _, r := range mod.Replace {
		if strings.HasPrefix(r.New.Path, ".") {
			cmd := exec.Command("go", "mod", "edit", "-dropreplace="+r.Old.Path)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%v %s", err, out)
			}
		}
	}
}

// TestLoadModesAgree: dependencies from the build cache's export data,
// from declarations-only source, and from obscheck's own cache (the second
// source run) give every rule the same view.
func TestLoadModesAgree(t *testing.T) {
	dir := testutil.Module(t, "../../testdata/example")
	cache := "OBSCHECK_CACHE=" + t.TempDir()
	var reports []string
	modes := []string{"export", "source", "source"}
	for i, mode := range modes {
		rc := driver.RunConfig{Analyzers: all.New(policy.Fixed(policy.Default())), Dir: dir}
		loaded, res, err := driver.Analyze(driver.LoadConfig{Dir: dir, Mode: mode, Env: []string{cache}}, rc)
		if err != nil || len(loaded.Errors) > 0 {
			t.Fatalf("%s: %v %v", mode, err, loaded)
		}
		if i == 2 && (loaded.Deps.Cached == 0 || loaded.Deps.Source != 0) {
			t.Errorf("second source run: %+v, want every dependency from obscheck's cache", loaded.Deps)
		}
		noFailures(t, res)
		var buf bytes.Buffer
		output.Write(&buf, output.Text, res.Findings, nil, output.Options{})
		reports = append(reports, buf.String())
	}
	for i := 1; i < len(modes); i++ {
		if reports[i] != reports[0] || reports[0] == "" {
			t.Errorf("%s report:\n%s\n%s report (run %d):\n%s", modes[0], reports[0], modes[i], i, reports[i])
		}
	}
}

// TestFixRefusesEditedFile: a file edited between analysis and --fix used
// to get each edit at its old offset (a field inserted inside another
// call's arguments: it compiled, exit 0). Now the file is refused.
func TestFixRefusesEditedFile(t *testing.T) {
	dir := testutil.CopyDir(t, testutil.Module(t, "../../testdata/example"))
	res, _ := analyze(t, dir, 2, false, "./...")
	var file string
	for _, f := range res.Findings {
		if len(f.Fixes) > 0 && f.Fixes[0].Unsafe == "" {
			file = f.Fixes[0].Edits[0].Abs
			break
		}
	}
	if file == "" {
		t.Fatal("no safe fix on the example")
	}
	data, _ := os.ReadFile(file)
	edited := strings.Replace(string(data), "\n", "\n// An edit made while obscheck ran.\n", 1)
	os.WriteFile(file, []byte(edited), 0o644)
	out, err := fix.Apply(res.Findings, fix.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(file); string(got) != edited {
		t.Errorf("the edited file was changed by --fix")
	}
	if len(out.Stale) != 1 || out.Stale[0] != file {
		t.Errorf("stale files %v, want [%s]", out.Stale, file)
	}
}
