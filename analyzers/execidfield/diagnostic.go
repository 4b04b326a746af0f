package execidfield

import (
	"strconv"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/logapi"
	"golang.org/x/tools/go/analysis"
)

// diagnostic is the finding for a call missing the key, with a fix when
// an execution id is in scope.
func (c *checker) diagnostic(call *logapi.Call) analysis.Diagnostic {
	key := c.keys[0]
	want := strconv.Quote(key)
	if len(c.keys) > 1 {
		q := make([]string, len(c.keys))
		for i, k := range c.keys {
			q[i] = strconv.Quote(k)
		}
		want = "any of " + strings.Join(q, ", ")
	}
	how := logapi.AttachHint(call, key)
	if how != "" {
		how = " (" + how + ")"
	}
	d := analysis.Diagnostic{
		Pos: call.Call.Pos(),
		End: call.Call.End(),
		Message: call.Lib.Name + " " + strings.ToUpper(call.Level.String()) + " log without the correlation field " + want +
			": the line cannot be tied to its execution; attach the field once per execution" + how + " or add it to this call",
	}
	if call.Wrapper != nil {
		// Judged at the wrapper's call site: say where it logs.
		d.Message += " (the call goes through the log wrapper " + call.Wrapper.Name() + ")"
		d.Related = c.r.Related(c.wrappers.At(call.Wrapper), "the wrapper "+call.Wrapper.Name()+" logs here")
	}
	if fix, ok := c.fix(call, key); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	return d
}
