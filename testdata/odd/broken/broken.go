// Package broken does not type-check.
package broken

import "log/slog"

func F() {
	//obscheck:ignore execidfield
	slog.Error("x", undefinedVar)
	var s string = 1
}
