package execidfield

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"github.com/obscheck/obscheck/internal/apis/logapi"
	"golang.org/x/tools/go/analysis"
)

// idNames are the names of execution-id variables a fix may use.
var idNames = []string{"executionID", "execID", "executionId", "execId"}

// idFields are the struct fields holding an execution id (x.ExecutionID).
var idFields = []string{"ExecutionID", "ExecID", "ExecutionId"}

// fix adds the field in the library's own style when an execution-id-like
// variable is in scope. It offers nothing when the edit could be wrong.
func (c *checker) fix(call *logapi.Call, key string) (analysis.SuggestedFix, bool) {
	if call.Call.Ellipsis.IsValid() || mentions(call.Call, key) {
		return analysis.SuggestedFix{}, false
	}
	id, idType := c.idInScope(call.Call.Pos())
	if id == "" {
		return analysis.SuggestedFix{}, false
	}
	q := strconv.Quote(key)
	isString := types.Identical(idType, types.Typ[types.String])
	var edit analysis.TextEdit
	switch call.Style {
	case logapi.StyleKV:
		edit = c.appendArg(call.Call, q+", "+id)
	case logapi.StyleAttrs, logapi.StyleZap:
		// slog.String/Any and zap.String/Any take the same (key, value).
		path := "log/slog"
		if call.Style == logapi.StyleZap {
			path = "go.uber.org/zap"
		}
		pkg := c.importName(call.Call.Pos(), path)
		if pkg == "" {
			return analysis.SuggestedFix{}, false
		}
		ctor := "Any"
		if isString {
			ctor = "String"
		}
		edit = c.appendArg(call.Call, pkg+"."+ctor+"("+q+", "+id+")")
	case logapi.StyleZerolog:
		st := call.Starter
		if st == nil || st.Pos() < call.Call.Pos() || st.End() > call.Call.End() {
			return analysis.SuggestedFix{}, false // the event comes from a variable
		}
		m := "Interface"
		if isString {
			m = "Str"
		}
		edit = analysis.TextEdit{Pos: st.End(), End: st.End(), NewText: []byte("." + m + "(" + q + ", " + id + ")")}
	case logapi.StyleLogrusChain:
		sel, ok := ast.Unparen(call.Call.Fun).(*ast.SelectorExpr)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		edit = analysis.TextEdit{Pos: sel.Sel.Pos(), End: sel.Sel.Pos(), NewText: []byte("WithField(" + q + ", " + id + ").")}
	default:
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message:   "Add the " + q + " field",
		TextEdits: []analysis.TextEdit{edit},
	}, true
}

// appendArg inserts text as the call's last argument.
func (c *checker) appendArg(call *ast.CallExpr, text string) analysis.TextEdit {
	if n := len(call.Args); n > 0 {
		end := call.Args[n-1].End()
		return analysis.TextEdit{Pos: end, End: end, NewText: []byte(", " + text)}
	}
	at := call.Lparen + 1
	return analysis.TextEdit{Pos: at, End: at, NewText: []byte(text)}
}

// idInScope finds an execution-id variable visible at pos: a variable
// named like one, else a variable whose struct type has an ExecutionID
// field. It returns the expression text and its type.
func (c *checker) idInScope(pos token.Pos) (string, types.Type) {
	if c.pass.Pkg == nil {
		return "", nil
	}
	inner := c.pass.Pkg.Scope().Innermost(pos)
	if inner == nil || inner == c.pass.Pkg.Scope() {
		return "", nil
	}
	for _, n := range idNames {
		if _, obj := inner.LookupParent(n, pos); obj != nil {
			if v, ok := obj.(*types.Var); ok && !v.IsField() && v.Parent() != c.pass.Pkg.Scope() {
				return n, v.Type()
			}
		}
	}
	for s := inner; s != nil && s != c.pass.Pkg.Scope(); s = s.Parent() {
		for _, name := range s.Names() {
			if _, obj := inner.LookupParent(name, pos); obj == nil || obj.Parent() != s {
				continue // shadowed, or declared after pos
			}
			v, ok := s.Lookup(name).(*types.Var)
			if !ok {
				continue
			}
			for _, f := range idFields {
				obj, _, _ := types.LookupFieldOrMethod(v.Type(), true, c.pass.Pkg, f)
				if fv, ok := obj.(*types.Var); ok && fv.IsField() {
					return name + "." + f, fv.Type()
				}
			}
		}
	}
	return "", nil
}

// importName is the name the file at pos imports path under, "" if the
// file does not import it by a usable name.
func (c *checker) importName(pos token.Pos, path string) string {
	for _, f := range c.pass.Files {
		if f.FileStart > pos || pos > f.FileEnd {
			continue
		}
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil || p != path {
				continue
			}
			if imp.Name != nil {
				if imp.Name.Name == "_" || imp.Name.Name == "." {
					return ""
				}
				return imp.Name.Name
			}
			if pn, ok := c.pass.TypesInfo.Implicits[imp].(*types.PkgName); ok {
				return pn.Name()
			}
			return ""
		}
	}
	return ""
}

// mentions reports whether the key is written in call already (as in
// l.WithField("execution_id", id).Error("x") through a wrapper the rule
// could not model): a fix must never add a field that is there.
func mentions(call *ast.CallExpr, key string) bool {
	q := strconv.Quote(key)
	found := false
	ast.Inspect(call, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && (lit.Value == q || lit.Value == "`"+key+"`") {
			found = true
		}
		return !found
	})
	return found
}
