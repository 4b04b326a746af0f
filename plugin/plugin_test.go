package plugin

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/internal/policy"
	"golang.org/x/tools/go/analysis"
	"gopkg.in/yaml.v3"
)

// golangci decodes .golangci.yml itself and hands the plugin the value of
// settings; these tests feed New what that decoding produces.
func settingsFrom(t *testing.T, doc string) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("obscheck")
	if err != nil {
		t.Fatal(err)
	}
	lp, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := lp.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("load mode %q, want %q", got, register.LoadModeTypesInfo)
	}
	as, err := lp.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(as, all.Analyzers()) {
		t.Errorf("BuildAnalyzers returned %d analyzers, want all %d", len(as), len(all.Analyzers()))
	}
}

func TestNoSettings(t *testing.T) {
	for _, s := range []any{nil, map[string]any{}} {
		p, err := Decode(s)
		if err != nil || p != nil {
			t.Errorf("Decode(%#v) = %v, %v; want nil policy (per-package lookup), nil", s, p, err)
		}
	}
}

func TestInlineSettings(t *testing.T) {
	s := settingsFrom(t, `
version: 1
policy:
  metric_prefix: acme_
  correlation_keys: [trace_id]
rules:
  spanrequired:
    enabled: false
  sanitizeboundary:
    marker: "***"
exclude:
  paths: ["gen/**"]
`)
	p, err := Decode(s)
	if err != nil {
		t.Fatal(err)
	}
	if p.Policy.MetricPrefix != "acme_" || !slices.Equal(p.Policy.CorrelationKeys, []string{"trace_id"}) {
		t.Errorf("policy keys not applied: %+v", p.Policy)
	}
	if p.Enabled("spanrequired") || !p.Enabled("metricnaming") {
		t.Errorf("enabled: spanrequired=%v metricnaming=%v", p.Enabled("spanrequired"), p.Enabled("metricnaming"))
	}
	if p.Rules.SanitizeBoundary.Marker != "***" {
		t.Errorf("marker %q", p.Rules.SanitizeBoundary.Marker)
	}
	if !slices.Equal(p.Exclude.Paths, []string{"gen/**"}) {
		t.Errorf("exclude %v", p.Exclude.Paths)
	}
	// Untouched keys keep their defaults, as in a file.
	if d := policy.Default(); !slices.Equal(p.Policy.ForbiddenLabels, d.Policy.ForbiddenLabels) {
		t.Errorf("forbidden_labels lost its default: %v", p.Policy.ForbiddenLabels)
	}
	wd, _ := os.Getwd()
	if p.Root != policy.ModuleRoot(wd) {
		t.Errorf("root %q, want the module root %q", p.Root, policy.ModuleRoot(wd))
	}

	// The plugin builds every analyzer from it.
	lp, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lp.BuildAnalyzers(); err != nil {
		t.Fatal(err)
	}
	if got := lp.(*Plugin).Policy; got == nil || got.Policy.MetricPrefix != "acme_" {
		t.Errorf("plugin policy %+v", got)
	}
}

func TestVersionOmittedOrNumeric(t *testing.T) {
	// Without version the default (1) holds; golangci's decoding may
	// deliver the number as an int or a float.
	for _, s := range []any{
		map[string]any{"policy": map[string]any{"metric_prefix": "x_"}},
		map[string]any{"version": 1},
		map[string]any{"version": 1.0},
	} {
		if _, err := Decode(s); err != nil {
			t.Errorf("Decode(%v): %v", s, err)
		}
	}
	if _, err := Decode(map[string]any{"version": 2}); err == nil || !strings.Contains(err.Error(), "unsupported version 2") {
		t.Errorf("version 2 accepted or wrong error: %v", err)
	}
}

