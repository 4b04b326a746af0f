package logapi

import (
	"go/ast"
	"go/constant"

	"github.com/obscheck/obscheck/internal/apis"
)

// constLevel evaluates a constant level argument in lib's numbering.
func (d *decoder) constLevel(lib *apis.Library, e ast.Expr) (Level, bool) {
	if e == nil {
		return Unknown, false
	}
	tv, ok := d.info.Types[e]
	if !ok || tv.Value == nil {
		return Unknown, false
	}
	v, ok := constant.Int64Val(constant.ToInt(tv.Value))
	if !ok {
		return Unknown, false
	}
	return lib.Log.LevelOf(v)
}
