package logapi

import (
	"go/ast"
	"go/types"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/funcname"
)

// Render says how lib renders the value of field f, passed in style st:
// by the field's constructor if the knowledge files name it (zap.Any
// dispatches to String()), else by the library's rendering of key-values
// or of fields.
func Render(info *types.Info, f Field, lib *apis.Library, st Style) apis.Render {
	if call, ok := f.Node.(*ast.CallExpr); ok {
		if r, ok := idx().fieldRender[funcname.CalleeName(info, call)]; ok {
			return r
		}
	}
	if lib == nil || lib.Log == nil {
		return apis.RenderJSON
	}
	if st == StyleKV && lib.Log.RenderKV != apis.RenderScalar {
		return lib.Log.RenderKV
	}
	if lib.Log.Render == apis.RenderScalar {
		return apis.RenderJSON
	}
	return lib.Log.Render
}

// Builders returns the field-constructor families of the logging
// libraries, by the package declaring them. The map is shared: do not
// modify it.
func Builders() map[string]*apis.FieldBuilders { return idx().builders }
