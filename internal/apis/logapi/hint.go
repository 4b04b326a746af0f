package logapi

import (
	"fmt"

	"github.com/obscheck/obscheck/internal/funcname"
)

// AttachHint says how to attach key once per execution to the logger of
// c's library, e.g. `l = l.With("execution_id", id)`.
func AttachHint(c *Call, key string) string {
	if c.Lib == nil || c.Lib.Log == nil {
		return ""
	}
	h := c.Lib.Log.Attach
	if n, err := funcname.Parse(c.Fn); err == nil && n.Recv != "" && c.Lib.Log.AttachSugar != "" &&
		idx().sugar[funcname.TypeKey{Path: n.Pkg, Name: n.Recv}] {
		h = c.Lib.Log.AttachSugar
	}
	if h == "" {
		return ""
	}
	return fmt.Sprintf(h, key)
}
