package docgen

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/analyzers/all"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md")

const rulesDoc = "../../docs/rules.md"

// TestRulesDocUpToDate fails when docs/rules.md differs from what the
// analyzers say; run `go test ./internal/docgen -update` after editing a
// rule's Doc, Explain or options.
func TestRulesDocUpToDate(t *testing.T) {
	want := Markdown(all.Rules)
	if *update {
		if err := os.WriteFile(rulesDoc, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(rulesDoc)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("docs/rules.md is stale: run go test ./internal/docgen -update")
	}
}

// TestEveryRuleDocumented: a rule without rationale and examples is not
// done; explain would print an empty page.
func TestEveryRuleDocumented(t *testing.T) {
	for _, r := range all.Rules {
		if !strings.Contains(r.Analyzer.Doc, "\n") {
			t.Errorf("%s: Doc has no detail after its summary line", r.Analyzer.Name)
		}
		if r.Explain.Rationale == "" || r.Explain.Bad == "" || r.Explain.Good == "" {
			t.Errorf("%s: Explain lacks rationale, bad or good example", r.Analyzer.Name)
		}
		if !strings.HasSuffix(r.Analyzer.URL, "docs/rules.md#"+r.Analyzer.Name) {
			t.Errorf("%s: URL %q does not point into docs/rules.md", r.Analyzer.Name, r.Analyzer.URL)
		}
	}
}
