package spanrequired

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/funcname"
	"golang.org/x/tools/go/analysis"
)

func calleeName(info *types.Info, call *ast.CallExpr) string {
	return funcname.CalleeName(info, call)
}

func fullName(fn *types.Func) string { return funcname.Of(fn) }

// callee is funcname.Callee, generic instantiations mapped to their
// declaration so that facts and the package's call graph match.
func callee(info *types.Info, call *ast.CallExpr) *types.Func {
	if fn := funcname.Callee(info, call); fn != nil {
		return fn.Origin()
	}
	return nil
}

// tracerVar returns a package-level variable of type trace.Tracer.
func (s *state) tracerVar() *types.Var {
	sc := s.pass.Pkg.Scope()
	names := sc.Names()
	sort.Strings(names)
	for _, n := range names {
		if v, ok := sc.Lookup(n).(*types.Var); ok && funcname.TypeIs(v.Type(), traceapi.TracerType) {
			return v
		}
	}
	return nil
}

// fix returns an edit starting a span at the top of the handler, when the
// package has a tracer variable and the edit certainly compiles.
func (s *state) fix(f *hfunc, spanName string, fw traceapi.Framework) *analysis.SuggestedFix {
	tracer := s.tracerVar()
	if tracer == nil {
		return nil
	}
	var ft *ast.FuncType
	var body *ast.BlockStmt
	switch d := f.fn.(type) {
	case *ast.FuncDecl:
		ft, body = d.Type, d.Body
	case *ast.FuncLit:
		ft, body = d.Type, d.Body
	}
	if ft == nil || body == nil || ft.Params == nil {
		return nil
	}
	scope := s.info.Scopes[ft]
	if scope == nil || visible(scope, "span", body.Lbrace+1) {
		return nil // a span in scope could change meaning or type
	}
	if _, obj := scope.LookupParent(tracer.Name(), body.Lbrace+1); obj != tracer {
		return nil // shadowed
	}
	var names []string
	for _, fld := range ft.Params.List {
		if len(fld.Names) == 0 {
			names = append(names, "")
		}
		for _, n := range fld.Names {
			names = append(names, n.Name)
		}
	}
	named := func(i int) string {
		if i < len(names) && names[i] != "_" {
			return names[i]
		}
		return ""
	}
	t := tracer.Name()
	var lines []string
	switch fw {
	case traceapi.HTTP:
		r := named(1)
		if len(names) != 2 || r == "" || visible(scope, "ctx", body.Lbrace+1) {
			return nil
		}
		lines = []string{
			fmt.Sprintf("ctx, span := %s.Start(%s.Context(), %q)", t, r, spanName),
			"defer span.End()",
			fmt.Sprintf("%s = %s.WithContext(ctx)", r, r),
		}
	case traceapi.GinF:
		c := named(0)
		if len(names) != 1 || c == "" || visible(scope, "ctx", body.Lbrace+1) {
			return nil
		}
		lines = []string{
			fmt.Sprintf("ctx, span := %s.Start(%s.Request.Context(), %q)", t, c, spanName),
			"defer span.End()",
			fmt.Sprintf("%s.Request = %s.Request.WithContext(ctx)", c, c),
		}
	case traceapi.EchF:
		c := named(0)
		if len(names) != 1 || c == "" || visible(scope, "ctx", body.Lbrace+1) {
			return nil
		}
		lines = []string{
			fmt.Sprintf("ctx, span := %s.Start(%s.Request().Context(), %q)", t, c, spanName),
			"defer span.End()",
			fmt.Sprintf("%s.SetRequest(%s.Request().WithContext(ctx))", c, c),
		}
	case fwGRPC:
		c := named(0)
		if c == "" {
			return nil
		}
		if v, ok := scope.Lookup(c).(*types.Var); !ok || !funcname.TypeIs(v.Type(), "context.Context") {
			return nil
		}
		lines = []string{
			fmt.Sprintf("%s, span := %s.Start(%s, %q)", c, t, c, spanName),
			"defer span.End()",
		}
	default:
		return nil
	}
	// Insert after the line of the opening brace, keeping a comment
	// that follows it on that line.
	at, text := body.Lbrace+1, "\n"+strings.Join(lines, "\n")+"\n"
	if tf := s.pass.Fset.File(body.Lbrace); tf != nil {
		if l := tf.Line(body.Lbrace); l < tf.Line(body.Rbrace) && l < tf.LineCount() {
			at, text = tf.LineStart(l+1)-1, "\n"+strings.Join(lines, "\n")
		}
	}
	return &analysis.SuggestedFix{
		Message:   "start a span at the top of the handler",
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(text)}},
	}
}

// visible reports whether name is declared in scope or an enclosing one
// (below the package scope) at pos, or anywhere at the top of the body.
func visible(scope *types.Scope, name string, pos token.Pos) bool {
	if scope.Lookup(name) != nil {
		return true
	}
	sc, obj := scope.LookupParent(name, pos)
	return obj != nil && sc != nil && sc.Parent() != types.Universe && sc != types.Universe
}