func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, policy.FileName)
	if err := os.WriteFile(file, []byte("version: 1\npolicy:\n  metric_prefix: fromfile_\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Decode(settingsFrom(t, "config: "+file))
	if err != nil {
		t.Fatal(err)
	}
	if p.Policy.MetricPrefix != "fromfile_" || p.Source != file {
		t.Errorf("got prefix %q from %q", p.Policy.MetricPrefix, p.Source)
	}

	// A relative path is relative to where golangci-lint runs.
	t.Chdir(dir)
	p, err = Decode(map[string]any{"config": policy.FileName})
	if err != nil {
		t.Fatal(err)
	}
	if p.Policy.MetricPrefix != "fromfile_" {
		t.Errorf("relative config: prefix %q", p.Policy.MetricPrefix)
	}
}

func TestRejected(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("version: 1\nrules:\n  nosuchrule: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, settings, want string
	}{
		{"unknown top-level key", "verison: 1", `unknown key "verison"`},
		{"unknown nested key", "policy:\n  metric_prefx: a_", `unknown key "policy.metric_prefx"`},
		{"unknown rule option", "rules:\n  metricnaming:\n    prefixes: [a_]", `unknown key "rules.metricnaming.prefixes"`},
		{"wrong type", "rules:\n  spanrequired:\n    enabled: maybe", "rules.spanrequired.enabled"},
		{"config and inline keys", "config: x.yaml\nversion: 1", "not both"},
		{"config not a string", "config: [a, b]", "config: want the path"},
		{"missing config file", "config: " + filepath.Join(dir, "nope.yaml"), "nope.yaml"},
		{"bad config file", "config: " + bad, "nosuchrule"},
		{"not a mapping", "[1, 2]", "want a mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(settingsFrom(t, tt.settings))
			if err == nil {
				t.Fatalf("settings accepted:\n%s", tt.settings)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestInlineErrorsHaveNoLineNumbers(t *testing.T) {
	// Lines of the re-encoded settings would point nowhere in .golangci.yml.
	_, err := Decode(map[string]any{"version": 1, "policy": map[string]any{"nope": 1}})
	if err == nil {
		t.Fatal("accepted")
	}
	if regexp.MustCompile(regexp.QuoteMeta(settingsName) + `:\d`).MatchString(err.Error()) {
		t.Errorf("error carries a line number: %v", err)
	}
	if !strings.HasPrefix(err.Error(), settingsName+": ") {
		t.Errorf("error does not name the settings: %v", err)
	}
}

// TestRuleLinters: every rule is a module plugin of its own name, so that
// golangci-lint names its issues after the rule and //nolint:RULE matches
// them. Rules with equal settings share one analyzer set: the directive
// rule requires the very analyzers the other rule linters run.
func TestRuleLinters(t *testing.T) {
	settings := func() any { return settingsFrom(t, "rules:\n  metricnaming: {prefix: [acme_]}\n") }
	byName := map[string]*analysis.Analyzer{}
	for _, r := range all.Rules {
		newPlugin, err := register.GetPlugin(r.Analyzer.Name)
		if err != nil {
			t.Fatal(err)
		}
		lp, err := newPlugin(settings())
		if err != nil {
			t.Fatal(err)
		}
		as, err := lp.BuildAnalyzers()
		if err != nil || len(as) != 1 || as[0].Name != r.Analyzer.Name {
			t.Fatalf("%s: BuildAnalyzers = %v, %v; want its one analyzer", r.Analyzer.Name, as, err)
		}
		if lp.GetLoadMode() != register.LoadModeTypesInfo {
			t.Errorf("%s: load mode %q", r.Analyzer.Name, lp.GetLoadMode())
		}
		byName[as[0].Name] = as[0]
	}
	for _, req := range byName["directive"].Requires {
		if a, ok := byName[req.Name]; ok && a != req {
			t.Errorf("directive requires another %s than the %s linter runs: it would run twice", req.Name, req.Name)
		}
	}
	// Different settings: a set of its own.
	lp, _ := NewRule("metricnaming", settingsFrom(t, "rules:\n  metricnaming: {prefix: [other_]}\n"))
	if as, _ := lp.BuildAnalyzers(); as[0] == byName["metricnaming"] {
		t.Error("different settings share analyzers")
	}
	// Errors name the rule's settings.
	if _, err := NewRule("spanrequired", settingsFrom(t, "verison: 1")); err == nil || !strings.Contains(err.Error(), "linters.settings.custom.spanrequired.settings") {
		t.Errorf("error does not name the rule's settings: %v", err)
	}
}
