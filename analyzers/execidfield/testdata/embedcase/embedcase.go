// Package embedcase imports no logging library, yet logs: through a method
// promoted from an embedded logger, and through a variable of a package
// that imports none either. The rule skips packages with no log call and
// no logger to give facts about; neither of these may be skipped.
package embedcase

import (
	"example.com/eid/embedcase/mid"
	"example.com/eid/logging"
)

func run(s logging.Service) {
	s.Error("failed")                                      // want `slog ERROR log without the correlation field "execution_id"`
	mid.Log.Error("ok: mid.Log carries it, by mid's fact") // no finding: needs the fact mid exports
}
