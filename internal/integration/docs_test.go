package integration

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/internal/integration/itest"
)

// TestBazelDocKeys: every key of the nogo configuration shown in
// docs/bazel.md is "_base" or an analyzer's name (nogo matches analyzers
// by name; a key like "obscheck_execidfield" silently configures nothing).
func TestBazelDocKeys(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(itest.RepoRoot, "docs", "bazel.md"))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{"_base": true}
	for _, a := range all.Analyzers() {
		names[a.Name] = true
	}
	blocks := regexp.MustCompile("(?s)```json\n(.*?)```").FindAllStringSubmatch(string(data), -1)
	if len(blocks) == 0 {
		t.Fatal("no json block in docs/bazel.md")
	}
	for _, b := range blocks {
		text := strings.TrimSpace(b[1])
		if !strings.HasPrefix(text, "{") {
			text = "{" + text + "}" // a fragment: one key of the configuration
		}
		var cfg map[string]json.RawMessage
		if err := json.Unmarshal([]byte(text), &cfg); err != nil {
			t.Errorf("not JSON: %v\n%s", err, text)
			continue
		}
		for key := range cfg {
			if !names[key] {
				t.Errorf("docs/bazel.md configures %q, which is no analyzer", key)
			}
		}
	}
}
