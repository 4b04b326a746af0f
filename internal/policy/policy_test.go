package policy

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestTemplateRoundTrip(t *testing.T) {
	p, err := Parse("tpl.yaml", []byte(Template()))
	if err != nil {
		t.Fatalf("template does not parse: %v\n%s", err, Template())
	}
	if !reflect.DeepEqual(p, Default()) {
		t.Errorf("template decodes to %+v, want defaults %+v", p, Default())
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"syntax", "version: 1\npolicy: [\n", "bad.yaml:2: invalid YAML"},
		{"unknown top key", "version: 1\npolcy: {}\n", `bad.yaml:2: unknown key "polcy" (did you mean "policy"?)`},
		{"unknown nested key", "version: 1\npolicy:\n  metric_prefx: x_\n", `bad.yaml:3: unknown key "policy.metric_prefx" (did you mean "metric_prefix"?)`},
		{"unknown rule", "version: 1\nrules:\n  spanrequire: {enabled: true}\n", `bad.yaml:3: unknown key "rules.spanrequire" (did you mean "spanrequired"?)`},
		{"wrong type list", "version: 1\npolicy:\n  correlation_keys: execution_id\n", "bad.yaml:3: policy.correlation_keys: want a list"},
		{"wrong type bool", "version: 1\nrules:\n  execidfield:\n    enabled: yes please\n", "bad.yaml:4: rules.execidfield.enabled: want true or false"},
		{"wrong type string", "version: 1\npolicy:\n  metric_prefix: [a]\n", "bad.yaml:3: policy.metric_prefix: want a string, got a list"},
		{"bad function name", "version: 1\npolicy:\n  span_starters: [StartSpan]\n", "bad.yaml:3: policy.span_starters[0]: bad function name"},
		{"bad glob", "version: 1\nexclude:\n  paths: ['gen/[x']\n", `bad.yaml:3: exclude.paths[0]: bad glob "gen/[x"`},
		{"bad level", "version: 1\nrules:\n  execidfield:\n    levels: [warning]\n", `bad.yaml:4: rules.execidfield.levels[0]: unknown level "warning"`},
		{"version", "version: 2\n", "bad.yaml:1: unsupported version 2"},
		{"duplicate", "version: 1\nversion: 1\n", `bad.yaml:2: key "version" given twice`},
		{"empty marker", "version: 1\nrules:\n  sanitizeboundary:\n    marker: ''\n", "rules.sanitizeboundary.marker: must not be empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bad.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("no error for %q", tt.yaml)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q\ndoes not contain %q", err, tt.want)
			}
		})
	}
}

func TestParseReplacesDefaults(t *testing.T) {
	p, err := Parse("ok.yaml", []byte(`version: 1
policy:
  correlation_keys: [run_id, execution_id]
  span_starters: ["example.com/svc/middleware.StartSpan", "(*example.com/svc.T).Trace"]
rules:
  metricnaming: {prefix: [a_, b_]}
  execidfield: {enabled: false}
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Policy.CorrelationKeys; !reflect.DeepEqual(got, []string{"run_id", "execution_id"}) {
		t.Errorf("correlation_keys = %v", got)
	}
	if p.Policy.MetricPrefix != "noetl_" {
		t.Errorf("metric_prefix default lost: %q", p.Policy.MetricPrefix)
	}
	if p.Enabled("execidfield") || !p.Enabled("spanrequired") {
		t.Errorf("enabled flags wrong")
	}
	if got := p.MetricPrefixes(); !reflect.DeepEqual(got, []string{"a_", "b_"}) {
		t.Errorf("prefixes = %v", got)
	}
}

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		glob, path string
		want       bool
	}{
		{"gen/*.go", "gen/a.go", true},
		{"gen/*.go", "gen/sub/a.go", false},
		{"gen/**", "gen/sub/a.go", true},
		{"**/mocks/*.go", "a/b/mocks/m.go", true},
		{"**/mocks/*.go", "mocks/m.go", true},
		{"internal/legacy", "internal/legacy/x.go", false},
	}
	for _, tt := range tests {
		if got := MatchGlob(tt.glob, tt.path); got != tt.want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", tt.glob, tt.path, got, tt.want)
		}
	}
	p := Default()
	p.Root = "/m"
	p.Exclude.Paths = []string{"internal/legacy"}
	if !p.Excluded("/m/internal/legacy/x.go") {
		t.Error("a directory glob should exclude the files below it")
	}
	if p.Excluded("/m/internal/legacyx/x.go") {
		t.Error("excluded a sibling with a common prefix")
	}
}

func TestForFlags(t *testing.T) {
	a := &analysis.Analyzer{Name: "x", Doc: "x"}
	RegisterFlags(&a.Flags)
	a.Flags.Set("policy", "version: 1\npolicy: {metric_prefix: team_}\n")
	p, err := Nearest(nil).For(&analysis.Pass{Analyzer: a})
	if err != nil || p.Policy.MetricPrefix != "team_" {
		t.Fatalf("-policy flag: %v %+v", err, p)
	}
	b := &analysis.Analyzer{Name: "y", Doc: "y"}
	RegisterFlags(&b.Flags)
	b.Flags.Set("policy", "version: 1\npolicy: {metric_prefx: team_}\n")
	if _, err := Nearest(nil).For(&analysis.Pass{Analyzer: b}); err == nil || !strings.Contains(err.Error(), "-policy flag:2: unknown key") {
		t.Errorf("bad -policy flag: %v", err)
	}
}
