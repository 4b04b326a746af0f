package labelcardinality

import (
	"go/ast"
	"go/types"

	"github.com/obscheck/obscheck/internal/apis/metricapi"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/inventory"
)

// routeSources give the route template the router matched: bounded by
// the routes the service declares.
var routeSources = funcname.NewSet([]string{
	"(*github.com/gin-gonic/gin.Context).FullPath",
	"(*github.com/gorilla/mux.Route).GetPathTemplate",
	"(*github.com/go-chi/chi/v5.Context).RoutePattern",
	"(*github.com/go-chi/chi.Context).RoutePattern",
	"(github.com/labstack/echo/v4.Context).Path",
	"(*github.com/gofiber/fiber/v2.Ctx).Route",
})

// routeFields hold the route template: net/http's Request.Pattern (Go
// 1.23), fiber's Route.Path.
var routeFields = map[string]bool{
	"net/http.Request.Pattern":               true,
	"github.com/gofiber/fiber/v2.Route.Path": true,
}

// recordValue lists where a label of a metric gets its values (obscheck
// catalog): constant, an enum (a named type with declared constants), a
// route template, an unbounded source (what classify reports), or unknown.
// index is the value's position for positional values (WithLabelValues).
func (c *checker) recordValue(call *ast.CallExpr, d *metricapi.Definition, l metricapi.Label, index int) {
	if l.Value == nil {
		return
	}
	lv := &inventory.LabelValue{Index: -1, Holder: holder(c.info, call)}
	if d != nil && d.Name.Known {
		lv.Metric = d.Name.Value
	}
	if l.Name.Known {
		lv.Label = l.Name.Value
	}
	if l.Expr == nil {
		lv.Index = index
	}
	if _, forbidden := c.forbidden[normalize(lv.Label)]; forbidden && lv.Label != "" {
		return // recorded where declared (recordName)
	}
	switch {
	case c.m.Locals.Eval(l.Value).Known:
		lv.Source = inventory.SourceConstant
	case c.route(l.Value):
		lv.Source = inventory.SourceRoute
	default:
		if s, ok := c.classify(l.Value, 0); ok {
			lv.Source, lv.Detail = inventory.SourceUnbounded, s.what
		} else if enum(c.info, l.Value) {
			lv.Source = inventory.SourceEnum
		} else {
			lv.Source = inventory.SourceUnknown
		}
	}
	c.r.Record(l.Value.Pos(), lv)
}

// recordName records a declared label the policy forbids as unbounded
// (an id: one series per execution, request, user), whatever the values
// given at the uses.
func (c *checker) recordName(d *metricapi.Definition, l metricapi.Label) {
	if !l.Name.Known || l.Expr == nil {
		return
	}
	if _, bad := c.forbidden[normalize(l.Name.Value)]; !bad {
		return
	}
	lv := &inventory.LabelValue{Index: -1, Holder: c.r.Holder(d.Call), Label: l.Name.Value,
		Source: inventory.SourceUnbounded, Detail: "an id the policy forbids as a label"}
	if d.Name.Known {
		lv.Metric = d.Name.Value
	}
	c.r.Record(l.Expr.Pos(), lv)
}

// holder names the metric variable or field a use's call is made on
// (vec.WithLabelValues, vec.MustCurryWith(...).With, counter.Add).
func holder(info *types.Info, call *ast.CallExpr) string {
	if call == nil {
		return ""
	}
	e := ast.Expr(call)
	for i := 0; i < 4; i++ {
		c, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			break
		}
		sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
		if !ok {
			return ""
		}
		e = sel.X
	}
	return inventory.ExprKey(info, e)
}

// route reports whether e is a route template.
func (c *checker) route(e ast.Expr) bool {
	switch x := c.m.Locals.Resolve(e).(type) {
	case *ast.CallExpr:
		if routeSources[funcname.CalleeName(c.info, x)] {
			return true
		}
		// mux.CurrentRoute(r).GetPathTemplate() returns (string, error).
	case *ast.SelectorExpr:
		if sel, ok := c.info.Selections[x]; ok && sel.Kind() == types.FieldVal {
			return routeFields[fieldKey(sel)]
		}
	}
	return false
}

// enum reports whether e's values are one of a type's declared constants:
// a named type whose package declares constants of it (x, string(x),
// x.String()).
func enum(info *types.Info, e ast.Expr) bool {
	for i := 0; i < 3; i++ {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			break
		}
		if tv, ok := info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
			e = call.Args[0] // string(x)
			continue
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "String" && len(call.Args) == 0 {
			e = sel.X // x.String()
			continue
		}
		break
	}
	n, ok := types.Unalias(info.TypeOf(e)).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	if _, basic := n.Underlying().(*types.Basic); !basic {
		return false
	}
	scope := n.Obj().Pkg().Scope()
	for _, name := range scope.Names() {
		if k, ok := scope.Lookup(name).(*types.Const); ok && types.Identical(k.Type(), n) {
			return true
		}
	}
	return false
}
