package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/testutil"
)

// bin is the obscheck binary built once for the end-to-end tests.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "obscheck-test")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "obscheck")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		panic("building obscheck: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

// obscheck runs the binary in dir.
func obscheck(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	stdout, stderr, code := testutil.Run(t, cmd)
	return result{stdout, stderr, code}
}

// copyFixture copies testdata/name to a temporary directory, for tests
// that write files.
func copyFixture(t *testing.T, name string) string {
	return testutil.CopyDir(t, filepath.Join("testdata", name))
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name, dir string
		args      []string
		code      int
		stderr    string
	}{
		{"clean", "testdata/clean", nil, 0, "no findings"},
		{"findings", "testdata/directives", nil, 1, "3 findings"},
		{"config error", "testdata/badconfig", nil, 2, `.obscheck.yaml:3: unknown key "policy.metric_prefx"`},
		{"unknown format", "testdata/clean", []string{"--format", "xml"}, 2, `unknown --format "xml"`},
		{"unknown flag", "testdata/clean", []string{"--frmat", "json"}, 2, "unknown flag: --frmat"},
		{"unknown rule", "testdata/clean", []string{"--disable", "nosuch"}, 2, "--disable nosuch: unknown rule"},
		{"missing config", "testdata/clean", []string{"--config", "nope.yaml"}, 2, "nope.yaml"},
		{"missing baseline", "testdata/clean", []string{"--baseline", "nope.json"}, 2, "--baseline"},
		{"type errors", "testdata/broken", nil, 3, "package example.com/broken/bad could not be checked"},
		{"no packages", "testdata/clean", []string{"./nosuchdir/..."}, 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := obscheck(t, tt.dir, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr does not contain %q:\n%s", tt.stderr, r.stderr)
			}
		})
	}
}

func TestTypeErrorsStillAnalyzeTheRest(t *testing.T) {
	r := obscheck(t, "testdata/broken")
	if !strings.Contains(r.stderr, `cannot use "not an int"`) {
		t.Errorf("compiler message missing:\n%s", r.stderr)
	}
	if !strings.Contains(r.stdout, "ok.go:3:1: malformed obscheck directive") {
		t.Errorf("the package that type-checks was not analyzed:\n%s", r.stdout)
	}
}

func TestTextReport(t *testing.T) {
	r := obscheck(t, "testdata/directives", "--show-source=false")
	want := `d.go:3:1: malformed obscheck directive: directive has no reason; say why the finding does not apply, after the rule names (directive)
d.go:6:1: obscheck directive names unknown rule "nosuchrule"; known rules: spanrequired, metricnaming, execidfield, labelcardinality, sanitizeboundary, otelinit, spanstatus, spancorrelation (directive)
d.go:11:1: obscheck directive suppresses nothing: no execidfield finding here any more; remove it so it cannot hide a future finding (directive)
`
	if r.stdout != want {
		t.Errorf("got:\n%s\nwant:\n%s", r.stdout, want)
	}
	// By default each finding shows its source line, the reported
	// directive underlined, as golangci-lint does; no colour off a terminal.
	src := obscheck(t, "testdata/directives")
	if !strings.Contains(src.stdout, "(directive)\n//obscheck:ignore execidfield\n^~~~~~~~~~~~~~~~~~~~~~~~~~~~~\nd.go:6:1:") || strings.Contains(src.stdout, "\x1b[") {
		t.Errorf("source lines missing or coloured:\n%s", src.stdout)
	}
	want = src.stdout
	// Generated files are never reported: sub/gen.go has a malformed directive.
	if strings.Contains(r.stdout, "gen.go") {
		t.Error("reported a generated file")
	}
	// -C: paths are relative to the directory given.
	r2 := obscheck(t, ".", "-C", "testdata/directives")
	if r2.stdout != want {
		t.Errorf("-C changed the report:\n%s", r2.stdout)
	}
}

func TestJSONReport(t *testing.T) {
	r := obscheck(t, "testdata/directives", "--format", "json")
	var got []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if len(got) != 3 || got[0]["rule"] != "directive" || got[0]["file"] != "d.go" || got[0]["line"] != 3.0 {
		t.Errorf("unexpected JSON: %s", r.stdout)
	}
	for _, key := range []string{"rule", "file", "line", "column", "end_line", "end_column", "message", "suggested_fixes"} {
		if _, ok := got[0][key]; !ok {
			t.Errorf("JSON finding lacks %q", key)
		}
	}
	clean := obscheck(t, "testdata/clean", "--format", "json")
	if strings.TrimSpace(clean.stdout) != "[]" {
		t.Errorf("empty JSON report = %q, want []", clean.stdout)
	}
}

