package policy

import (
	"strings"
	"testing"
)

func TestSeverity(t *testing.T) {
	p, err := Parse("ok.yaml", []byte("version: 1\nrules:\n  metricnaming: {severity: warning}\n  spanrequired: {severity: error}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for rule, want := range map[string]string{"metricnaming": "warning", "spanrequired": "error", "execidfield": "error", "nosuchrule": "error"} {
		if got := p.Severity(rule); got != want {
			t.Errorf("Severity(%s) = %q, want %q", rule, got, want)
		}
	}
	_, err = Parse("bad.yaml", []byte("version: 1\nrules:\n  execidfield:\n    severity: fatal\n"))
	if err == nil || !strings.Contains(err.Error(), `bad.yaml:4: rules.execidfield.severity: unknown severity "fatal"`) || !strings.Contains(err.Error(), "warning") {
		t.Errorf("bad severity: %v", err)
	}
}

// TestEveryRuleHasSeverity: severity is a key of every rule, a new rule's
// options included, and its default is written out.
func TestEveryRuleHasSeverity(t *testing.T) {
	for _, rule := range RuleNames {
		if !severityField(&Default().Rules, rule).IsValid() {
			t.Errorf("rules.%s has no severity option: add `Severity string` with the tags of the others", rule)
			continue
		}
		found := false
		for _, o := range RuleOptions(rule) {
			if o.Key == "rules."+rule+".severity" && o.Default == "error" {
				found = true
			}
		}
		if !found {
			t.Errorf("rules.%s.severity is not documented with default error: %+v", rule, RuleOptions(rule))
		}
	}
}
