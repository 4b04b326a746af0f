package action

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestActionAnnotationsEscaped: the Run obscheck step turns SARIF results
// into workflow commands; a file name with ',' or ':' must not inject
// annotation properties, a percent-encoded URI is decoded to the file's
// name, and terminal escapes in messages are shown, not sent to the log.
// A stand-in obscheck writes the SARIF report.
func TestActionAnnotationsEscaped(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Skip("jq not installed")
	}
	a, _ := readAction(t)
	run := findStep(t, a, "Run obscheck")
	temp := t.TempDir()
	sarif := `{"version": "2.1.0", "runs": [{"results": [
  {"ruleId": "spanrequired", "level": "error", "message": {"text": "handler \u001b]8;;http://evil\u0007x\u001b[31m%"},
   "locations": [{"physicalLocation": {"artifactLocation": {"uri": "./a,line=99:b.go"}, "region": {"startLine": 3, "startColumn": 2}}}]},
  {"ruleId": "execidfield", "message": {"text": "two\nlines"},
   "locations": [{"physicalLocation": {"artifactLocation": {"uri": "d%20%C3%A9/x%25.go"}, "region": {"startLine": 4}}}]}
]}]}`
	os.MkdirAll(filepath.Join(temp, "obscheck-action"), 0o755)
	fake := "#!/bin/sh\nwhile [ $# -gt 0 ]; do if [ \"$1\" = --output ]; then shift; cat >\"$1\" <<'EOF'\n" + sarif + "\nEOF\nfi; shift; done\nexit 1\n"
	if err := os.WriteFile(filepath.Join(temp, "obscheck-action", "obscheck"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", run.Run)
	cmd.Dir = temp
	cmd.Env = append(os.Environ(), "RUNNER_TEMP="+temp, "GITHUB_OUTPUT="+filepath.Join(temp, "out"),
		"OBSCHECK_PACKAGES=./...", "OBSCHECK_INPUT_CONFIG=", "OBSCHECK_BASELINE=", "OBSCHECK_ONLY_NEW=", "OBSCHECK_MERGE_BASE=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := []string{
		`::error file=a%2Cline=99%3Ab.go,line=3,col=2,title=obscheck spanrequired::handler \x1b]8;;http://evil\x07x\x1b[31m%25`,
		`::warning file=d é/x%25.go,line=4,col=1,title=obscheck execidfield::two%0Alines`, // no level: SARIF's default, warning
	}
	got := strings.Split(strings.TrimSpace(string(out)), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("annotations:\n%s\nwant:\n%s", out, strings.Join(want, "\n"))
	}
}
