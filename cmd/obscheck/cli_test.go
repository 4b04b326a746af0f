package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles creates files (slash paths relative to dir) with contents.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSeveralFormats: one run writes text on stdout and every other format
// to its file, as golangci-lint's output.formats.
func TestSeveralFormats(t *testing.T) {
	dir := copyFixture(t, "directives")
	r := obscheck(t, dir, "--format", "text", "--format", "sarif:out.sarif", "--format", "json:out.json",
		"--format", "code-climate:cq.json", "--format", "checkstyle:cs.xml", "--format", "junit-xml:junit.xml", "--format", "github:gh.txt")
	if r.code != 1 || !strings.Contains(r.stdout, "d.go:3:1: malformed obscheck directive") {
		t.Fatalf("code %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	var sarif struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID   string `json:"id"`
						Help struct {
							Markdown string `json:"markdown"`
						} `json:"help"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						Region struct{ StartLine, StartColumn, EndLine, EndColumn int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(read("out.sarif"), &sarif); err != nil || len(sarif.Runs[0].Results) != 3 {
		t.Fatalf("SARIF: %v", err)
	}
	for _, rule := range sarif.Runs[0].Tool.Driver.Rules {
		if !strings.Contains(rule.Help.Markdown, "### Why") || !strings.Contains(rule.Help.Markdown, "//obscheck:ignore "+rule.ID) {
			t.Errorf("rule %s: help.markdown is not the rule's documentation: %q", rule.ID, rule.Help.Markdown)
		}
	}
	// The directive is reported at its comment: the region is the comment.
	if reg := sarif.Runs[0].Results[0].Locations[0].PhysicalLocation.Region; reg.EndLine != 3 || reg.EndColumn != len("//obscheck:ignore execidfield")+1 {
		t.Errorf("region %+v, want the directive comment (3:1-3:%d)", reg, len("//obscheck:ignore execidfield")+1)
	}
	var js, cq []map[string]any
	if json.Unmarshal(read("out.json"), &js) != nil || len(js) != 3 || js[0]["severity"] != "error" {
		t.Errorf("JSON: %s", read("out.json"))
	}
	if json.Unmarshal(read("cq.json"), &cq) != nil || len(cq) != 3 || cq[0]["check_name"] != "directive" {
		t.Errorf("code-climate: %s", read("cq.json"))
	}
	var cs struct {
		Files []struct {
			Errors []struct{} `xml:"error"`
		} `xml:"file"`
	}
	if xml.Unmarshal(read("cs.xml"), &cs) != nil || len(cs.Files) != 1 || len(cs.Files[0].Errors) != 3 {
		t.Errorf("checkstyle: %s", read("cs.xml"))
	}
	var ju struct {
		Tests int `xml:"tests,attr"`
	}
	if xml.Unmarshal(read("junit.xml"), &ju) != nil || ju.Tests != 3 {
		t.Errorf("junit: %s", read("junit.xml"))
	}
	if gh := string(read("gh.txt")); strings.Count(gh, "::error ") != 3 {
		t.Errorf("github: %s", gh)
	}

	for _, bad := range [][]string{
		{"--format", "text", "--format", "json"},                  // both on stdout
		{"--format", "sarif:a.sarif", "--format", "json:a.sarif"}, // same file
		{"--format", "sarif:"},
		{"--format", "xml:out.xml"},
		{"--format", "text", "--format", "json", "--output", "b.txt"},              // both in b.txt
		{"--format", "text:t.txt", "--format", "json:a.json", "--output", "b.txt"}, // --output for none
	} {
		if r := obscheck(t, dir, bad...); r.code != 2 || !strings.Contains(r.stderr, "--format") && !strings.Contains(r.stderr, "--output") {
			t.Errorf("%v: code %d, stderr %q; want a usage error", bad, r.code, r.stderr)
		}
	}
	// --output with one format still works; with several it names the one
	// without a file.
	if r := obscheck(t, dir, "--format", "json:x.json", "--format", "sarif", "--output", "y.sarif"); r.code != 1 || r.stdout != "" {
		t.Errorf("--output for the report without a file: code %d stdout %q stderr %s", r.code, r.stdout, r.stderr)
	} else if _, err := os.Stat(filepath.Join(dir, "y.sarif")); err != nil {
		t.Error(err)
	}
}

// TestSeverity: a rule the policy makes a warning is reported as one and
// does not fail the run; SARIF says so too.
func TestSeverity(t *testing.T) {
	dir := copyFixture(t, "directives")
	writeFiles(t, dir, map[string]string{".obscheck.yaml": "version: 1\nrules:\n  directive: {severity: warning}\n"})
	r := obscheck(t, dir, "--show-source=false", "--format", "text", "--format", "sarif:out.sarif", "--format", "github:gh.txt")
	if r.code != 0 {
		t.Errorf("warnings only: exit %d, want 0\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "d.go:3:1: warning: malformed obscheck directive") || !strings.Contains(r.stderr, "3 findings (3 warnings, not failing the run)") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "out.sarif"))
	if strings.Count(string(data), `"level": "warning"`) != 4 || strings.Contains(string(data), `"level": "error"`) && !strings.Contains(string(data), `"id": "spanrequired"`) {
		t.Errorf("SARIF levels: want the 3 results and the rule's default configuration at warning:\n%s", data)
	}
	if gh, _ := os.ReadFile(filepath.Join(dir, "gh.txt")); strings.Count(string(gh), "::warning ") != 3 {
		t.Errorf("github: %s", gh)
	}
	// An error-severity finding still fails the run beside warnings.
	writeFiles(t, dir, map[string]string{"sub2/s.go": "package sub2\n\n//obscheck:ignore execidfield\nvar S = 1\n",
		"sub2/.obscheck.yaml": "version: 1\n"})
	if r := obscheck(t, dir, "--show-source=false"); r.code != 1 || !strings.Contains(r.stdout, "sub2/s.go:3:1: malformed") || strings.Contains(r.stdout, "sub2/s.go:3:1: warning") {
		t.Errorf("the package's own policy (severity error) must fail the run: code %d\n%s", r.code, r.stdout)
	}
	writeFiles(t, dir, map[string]string{".obscheck.yaml": "version: 1\nrules:\n  directive: {severity: fatal}\n"})
	if r := obscheck(t, dir); r.code != 2 || !strings.Contains(r.stderr, `unknown severity "fatal"`) {
		t.Errorf("bad severity: code %d %s", r.code, r.stderr)
	}
}

// TestSummarySaysTestsExcluded: go vet and golangci-lint always load test
// files; when the CLI does not, its summary says so.
func TestSummarySaysTestsExcluded(t *testing.T) {
	if r := obscheck(t, "testdata/directives"); !strings.Contains(r.stderr, "obscheck: 3 findings; tests excluded") {
		t.Errorf("default run: %s", r.stderr)
	}
	if r := obscheck(t, "testdata/directives", "--tests"); strings.Contains(r.stderr, "tests excluded") || !strings.Contains(r.stderr, "obscheck: 4 findings\n") {
		t.Errorf("--tests: %s", r.stderr)
	}
	if r := obscheck(t, "testdata/directives", "--quiet"); strings.Contains(r.stderr, "findings") {
		t.Errorf("--quiet printed a summary: %s", r.stderr)
	}
}

func TestEnableOnly(t *testing.T) {
	r := obscheck(t, "testdata/dotless", "--enable-only", "execidfield", "--show-source=false")
	if r.code != 1 || !strings.Contains(r.stdout, "(execidfield)") || strings.Contains(r.stdout, "(spanrequired)") {
		t.Errorf("--enable-only execidfield: code %d\n%s", r.code, r.stdout)
	}
	// The directive rule is off too: its findings are gone.
	if r := obscheck(t, "testdata/directives", "--enable-only", "spanrequired,execidfield"); r.code != 0 || r.stdout != "" {
		t.Errorf("--enable-only without directive: code %d\n%s", r.code, r.stdout)
	}
	for _, bad := range [][]string{{"--enable-only", "nosuch"}, {"--enable-only", "execidfield", "--disable", "directive"}} {
		if r := obscheck(t, "testdata/directives", bad...); r.code != 2 {
			t.Errorf("%v: code %d, want 2: %s", bad, r.code, r.stderr)
		}
	}
}

func TestVerbose(t *testing.T) {
	r := obscheck(t, "testdata/directives", "-v")
	for _, want := range []string{"obscheck: policy: built-in defaults", "obscheck: rules: spanrequired=error", "_test.go files: excluded", "reports: text on stdout", "packages (dependencies from"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("-v: stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

func TestColor(t *testing.T) {
	if r := obscheck(t, "testdata/directives", "--color", "always"); !strings.Contains(r.stdout, "\x1b[1md.go:3:1\x1b[0m") {
		t.Errorf("--color always: %q", r.stdout)
	}
	if r := obscheck(t, "testdata/directives", "--color", "sometimes"); r.code != 2 {
		t.Errorf("--color sometimes: code %d", r.code)
	}
	m := moreOptions{color: "auto"}
	t.Setenv("NO_COLOR", "1")
	if m.colorFor("") || m.colorFor("stderr") || m.colorFor("report.txt") {
		t.Error("NO_COLOR set, yet colour")
	}
	m.color = "always"
	if !m.colorFor("report.txt") {
		t.Error("--color always, yet no colour")
	}
}

// TestBuildTags: files behind a build constraint are checked when
// --build-tags selects them.
func TestBuildTags(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"go.mod":   "module example.com/tags\n\ngo 1.26\n",
		"plain.go": "package tags\n",
		"extra.go": "//go:build special\n\npackage tags\n\n//obscheck:ignore execidfield\nvar X = 1\n",
	})
	if r := obscheck(t, dir); r.code != 0 {
		t.Errorf("without tags: code %d\n%s", r.code, r.stdout)
	}
	if r := obscheck(t, dir, "--build-tags", "special"); r.code != 1 || !strings.Contains(r.stdout, "extra.go:5:1: malformed obscheck directive") {
		t.Errorf("--build-tags special: code %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if got := (&moreOptions{buildTags: "a,b"}).buildFlags(); len(got) != 1 || got[0] != "-tags=a,b" {
		t.Errorf("buildFlags = %q", got)
	}
}

// TestMonorepo: ./... at the root of a repository of modules (no go.mod
// there) checks each module; other patterns say how to run obscheck.
func TestMonorepo(t *testing.T) {
	dir := t.TempDir()
	mod := func(name string) string { return "module example.com/" + name + "\n\ngo 1.26\n" }
	bad := "package p\n\n//obscheck:ignore execidfield\nvar X = 1\n"
	writeFiles(t, dir, map[string]string{
		"svc/a/go.mod": mod("a"), "svc/a/p/p.go": bad,
		"b/go.mod": mod("b"), "b/p.go": bad,
		"b/testdata/go.mod": mod("ignored"), "b/testdata/p.go": bad,
		// A policy at the root applies to every module below it.
		".obscheck.yaml": "version: 1\nrules:\n  directive: {severity: error}\n",
	})
	r := obscheck(t, dir, "--show-source=false", "./...")
	if r.code != 1 || !strings.Contains(r.stdout, "b/p.go:3:1: malformed") || !strings.Contains(r.stdout, "svc/a/p/p.go:3:1: malformed") || strings.Contains(r.stdout, "testdata") {
		t.Errorf("./... over two modules: code %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if r2 := obscheck(t, dir, "--show-source=false"); r2.stdout != r.stdout {
		t.Errorf("no pattern differs from ./...:\n%s", r2.stdout)
	}
	r = obscheck(t, dir, "./svc/...")
	if r.code != 2 || !strings.Contains(r.stderr, "not in a Go module") || !strings.Contains(r.stderr, "b, svc/a") {
		t.Errorf("./svc/... outside a module: code %d\n%s", r.code, r.stderr)
	}
	empty := t.TempDir()
	if r := obscheck(t, empty); r.code != 2 || !strings.Contains(r.stderr, "no go.mod") {
		t.Errorf("no module anywhere: code %d\n%s", r.code, r.stderr)
	}
}

func TestTimeout(t *testing.T) {
	r := obscheck(t, "testdata/directives", "--timeout", "1ms")
	if r.code != 3 || !strings.Contains(r.stderr, "--timeout 1ms reached") {
		t.Errorf("code %d stderr %q", r.code, r.stderr)
	}
}
