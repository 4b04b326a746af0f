package action

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/integration/itest"
	"github.com/obscheck/obscheck/internal/testutil"
	"gopkg.in/yaml.v3"
)

// action is the part of action.yml (GitHub composite action metadata)
// the tests read.
type action struct {
	Name        string
	Description string
	Inputs      map[string]struct {
		Description string
		Required    *bool
		Default     *string
	}
	Outputs map[string]struct {
		Description string
		Value       string
	}
	Runs struct {
		Using string
		Steps []step
	}
}

type step struct {
	ID               string
	Name             string
	If               string
	Uses             string
	Run              string
	Shell            string
	WorkingDirectory string `yaml:"working-directory"`
	Env              map[string]string
	With             map[string]string
}

func readAction(t *testing.T) (action, map[string]any) {
	t.Helper()
	itest.TrackSources()
	data, err := os.ReadFile(filepath.Join(itest.RepoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	return a, raw
}

var (
	inputRef = regexp.MustCompile(`\binputs\.([A-Za-z0-9_-]+)`)
	stepRef  = regexp.MustCompile(`\bsteps\.([A-Za-z0-9_-]+)\.`)
)

// strings collects every string in a decoded YAML tree.
func stringsIn(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case map[string]any:
		var out []string
		for _, e := range v {
			out = append(out, stringsIn(e)...)
		}
		return out
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, stringsIn(e)...)
		}
		return out
	}
	return nil
}

func TestActionMetadata(t *testing.T) {
	a, raw := readAction(t)
	for _, key := range []string{"name", "description", "inputs", "runs"} {
		if _, ok := raw[key]; !ok {
			t.Errorf("action.yml lacks the top-level key %q", key)
		}
	}
	known := []string{"name", "author", "description", "inputs", "outputs", "runs", "branding"}
	for key := range raw {
		if !slices.Contains(known, key) {
			t.Errorf("action.yml: unknown top-level key %q", key)
		}
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, in := range []string{"packages", "config", "baseline", "only-new", "working-directory", "go-version"} {
		if _, ok := a.Inputs[in]; !ok {
			t.Errorf("input %q is not declared", in)
		}
	}
	for name, in := range a.Inputs {
		if in.Description == "" {
			t.Errorf("input %q has no description", name)
		}
		if in.Required != nil && *in.Required && in.Default != nil {
			t.Errorf("input %q is required and has a default", name)
		}
	}

	// Every input the steps use is declared; every declared input is used.
	used := map[string]bool{}
	for _, s := range stringsIn(raw["runs"]) {
		for _, m := range inputRef.FindAllStringSubmatch(s, -1) {
			used[m[1]] = true
		}
	}
	for name := range used {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("the steps use inputs.%s, which is not declared", name)
		}
	}
	for name := range a.Inputs {
		if !used[name] {
			t.Errorf("input %q is declared but no step uses it", name)
		}
	}

	ids := map[string]bool{}
	for i, s := range a.Runs.Steps {
		where := s.Name
		if where == "" {
			where = fmt.Sprintf("step %d", i+1)
			t.Errorf("%s has no name", where)
		}
		switch {
		case s.Run != "" && s.Uses != "":
			t.Errorf("%s: both run and uses", where)
		case s.Run != "":
			// Composite actions require shell on every run step.
			if s.Shell == "" {
				t.Errorf("%s: run step without shell", where)
			}
			// Expressions go through env, never into the script text.
			if strings.Contains(s.Run, "${{") {
				t.Errorf("%s: ${{ }} expression inside the script; pass it through env", where)
			}
			if s.Shell == "bash" {
				cmd := exec.Command("bash", "-n")
				cmd.Stdin = strings.NewReader(s.Run)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("%s: bash -n: %v\n%s", where, err, out)
				}
			}
		case s.Uses != "":
			if s.Shell != "" {
				t.Errorf("%s: shell on a uses step", where)
			}
			if !strings.Contains(s.Uses, "@") {
				t.Errorf("%s: uses %q without a version", where, s.Uses)
			}
		default:
			t.Errorf("%s: neither run nor uses", where)
		}
		// steps.X.outputs refer to earlier steps.
		for _, str := range append([]string{s.If, s.Run}, values(s.Env, s.With)...) {
			for _, m := range stepRef.FindAllStringSubmatch(str, -1) {
				if !ids[m[1]] {
					t.Errorf("%s refers to steps.%s, not an earlier step's id", where, m[1])
				}
			}
		}
		if s.ID != "" {
			ids[s.ID] = true
		}
	}
	for name, out := range a.Outputs {
		for _, m := range stepRef.FindAllStringSubmatch(out.Value, -1) {
			if !ids[m[1]] {
				t.Errorf("output %s refers to steps.%s, not a step id", name, m[1])
			}
		}
	}

	// The steps the issue asks for.
	var uses []string
	for _, s := range a.Runs.Steps {
		uses = append(uses, strings.Split(s.Uses, "@")[0])
	}
	for _, want := range []string{"actions/setup-go", "github/codeql-action/upload-sarif"} {
		if !slices.Contains(uses, want) {
			t.Errorf("no step uses %s", want)
		}
	}
	if build := findStep(t, a, "Build obscheck"); build.WorkingDirectory != "${{ github.action_path }}" {
		t.Errorf("obscheck is not built from the action's own checkout: working-directory %q", build.WorkingDirectory)
	}
}

