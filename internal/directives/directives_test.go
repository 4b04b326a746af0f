package directives

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/policy"
)

func TestParse(t *testing.T) {
	tests := []struct {
		text    string
		isDir   bool
		kind    string
		rules   []string
		reason  string
		errPart string
	}{
		{"// ordinary comment", false, "", nil, "", ""},
		{"//obscheck:ignore execidfield start-up code", true, Ignore, []string{"execidfield"}, "start-up code", ""},
		{"//obscheck:ignore execidfield,metricnaming  two rules, one reason ", true, Ignore, []string{"execidfield", "metricnaming"}, "two rules, one reason", ""},
		{"//obscheck:file-ignore metricnaming vendored exporter", true, FileIgnore, []string{"metricnaming"}, "vendored exporter", ""},
		{"//obscheck:ignore execidfield", true, Ignore, []string{"execidfield"}, "", "no reason"},
		{"//obscheck:ignore", true, Ignore, nil, "", "names no rule"},
		{"//obscheck:ignroe x y", true, "ignroe", nil, "", "unknown directive"},
	}
	for _, tt := range tests {
		d, ok := Parse(tt.text)
		if ok != tt.isDir {
			t.Errorf("Parse(%q) ok = %v", tt.text, ok)
			continue
		}
		if !ok {
			continue
		}
		if d.Kind != tt.kind || !reflect.DeepEqual(d.Rules, tt.rules) || d.Reason != tt.reason {
			t.Errorf("Parse(%q) = %+v", tt.text, d)
		}
		if (tt.errPart == "") != (d.Err == "") || !strings.Contains(d.Err, tt.errPart) {
			t.Errorf("Parse(%q).Err = %q, want %q", tt.text, d.Err, tt.errPart)
		}
	}
}

func TestIndex(t *testing.T) {
	const src = `package p

//obscheck:ignore execidfield reason here
var a = 1 // line 4

var b = 2 //obscheck:ignore metricnaming same line

//obscheck:file-ignore labelcardinality whole file
var c = 3
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "/m/p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	ix := Build(fset, []*ast.File{f}, policy.Default())
	tf := fset.File(f.Pos())
	at := func(line int) token.Pos { return tf.LineStart(line) }
	if ix.Suppressing("execidfield", at(4)) == nil {
		t.Error("directive on the line above does not suppress")
	}
	if ix.Suppressing("execidfield", at(6)) != nil {
		t.Error("directive reaches two lines down")
	}
	if ix.Suppressing("metricnaming", at(6)) == nil {
		t.Error("same-line directive does not suppress")
	}
	if ix.Suppressing("labelcardinality", at(1)) == nil {
		t.Error("file-ignore does not cover the file")
	}
	if ix.Suppressing("spanrequired", at(4)) != nil {
		t.Error("directive suppresses a rule it does not name")
	}
	if len(ix.All) != 3 || ix.Skip(at(4)) {
		t.Errorf("index: %d directives, skip=%v", len(ix.All), ix.Skip(at(4)))
	}
	p := policy.Default()
	p.Root = "/m"
	p.Exclude.Paths = []string{"*.go"}
	if !Build(fset, []*ast.File{f}, p).Skip(at(4)) {
		t.Error("excluded file is not skipped")
	}
	tf2, err := parser.ParseFile(fset, "/m/p_test.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	testPos := fset.File(tf2.Pos()).LineStart(4)
	if !Build(fset, []*ast.File{tf2}, policy.Default()).Skip(testPos) {
		t.Error("test file reported under the default policy")
	}
	withTests := policy.Default()
	withTests.Exclude.Tests = false
	if Build(fset, []*ast.File{tf2}, withTests).Skip(testPos) {
		t.Error("exclude.tests: false still skips the test file")
	}
}

// FuzzParse: the directive parser never panics and never accepts a
// directive without rules and a reason.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"//obscheck:ignore a b", "//obscheck:file-ignore a,b c", "//obscheck:", "//obscheck:ignore ,,, x", "//obscheck:ignore\ta b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := Parse(s)
		if !ok || d.Err != "" {
			return
		}
		if len(d.Rules) == 0 || d.Reason == "" {
			t.Errorf("Parse(%q) accepted %+v", s, d)
		}
	})
}
