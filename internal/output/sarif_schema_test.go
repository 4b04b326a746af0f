package output

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The official SARIF 2.1.0 schema (OASIS errata01) as shipped, verbatim in a
// Go string constant, by this module. It is fetched through the module proxy
// (checksum-verified) rather than copied into this repository.
const (
	schemaModule = "github.com/owenrumney/go-sarif/v3@v3.3.1"
	schemaFile   = "pkg/report/v210/sarif/schema.go"
	schemaID     = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

func sarifSchemaValidator(t *testing.T) *jsonschema.Schema {
	t.Helper()
	// Outside our module, so the download never touches go.mod or go.sum.
	cmd := exec.Command("go", "mod", "download", "-json", schemaModule)
	cmd.Dir = t.TempDir()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go mod download %s: %v\n%s", schemaModule, err, out)
	}
	var mod struct{ Dir, Error string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download %s: %v %s", schemaModule, err, mod.Error)
	}
	src, err := os.ReadFile(filepath.Join(mod.Dir, schemaFile))
	if err != nil {
		t.Fatal(err)
	}
	// The file is `const schema = `+"`"+`{...}`+"`"+`: take the raw string.
	text := string(src)
	start, end := strings.Index(text, "`"), strings.LastIndex(text, "`")
	if start < 0 || end <= start {
		t.Fatalf("%s: no raw string literal holding the schema", schemaFile)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text[start+1 : end]))
	if err != nil {
		t.Fatalf("schema from %s: %v", schemaModule, err)
	}
	if m, _ := doc.(map[string]any); m["id"] != schemaID {
		t.Fatalf("schema from %s has id %v, want %s", schemaModule, m["id"], schemaID)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(schemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schemaID)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestSARIFSchema(t *testing.T) {
	if testing.Short() {
		t.Skip("downloads the SARIF schema module")
	}
	sch := sarifSchemaValidator(t)
	oddFindings, oddOpts := odd(t)
	for name, run := range map[string]func() ([]byte, error){
		"empty": func() ([]byte, error) {
			var b bytes.Buffer
			err := Write(&b, SARIF, nil, rules, Options{})
			return b.Bytes(), err
		},
		"odd": func() ([]byte, error) {
			var b bytes.Buffer
			err := Write(&b, SARIF, oddFindings, rules, oddOpts)
			return b.Bytes(), err
		},
	} {
		t.Run(name, func(t *testing.T) {
			out, err := run()
			if err != nil {
				t.Fatal(err)
			}
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(doc); err != nil {
				t.Fatalf("SARIF does not match the 2.1.0 schema: %v\n%s", err, out)
			}
			checkGitHub(t, out)
		})
	}

	// The validator must be able to say no, or the test above proves nothing.
	bad := `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "obscheck"}},
		"results": [{"ruleId": "x", "level": "fatal", "message": {"text": "m"}}]}]}`
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	if sch.Validate(doc) == nil {
		t.Error("schema accepted level \"fatal\"")
	}
}

// checkGitHub checks what GitHub code scanning relies on beyond the schema:
// every ruleIndex names the rule with that ruleId, and every uri is relative
// to %SRCROOT%, never absolute.
func checkGitHub(t *testing.T, out []byte) {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "obscheck" {
		t.Fatalf("want one run by obscheck, got %+v", log.Runs)
	}
	run := log.Runs[0]
	for i, r := range run.Results {
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex %d does not name rule %q", i, r.RuleIndex, r.RuleID)
		}
		if len(r.PartialFingerprints) == 0 {
			t.Errorf("result %d: no partialFingerprints", i)
		}
		for _, l := range r.Locations {
			if g := l.PhysicalLocation.Region; g != nil && g.EndColumn != 0 && g.EndLine == g.StartLine && g.EndColumn <= g.StartColumn {
				t.Errorf("result %d: empty region %+v: a region covers what is reported", i, *g)
			}
			a := l.PhysicalLocation.ArtifactLocation
			u, err := url.Parse(a.URI)
			if err != nil || u.IsAbs() || strings.HasPrefix(a.URI, "/") || a.URIBaseID != "%SRCROOT%" {
				t.Errorf("result %d: uri %q (base %q) is not relative to %%SRCROOT%%", i, a.URI, a.URIBaseID)
			}
		}
	}
}
