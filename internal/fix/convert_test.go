package fix

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestFromAnalysisIgnoresLineDirectives: an edit after a //line directive
// is placed in the file as parsed, at its physical offset.
func TestFromAnalysisIgnoresLineDirectives(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.go")
	src := "package p\n\n//line /elsewhere/outside.go:100\nvar C = 3\n"
	os.WriteFile(path, []byte(src), 0o644)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	lit := f.Decls[0].(*ast.GenDecl).Specs[0].(*ast.ValueSpec).Values[0]
	sf := analysis.SuggestedFix{Message: "m", TextEdits: []analysis.TextEdit{{Pos: lit.Pos(), End: lit.End(), NewText: []byte("4")}}}
	rel := func(s string) string { return filepath.Base(s) }

	fx, ok := FromAnalysis(fset, []string{path}, "r", rel, sf)
	e := fx.Edits[0]
	if !ok || e.Abs != path || e.Start != strings.Index(src, "3") || e.Line != 4 || e.Hash != Hash([]byte(src)) {
		t.Errorf("edit %+v ok %v", e, ok)
	}
	// Not one of the package's files: never offered.
	if _, ok := FromAnalysis(fset, []string{filepath.Join(dir, "q.go")}, "r", rel, sf); ok {
		t.Error("a fix outside the package's files is offered")
	}
	if fx, _ := FromAnalysis(fset, []string{path}, "metricnaming", rel, sf); !strings.Contains(fx.Unsafe, "dashboards") {
		t.Errorf("metricnaming fix not unsafe: %q", fx.Unsafe)
	}
}
