package spanstatus

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"golang.org/x/tools/go/analysis"
)

// reportExit reports one error exit of h: lacking the status, the
// error_code attribute, or both.
func (c *checker) reportExit(h *held, e exit, noStatus, noKey bool) {
	span := h.target.Span.Name()
	where, before := "error path", "before returning"
	if e.write {
		where, before = "5xx response", "on this path"
	}
	var msg string
	switch {
	case noStatus && noKey:
		msg = fmt.Sprintf("%s leaves %s unmarked: the trace shows the failed operation as successful and without its error code; call %s.SetStatus(codes.Error, ...) and set the %q attribute %s (RecordError alone does not set the status)",
			where, h.name, span, c.key, before)
	case noStatus:
		msg = fmt.Sprintf("%s leaves %s unmarked: the trace shows the failed operation as successful; call %s.SetStatus(codes.Error, ...) %s (RecordError alone does not set the status)",
			where, h.name, span, before)
	default:
		msg = fmt.Sprintf("%s marks %s failed but does not set its %q attribute: failures cannot be grouped by the catalog's error code; add %s.SetAttributes(attribute.String(%q, ...)) %s",
			where, h.name, c.key, span, c.key, before)
	}
	d := analysis.Diagnostic{Pos: e.node.Pos(), End: e.node.End(), Message: msg, Related: relatedStart(h)}
	if noStatus {
		if fix, ok := c.fix(h, e); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	c.r.Report(d)
}

// fix inserts span.SetStatus(codes.Error, err.Error()) before a return
// of a plain error variable known non-nil there, importing the codes
// package when the file lacks it. It offers nothing when a name is
// shadowed or taken.
func (c *checker) fix(h *held, e exit) (analysis.SuggestedFix, bool) {
	ret, ok := e.node.(*ast.ReturnStmt)
	if !ok || !e.plain || e.errExpr == nil {
		return analysis.SuggestedFix{}, false
	}
	errID, ok := ast.Unparen(e.errExpr).(*ast.Ident)
	if !ok || !c.visible(ret.Pos(), h.target.Span) {
		return analysis.SuggestedFix{}, false
	}
	file := c.fileOf(ret.Pos())
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	codes, importEdit, ok := c.codesName(file, ret.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	indent := c.indentOf(ret.Pos())
	text := fmt.Sprintf("%s.SetStatus(%s.Error, %s.Error())\n%s", h.target.Span.Name(), codes, errID.Name, indent)
	edits := []analysis.TextEdit{{Pos: ret.Pos(), End: ret.Pos(), NewText: []byte(text)}}
	if importEdit != nil {
		edits = append(edits, *importEdit)
	}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Set span %s's status to codes.Error before returning", h.target.Span.Name()),
		TextEdits: edits,
	}, true
}

// visible reports whether v is what its name means at pos.
func (c *checker) visible(pos token.Pos, v *types.Var) bool {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(v.Name(), pos)
	return obj == v
}

func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// codesName returns the name the OpenTelemetry codes package has (or will
// have) in file at pos, and the edit importing it if needed.
func (c *checker) codesName(file *ast.File, pos token.Pos) (string, *analysis.TextEdit, bool) {
	taken := map[string]bool{}
	for _, imp := range file.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return "", nil, false
		}
		name := ""
		if imp.Name != nil {
			name = imp.Name.Name
		} else if pn, ok := c.info.Implicits[imp].(*types.PkgName); ok {
			name = pn.Name()
		}
		if path == traceapi.OtelCodes && name != "_" && name != "." && name != "" {
			return name, nil, c.means(pos, name, path)
		}
		taken[name] = true
	}
	for _, name := range []string{"codes", "otelcodes"} {
		if taken[name] || !c.means(pos, name, "") {
			continue
		}
		spec := strconv.Quote(traceapi.OtelCodes)
		if name != "codes" {
			spec = name + " " + spec
		}
		edit, ok := importEdit(file, spec)
		return name, edit, ok
	}
	return "", nil, false
}

// means reports whether name at pos denotes the package path (path ""
// : nothing at all, the name is free).
func (c *checker) means(pos token.Pos, name, path string) bool {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(name, pos)
	if path == "" {
		return obj == nil
	}
	pn, ok := obj.(*types.PkgName)
	return ok && pn.Imported().Path() == path
}

// importEdit adds an import spec to file: into its first import
// declaration, or as a new one after the package clause.
func importEdit(file *ast.File, spec string) (*analysis.TextEdit, bool) {
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if gd.Lparen.IsValid() {
			return &analysis.TextEdit{Pos: gd.Rparen, End: gd.Rparen, NewText: []byte("\t" + spec + "\n")}, true
		}
		// import "x" -> import ("x"; spec)
		return &analysis.TextEdit{Pos: gd.End(), End: gd.End(), NewText: []byte("\nimport " + spec)}, true
	}
	return &analysis.TextEdit{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + spec)}, true
}

// indentOf returns the whitespace before pos on its line.
func (c *checker) indentOf(pos token.Pos) string {
	tf := c.pass.Fset.File(pos)
	if tf == nil {
		return ""
	}
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil {
		return ""
	}
	off := tf.Offset(pos)
	if off > len(src) {
		return ""
	}
	line := src[tf.Offset(tf.LineStart(tf.Line(pos))):off]
	if strings.TrimLeft(string(line), " \t") != "" {
		return ""
	}
	return string(line)
}