func TestOutputFileAndSARIF(t *testing.T) {
	dir := copyFixture(t, "directives")
	r := obscheck(t, dir, "--format", "sarif", "--output", "out.sarif")
	if r.code != 1 || r.stdout != "" {
		t.Fatalf("code %d stdout %q", r.code, r.stdout)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil || log.Version != "2.1.0" || len(log.Runs[0].Results) != 3 {
		t.Errorf("bad SARIF (%v): %s", err, data)
	}
}

func TestGitHubReport(t *testing.T) {
	r := obscheck(t, "testdata/directives", "--format", "github")
	// Paths are relative to the repository root, where GitHub resolves them.
	if !strings.HasPrefix(r.stdout, "::error file=cmd/obscheck/testdata/directives/d.go,line=3,col=1") || !strings.Contains(r.stdout, "title=obscheck directive::") {
		t.Errorf("unexpected github report:\n%s", r.stdout)
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	dir := copyFixture(t, "directives")
	r := obscheck(t, dir, "baseline", "-f", "base.json")
	if r.code != 0 {
		t.Fatalf("baseline: code %d: %s", r.code, r.stderr)
	}
	r = obscheck(t, dir, "--baseline", "base.json")
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "3 baselined") {
		t.Fatalf("baselined run: code %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	// Unrelated edits move the findings down; they stay baselined.
	src := filepath.Join(dir, "d.go")
	data, _ := os.ReadFile(src)
	edited := strings.Replace(string(data), "package directives\n", "package directives\n\n// Unrelated comment.\n// Another line.\n", 1)
	// A new finding is reported.
	edited += "\n//obscheck:ignore labelcardinality\nvar D = 4\n"
	os.WriteFile(src, []byte(edited), 0o644)
	r = obscheck(t, dir, "--baseline", "base.json", "--show-source=false")
	if r.code != 1 || strings.Count(r.stdout, "\n") != 1 || !strings.Contains(r.stdout, "d.go:17:1: malformed") {
		t.Errorf("after edit: code %d stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	// A baseline that is not one is a usage error.
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{not json"), 0o644)
	if r := obscheck(t, dir, "--baseline", "bad.json"); r.code != 2 {
		t.Errorf("malformed baseline: code %d, want 2: %s", r.code, r.stderr)
	}
}

func TestFixIsIdempotent(t *testing.T) {
	dir := copyFixture(t, "directives")
	r := obscheck(t, dir, "--fix")
	if !strings.Contains(r.stderr, "fixed 1 finding") {
		t.Fatalf("--fix: %s", r.stderr)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "d.go"))
	if strings.Contains(string(data), "nothing to suppress here") || !strings.Contains(string(data), "// C is documented.\nvar C = 3") {
		t.Errorf("unused directive not removed cleanly (the doc comment must stay attached):\n%s", data)
	}
	if _, err := exec.Command("gofmt", "-l", dir).Output(); err != nil {
		t.Fatal(err)
	}
	again := obscheck(t, dir, "--fix")
	after, _ := os.ReadFile(filepath.Join(dir, "d.go"))
	if !bytes.Equal(data, after) || strings.Contains(again.stderr, "fixed") {
		t.Errorf("second --fix changed the file:\n%s", after)
	}
}

func TestEnableDisable(t *testing.T) {
	r := obscheck(t, "testdata/directives", "--disable", "directive")
	if r.code != 0 || r.stdout != "" {
		t.Errorf("--disable directive: code %d stdout %q", r.code, r.stdout)
	}
	// Disabling the rule a directive names: the directive is not judged stale.
	r = obscheck(t, "testdata/directives", "--disable", "execidfield")
	if strings.Contains(r.stdout, "suppresses nothing") {
		t.Errorf("directive of a disabled rule reported as unused:\n%s", r.stdout)
	}
}

func TestSubcommands(t *testing.T) {
	r := obscheck(t, ".", "rules")
	for _, rule := range []string{"spanrequired", "metricnaming", "execidfield", "labelcardinality", "sanitizeboundary", "directive"} {
		if !strings.Contains(r.stdout, rule) {
			t.Errorf("rules lacks %s:\n%s", rule, r.stdout)
		}
	}
	if r := obscheck(t, ".", "explain", "directive"); r.code != 0 || !strings.Contains(r.stdout, "Bad:") || !strings.Contains(r.stdout, "rules.directive.enabled") {
		t.Errorf("explain: %d %s", r.code, r.stdout)
	}
	if r := obscheck(t, ".", "explain", "nosuch"); r.code != 2 {
		t.Errorf("explain nosuch: code %d", r.code)
	}
	if r := obscheck(t, ".", "version"); !strings.HasPrefix(r.stdout, "obscheck ") {
		t.Errorf("version: %q", r.stdout)
	}
	dir := t.TempDir()
	if r := obscheck(t, dir, "init"); r.code != 0 {
		t.Fatalf("init: %s", r.stderr)
	}
	if r := obscheck(t, dir, "init"); r.code != 2 {
		t.Errorf("init over an existing file: code %d, want 2", r.code)
	}
}

func TestVetTool(t *testing.T) {
	cmd := exec.Command("go", "vet", "-vettool="+bin, "./...")
	cmd.Dir = "testdata/directives"
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() == 0 {
		t.Fatalf("go vet should fail on findings: %v\n%s", err, out)
	}
	for _, want := range []string{"d.go:3:1: malformed obscheck directive", "d.go:6:1: obscheck directive names unknown rule", "d.go:11:1: obscheck directive suppresses nothing"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("go vet output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "gen.go") {
		t.Errorf("go vet reported a generated file:\n%s", out)
	}
	// The policy file is read in vet mode too.
	cmd = exec.Command("go", "vet", "-vettool="+bin, "./...")
	cmd.Dir = "testdata/badconfig"
	out, _ = cmd.CombinedOutput()
	if !strings.Contains(string(out), `unknown key "policy.metric_prefx"`) {
		t.Errorf("go vet ignored the bad policy file:\n%s", out)
	}
	clean := exec.Command("go", "vet", "-vettool="+bin, "./...")
	clean.Dir = "testdata/clean"
	if out, err := clean.CombinedOutput(); err != nil {
		t.Errorf("go vet on a clean module: %v\n%s", err, out)
	}
}

// TestVetCacheSeesPolicyEdits: go vet replays cached results keyed by the
// tool ID; editing .obscheck.yaml must change it.
func TestVetCacheSeesPolicyEdits(t *testing.T) {
	dir := copyFixture(t, "directives")
	vet := func() string {
		cmd := exec.Command("go", "vet", "-vettool="+bin, "./...")
		cmd.Dir = dir
		out, _ := cmd.CombinedOutput()
		return string(out)
	}
	if out := vet(); !strings.Contains(out, "malformed obscheck directive") {
		t.Fatalf("first run: %s", out)
	}
	os.WriteFile(filepath.Join(dir, ".obscheck.yaml"), []byte("version: 1\nrules:\n  directive: {enabled: false}\n"), 0o644)
	if out := vet(); strings.Contains(out, "obscheck directive") {
		t.Errorf("policy edit ignored, stale cached result replayed:\n%s", out)
	}
}

// TestVetCacheSeesNestedPolicyEdits: a policy file in a subdirectory
// governs the packages below it; editing it must also change the tool ID.
func TestVetCacheSeesNestedPolicyEdits(t *testing.T) {
	dir := copyFixture(t, "directives")
	os.MkdirAll(filepath.Join(dir, "other"), 0o755)
	os.WriteFile(filepath.Join(dir, "other", "o.go"), []byte("package other\n\n//obscheck:ignore execidfield\nvar X = 1\n"), 0o644)
	vet := func() string {
		cmd := exec.Command("go", "vet", "-vettool="+bin, "./other")
		cmd.Dir = dir
		out, _ := cmd.CombinedOutput()
		return string(out)
	}
	if out := vet(); !strings.Contains(out, "o.go:3:1: malformed obscheck directive") {
		t.Fatalf("first run: %s", out)
	}
	os.WriteFile(filepath.Join(dir, "other", ".obscheck.yaml"), []byte("version: 1\nrules:\n  directive: {enabled: false}\n"), 0o644)
	if out := vet(); strings.Contains(out, "obscheck directive") {
		t.Errorf("nested policy edit ignored, stale cached result replayed:\n%s", out)
	}
}

// TestTestFiles: findings in _test.go files are reported only when asked
// for (--tests or exclude.tests: false), under the CLI and go vet alike.
func TestTestFiles(t *testing.T) {
	if r := obscheck(t, "testdata/directives"); strings.Contains(r.stdout, "d_test.go") {
		t.Errorf("test file reported by default:\n%s", r.stdout)
	}
	r := obscheck(t, "testdata/directives", "--tests")
	if !strings.Contains(r.stdout, "d_test.go:3:1: malformed obscheck directive") {
		t.Errorf("--tests did not report the test file:\n%s", r.stdout)
	}
	vet := exec.Command("go", "vet", "-vettool="+bin, "./...")
	vet.Dir = "testdata/directives"
	out, _ := vet.CombinedOutput()
	if strings.Contains(string(out), "d_test.go") {
		t.Errorf("go vet reported a test file by default:\n%s", out)
	}
	dir := copyFixture(t, "directives")
	os.WriteFile(filepath.Join(dir, ".obscheck.yaml"), []byte("version: 1\nexclude:\n  tests: false\n"), 0o644)
	if r := obscheck(t, dir); !strings.Contains(r.stdout, "d_test.go:3:1") {
		t.Errorf("exclude.tests: false did not report the test file:\n%s", r.stdout)
	}
}

// TestDotlessModule: a module named without a dot ("module myservice") is
// the user's code, not the standard library; every rule checks it.
func TestDotlessModule(t *testing.T) {
	r := obscheck(t, "testdata/dotless")
	for _, want := range []string{"main.go:8:6: handler orders serves /orders without a span", "main.go:9:2: slog ERROR log without the correlation field"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %q in:\n%s", want, r.stdout)
		}
	}
}
