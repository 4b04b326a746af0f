package execidfield

import (
	"go/types"

	"github.com/obscheck/obscheck/internal/apis/logapi"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/inventory"
	"github.com/obscheck/obscheck/internal/report"
)

// record lists a WARN/ERROR log event the rule judged in the inventory
// (obscheck catalog and coverage), with its verdict: correlated or not.
func record(r *report.Reporter, info *types.Info, call *logapi.Call, correlated bool) {
	l := &inventory.Log{Level: call.Level.String(), Correlated: correlated, Dynamic: true}
	if call.Lib != nil {
		l.Library = call.Lib.Name
	}
	if call.Msg != nil {
		if v := eval.Eval(info, call.Msg); v.Known {
			l.Message, l.Dynamic = v.Value, false
		}
	} else {
		l.Dynamic = false // an event with fields only (zerolog Send)
	}
	for _, f := range call.Fields {
		switch {
		case f.IsGroup:
		case f.Opaque || !f.Key.Known:
			l.Keys = append(l.Keys, "?")
		case f.Group != "":
			l.Keys = append(l.Keys, f.Group+"."+f.Key.Value)
		default:
			l.Keys = append(l.Keys, f.Key.Value)
		}
	}
	r.Record(call.Call.Pos(), l)
}