func values(ms ...map[string]string) []string {
	var out []string
	for _, m := range ms {
		for _, v := range m {
			out = append(out, v)
		}
	}
	return out
}

func findStep(t *testing.T, a action, name string) step {
	t.Helper()
	for _, s := range a.Runs.Steps {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("action.yml has no step %q", name)
	return step{}
}

// The workflow runs the action from this checkout on the example service
// with inputs the action declares.
func TestWorkflowUsesAction(t *testing.T) {
	a, _ := readAction(t)
	data, err := os.ReadFile(filepath.Join(itest.RepoRoot, ".github", "workflows", "obscheck.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On          any `yaml:"on"`
		Permissions map[string]string
		Jobs        map[string]struct {
			RunsOn string `yaml:"runs-on"`
			Steps  []step
		}
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("obscheck.yml: %v", err)
	}
	if wf.Permissions["security-events"] != "write" {
		t.Errorf("permissions: upload-sarif needs security-events: write, got %v", wf.Permissions)
	}
	n := 0
	for name, job := range wf.Jobs {
		if job.RunsOn == "" {
			t.Errorf("job %s has no runs-on", name)
		}
		for _, s := range job.Steps {
			if s.Uses != "./" {
				continue
			}
			n++
			if s.With["working-directory"] != "testdata/example" {
				t.Errorf("job %s: the action runs on %q, want testdata/example", name, s.With["working-directory"])
			}
			for key := range s.With {
				if _, ok := a.Inputs[key]; !ok {
					t.Errorf("job %s passes %q, which action.yml does not declare", name, key)
				}
			}
		}
	}
	if n == 0 {
		t.Error("no workflow step uses the action (uses: ./)")
	}
}

// The action's scripts, run as the runner would run them: build from the
// action's directory, then check the example service with each input.
func TestActionScripts(t *testing.T) {
	a, _ := readAction(t)
	temp := t.TempDir()
	runStep := func(s step, dir string, env map[string]string) (string, map[string]string, int) {
		t.Helper()
		// Env values with expressions come from the test; literal ones
		// are used as written.
		for k, v := range s.Env {
			if _, ok := env[k]; !ok && strings.Contains(v, "${{") {
				t.Fatalf("%s: the step's env %s (%s) is not set by the test", s.Name, k, v)
			}
		}
		for k := range env {
			if _, ok := s.Env[k]; !ok {
				t.Fatalf("%s: the test sets %s, which the step does not declare", s.Name, k)
			}
		}
		out := filepath.Join(temp, "github-output")
		os.WriteFile(out, nil, 0o644)
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", s.Run)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "RUNNER_TEMP="+temp, "GITHUB_OUTPUT="+out)
		for k, v := range s.Env {
			if !strings.Contains(v, "${{") {
				cmd.Env = append(cmd.Env, k+"="+v)
			}
		}
		for k, v := range env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		stdout, stderr, code := testutil.Run(t, cmd)
		data, _ := os.ReadFile(out)
		outputs := map[string]string{}
		for _, l := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(l, "="); ok {
				outputs[k] = v
			}
		}
		return stdout + stderr, outputs, code
	}

	if out, _, code := runStep(findStep(t, a, "Build obscheck"), itest.RepoRoot, nil); code != 0 {
		t.Fatalf("Build obscheck: exit %d\n%s", code, out)
	}

	dir := itest.Example(t)
	want := itest.CLI(t, dir, "./...")
	run := findStep(t, a, "Run obscheck")
	inputs := func(packages, config, baseline, onlyNew string) map[string]string {
		return map[string]string{"OBSCHECK_PACKAGES": packages, "OBSCHECK_INPUT_CONFIG": config,
			"OBSCHECK_BASELINE": baseline, "OBSCHECK_ONLY_NEW": onlyNew, "OBSCHECK_MERGE_BASE": ""}
	}
	// The annotations come from the SARIF report through jq (on every
	// GitHub-hosted runner).
	_, jqErr := exec.LookPath("jq")
	if jqErr != nil {
		t.Log("jq not installed: annotations not checked")
	}
	annotations := func(out string) []string {
		var as []string
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "::error file=") {
				as = append(as, l)
			}
		}
		return as
	}

	// Defaults: one annotation per finding, exit code 1, a SARIF file.
	out, outputs, code := runStep(run, dir, inputs("./...", "", "", ""))
	if code != 0 {
		t.Fatalf("Run obscheck failed itself (it must record the exit code and go on): %d\n%s", code, out)
	}
	if outputs["exit-code"] != "1" {
		t.Errorf("exit-code output %q, want 1\n%s", outputs["exit-code"], out)
	}
	if _, err := os.Stat(outputs["sarif-file"]); err != nil {
		t.Errorf("sarif-file output %q: %v", outputs["sarif-file"], err)
	}
	if got := annotations(out); jqErr == nil && len(got) != len(want) {
		t.Errorf("%d annotations, want one per finding (%d):\n%s", len(got), len(want), out)
	}
	if jqErr == nil && (!strings.Contains(out, "::error file=internal/") || !strings.Contains(out, ",title=obscheck ")) {
		t.Errorf("annotations lack file or title:\n%s", out)
	}

	// packages: two patterns, split on spaces.
	out, _, _ = runStep(run, dir, inputs("./internal/api ./internal/worker", "", "", ""))
	for _, a := range annotations(out) {
		if !strings.Contains(a, "file=internal/api/") && !strings.Contains(a, "file=internal/worker/") {
			t.Errorf("packages input ignored: %s", a)
		}
	}
	if jqErr == nil && len(annotations(out)) == 0 {
		t.Errorf("no findings in ./internal/api ./internal/worker:\n%s", out)
	}

	// config: a policy turning every rule with findings off but one.
	keep := want[0].Rule
	var policy strings.Builder
	policy.WriteString("version: 1\nrules:\n")
	for _, r := range itest.Rules(want) {
		if r != keep {
			policy.WriteString("  " + r + ":\n    enabled: false\n")
		}
	}
	os.WriteFile(filepath.Join(temp, "policy.yaml"), []byte(policy.String()), 0o644)
	out, _, _ = runStep(run, dir, inputs("./...", filepath.Join(temp, "policy.yaml"), "", ""))
	for _, a := range annotations(out) {
		if !strings.Contains(a, "title=obscheck "+keep+"::") {
			t.Errorf("config input ignored: %s", a)
		}
	}

	// baseline: recorded findings pass.
	base := exec.Command(itest.Obscheck, "baseline", "--file", filepath.Join(temp, "baseline.json"), "./...")
	base.Dir = dir
	if b, err := base.CombinedOutput(); err != nil {
		t.Fatalf("obscheck baseline: %v\n%s", err, b)
	}
	out, outputs, _ = runStep(run, dir, inputs("./...", "", filepath.Join(temp, "baseline.json"), ""))
	if outputs["exit-code"] != "0" || len(annotations(out)) != 0 {
		t.Errorf("baseline input: exit-code %q, annotations:\n%s", outputs["exit-code"], out)
	}

	// only-new: in a git repository with every finding committed, nothing
	// changed since HEAD means nothing to report.
	git := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.invalid",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.invalid", "GIT_CONFIG_GLOBAL=/dev/null")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, b)
		}
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "example")
	out, outputs, _ = runStep(run, dir, inputs("./...", "", "", "HEAD"))
	if outputs["exit-code"] != "0" || len(annotations(out)) != 0 {
		t.Errorf("only-new HEAD: exit-code %q, annotations:\n%s", outputs["exit-code"], out)
	}

	// The last step fails the job on findings and passes otherwise.
	fail := findStep(t, a, "Fail on findings")
	if fail.If != "steps.run.outputs.exit-code != '0'" {
		t.Errorf("Fail on findings runs if %q", fail.If)
	}
	for _, code := range []string{"1", "2", "3"} {
		out, _, exit := runStep(fail, dir, map[string]string{"OBSCHECK_EXIT": code})
		if exit == 0 || !strings.Contains(out, "::error") {
			t.Errorf("Fail on findings with exit code %s: exit %d\n%s", code, exit, out)
		}
	}
}
