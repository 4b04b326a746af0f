// Package directives parses //obscheck: suppression comments and decides,
// once per package, which files are never reported (generated or excluded).
// The rules consult the Index it builds inside the analysis itself, so
// suppressions hold under every driver (CLI, go vet, golangci-lint, gopls).
package directives

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
	"sync"

	"github.com/obscheck/obscheck/internal/policy"
	"golang.org/x/tools/go/analysis"
)

// Kinds of directive.
const (
	Ignore     = "ignore"      // this line or the next
	FileIgnore = "file-ignore" // the whole file
)

// Prefix starts every directive; like //go: directives it has no space.
const Prefix = "//obscheck:"

// Directive is one parsed //obscheck: comment.
type Directive struct {
	Pos    token.Pos
	Kind   string   // Ignore or FileIgnore
	Rules  []string // rule names, as written
	Reason string
	Err    string // why the directive is malformed, "" if it is not
	line   int
	end    token.Pos
}

// Parse parses the text of one comment (including "//"). ok is false if
// the comment is not a directive at all.
func Parse(text string) (d Directive, ok bool) {
	rest, ok := strings.CutPrefix(text, Prefix)
	if !ok {
		return d, false
	}
	kind, rest, _ := strings.Cut(rest, " ")
	d.Kind = kind
	if kind != Ignore && kind != FileIgnore {
		d.Err = "unknown directive " + Prefix + kind + "; use " + Prefix + Ignore + " or " + Prefix + FileIgnore
		return d, true
	}
	rest = strings.TrimSpace(rest)
	rules, reason, _ := strings.Cut(rest, " ")
	if rules == "" {
		d.Err = "directive names no rule; write " + Prefix + kind + " RULE[,RULE] reason"
		return d, true
	}
	for _, r := range strings.Split(rules, ",") {
		if r = strings.TrimSpace(r); r != "" {
			d.Rules = append(d.Rules, r)
		}
	}
	d.Reason = strings.TrimSpace(reason)
	if len(d.Rules) == 0 {
		d.Err = "directive names no rule; write " + Prefix + kind + " RULE[,RULE] reason"
		return d, true
	}
	if d.Reason == "" {
		d.Err = "directive has no reason; say why the finding does not apply, after the rule names"
	}
	return d, true
}

// Index is what the rules need to know about a package's files before
// they report: directives, generated files, excluded files.
type Index struct {
	fset  *token.FileSet
	files map[*token.File]*fileInfo
	// All lists every directive in the package, in source order.
	All []*Directive
}

// Lines are physical lines of the file as parsed: a //line directive
// moves positions into another file or line, which would separate a
// directive from the line it covers (and the fix of an unused directive
// from the directive).
type fileInfo struct {
	skip     bool                 // generated or excluded: never reported
	lines    map[int][]*Directive // directive line -> directives
	global   []*Directive         // file-ignore directives
	lineDirs map[int]bool         // lines holding a //line directive
}

// Analyzer builds the Index of a package with the default policy source
// (see policy.Source). It reports nothing itself.
var Analyzer = New(nil)

var (
	mu       sync.Mutex
	bySource = map[*policy.Source]*analysis.Analyzer{}
)

// New returns the analyzer building the Index with the policy from src.
// Every rule built from src requires the same one, so a package is
// indexed once per run.
func New(src *policy.Source) *analysis.Analyzer {
	mu.Lock()
	defer mu.Unlock()
	if a := bySource[src]; a != nil {
		return a
	}
	a := &analysis.Analyzer{
		Name: "obscheckdirectives",
		Doc:  "parse //obscheck: directives and find generated and excluded files",
		Run: func(pass *analysis.Pass) (any, error) {
			// A bad policy file is reported by the rules, which go vet
			// shows; an error here would only surface as "failed
			// prerequisites".
			pol, err := src.For(pass)
			if err != nil {
				pol = policy.Default()
			}
			return Build(pass.Fset, pass.Files, pol), nil
		},
		ResultType:       reflect.TypeOf((*Index)(nil)),
		RunDespiteErrors: true,
	}
	policy.RegisterFlags(&a.Flags)
	bySource[src] = a
	return a
}

// Build indexes files.
func Build(fset *token.FileSet, files []*ast.File, pol *policy.Policy) *Index {
	ix := &Index{fset: fset, files: map[*token.File]*fileInfo{}}
	for _, f := range files {
		tf := fset.File(f.Pos())
		if tf == nil {
			continue
		}
		fi := &fileInfo{lines: map[int][]*Directive{}, lineDirs: map[int]bool{}}
		ix.files[tf] = fi
		name, generated := tf.Name(), ast.IsGenerated(f)
		if user, ok := policy.UserFile(fset, f); !ok {
			generated = true // cmd/cgo's own file
		} else if user != name {
			// A cgo file is analyzed as cmd/cgo's output, which says it
			// is generated; it is the user's file that counts.
			name, generated = user, userFileGenerated(user)
		}
		fi.skip = generated || pol.Excluded(name) ||
			pol.Exclude.Tests && strings.HasSuffix(name, "_test.go")
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if strings.HasPrefix(c.Text, "//line ") || strings.HasPrefix(c.Text, "/*line ") {
					fi.lineDirs[Line(tf, c.Pos())] = true
				}
				d, ok := Parse(c.Text)
				if !ok {
					continue
				}
				d.Pos = c.Pos()
				d.end = c.End()
				d.line = Line(tf, c.Pos())
				dp := &d
				ix.All = append(ix.All, dp)
				if d.Err != "" {
					continue
				}
				if d.Kind == FileIgnore {
					fi.global = append(fi.global, dp)
				} else {
					fi.lines[d.line] = append(fi.lines[d.line], dp)
				}
			}
		}
	}
	return ix
}

// userFileGenerated reports whether the Go file at name says it is
// generated; a file that cannot be read is not.
func userFileGenerated(name string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.PackageClauseOnly|parser.ParseComments)
	return err == nil && ast.IsGenerated(f)
}

// Skip reports whether findings at pos are never reported: the file is
// generated, excluded by the policy, or not part of the package.
func (ix *Index) Skip(pos token.Pos) bool {
	fi := ix.files[ix.fset.File(pos)]
	return fi == nil || fi.skip
}

// Suppressing returns the directive that suppresses rule at pos, or nil.
// A line directive covers its own line and the line below it.
func (ix *Index) Suppressing(rule string, pos token.Pos) *Directive {
	tf := ix.fset.File(pos)
	fi := ix.files[tf]
	if fi == nil {
		return nil
	}
	line := Line(tf, pos)
	// The line itself, the line above, and above any //line directives
	// in between.
	for l := line; l > 0; l-- {
		for _, d := range fi.lines[l] {
			if d.Covers(rule) {
				return d
			}
		}
		if l < line && !fi.lineDirs[l] {
			break
		}
	}
	for _, d := range fi.global {
		if d.Covers(rule) {
			return d
		}
	}
	return nil
}

// Line is the physical line of pos in tf, ignoring //line directives.
func Line(tf *token.File, pos token.Pos) int {
	return tf.PositionFor(pos, false).Line
}

// Covers reports whether d names rule.
func (d *Directive) Covers(rule string) bool {
	for _, r := range d.Rules {
		if r == rule {
			return true
		}
	}
	return false
}

// End returns the end of the directive comment's first line.
func (d *Directive) End() token.Pos { return d.end }
