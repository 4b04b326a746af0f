package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/finding"
)

// TestTerminalEscapes: ESC, OSC, BEL, CR, bidirectional overrides and
// invalid UTF-8 from the analyzed code (a route, a log string, a file
// name) reach text and github reports escaped, never raw.
func TestTerminalEscapes(t *testing.T) {
	f := finding.Finding{
		Rule: "spanrequired", File: "a\x1b[2Jb\r.go", Line: 1, Column: 1,
		Message: "handler serves /x\x1b]8;;http://evil\x07y\x1b[31m\rz\u202eq\xff",
	}
	for _, format := range []string{Text, GitHub} {
		var buf bytes.Buffer
		if err := Write(&buf, format, []finding.Finding{f}, nil, Options{}); err != nil {
			t.Fatal(err)
		}
		out := strings.TrimSuffix(buf.String(), "\n")
		for _, raw := range []string{"\x1b", "\x07", "\r", "\n", "\u202e", "\xff"} {
			if strings.Contains(out, raw) {
				t.Errorf("%s: raw %q in %q", format, raw, out)
			}
		}
		if !strings.Contains(out, `/x\x1b]8;;http://evil\ay\x1b[31m`) || !strings.Contains(out, `\u202eq\xff`) {
			t.Errorf("%s: not escaped like %%q: %q", format, out)
		}
	}
	var buf bytes.Buffer
	Write(&buf, GitHub, []finding.Finding{f}, nil, Options{})
	if !strings.Contains(buf.String(), "file=a\\x1b[2Jb%0D.go,") || !strings.Contains(buf.String(), `\x1b[31m%0Dz`) {
		t.Errorf("github: %q", buf.String())
	}
}
