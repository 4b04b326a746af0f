// Package report is how every rule reports: it drops findings in generated
// or excluded files and findings a //obscheck: directive suppresses, and it
// remembers which directives were used so the directive rule can report
// the ones that suppress nothing.
package report

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/directives"
	"github.com/obscheck/obscheck/internal/inventory"
	"github.com/obscheck/obscheck/internal/policy"
	"golang.org/x/tools/go/analysis"
)

// Used is the result type of every rule analyzer: the directives that
// suppressed one of its findings, and the inventory items it recorded.
type Used struct {
	Rule  string
	Ran   bool // false when the rule is disabled: its directives are not judged
	Dirs  []*directives.Directive
	Items []inventory.Item
}

// Inventory is what the rule recorded (the driver collects it from the
// reported packages for obscheck catalog and coverage).
func (u *Used) Inventory() []inventory.Item { return u.Items }

// ResultType is the analysis.Analyzer ResultType of every rule.
var ResultType = reflect.TypeOf((*Used)(nil))

// OmitRelated drops the related locations of every finding. The
// golangci-lint plugin sets it: golangci-lint turns each related location
// into an issue of its own, placed on the finding when it is in another
// file, and its default uniq-by-line can then print "declared here" in
// place of the finding's message.
var OmitRelated bool

// Reporter reports one rule's findings in one pass.
type Reporter struct {
	pass    *analysis.Pass
	ix      *directives.Index
	used    *Used
	library bool // the package belongs to a library the tables describe

	synthetic map[Position]token.Pos // see Related
}

// New returns a Reporter for rule. The analyzer must require
// directives.New(src) for the src it was built from.
func New(pass *analysis.Pass, rule string, src *policy.Source) *Reporter {
	ix, _ := pass.ResultOf[directives.New(src)].(*directives.Index)
	lib := pass.Pkg != nil && apis.IsLibrary(pass.Pkg.Path())
	if lib {
		// The standard library and the tables' libraries are knowledge:
		// the rules may run there (a sweep names them) but export no
		// facts, so no driver knows more about them than the tables say.
		pass.ExportObjectFact = func(types.Object, analysis.Fact) {}
		pass.ExportPackageFact = func(analysis.Fact) {}
	}
	return &Reporter{pass: pass, ix: ix, used: &Used{Rule: rule, Ran: true}, library: lib}
}

// Begin starts one rule's pass: it finds the package's policy in src (the
// same way under every driver) and returns the rule's Reporter. r is nil
// when the rule is disabled or the policy cannot be read; the rule then
// returns report.Disabled(rule), err.
func Begin(pass *analysis.Pass, rule string, src *policy.Source) (r *Reporter, pol *policy.Policy, err error) {
	if Dependency(pass) {
		return nil, nil, nil
	}
	pol, err = src.For(pass)
	if err != nil || !pol.Enabled(rule) {
		return nil, pol, err
	}
	return New(pass, rule, src), pol, nil
}

// Dependency reports whether pass analyzes a package of a versioned
// module: a dependency, which go vet and golangci-lint analyze for facts
// but the obscheck CLI never does. The rules know dependencies through
// their tables and the policy only, so every driver sees the same facts
// and gives the same findings.
func Dependency(pass *analysis.Pass) bool {
	return pass.Module != nil && pass.Module.Version != ""
}

// Disabled is the result of a rule that did not run.
func Disabled(rule string) *Used { return &Used{Rule: rule} }

// Report reports d unless it is in a skipped file or suppressed.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if r.library {
		return // zap's own error logs, client_golang's own go_* metrics: not the user's code
	}
	if r.ix != nil {
		if r.ix.Skip(d.Pos) {
			return
		}
		if dir := r.ix.Suppressing(r.used.Rule, d.Pos); dir != nil {
			r.used.Dirs = append(r.used.Dirs, dir)
			return
		}
	}
	if OmitRelated {
		d.Related = nil
	}
	r.pass.Report(d)
}

// Record records an inventory item at pos: what the rule resolved (a
// metric it judged, an entry point, a log event), for obscheck catalog and
// coverage. Items in files the rule skips (generated, excluded) and in the
// libraries the tables describe are dropped, as findings are; a
// suppression does not drop an item (a suppressed metric is still
// emitted). The Reporter fills in the item's package, file, line and
// enclosing declaration.
func (r *Reporter) Record(pos token.Pos, it inventory.Item) {
	if r.Skip(pos) || it == nil {
		return
	}
	p := r.pass.Fset.Position(pos)
	w := it.Where()
	w.File, w.Line, w.Col = p.Filename, p.Line, p.Column
	if r.pass.Pkg != nil {
		w.Package = r.pass.Pkg.Path()
	}
	if w.Func == "" {
		w.Func = inventory.DeclAt(r.pass.Files, r.pass.TypesInfo, r.pass.Pkg, pos)
	}
	r.used.Items = append(r.used.Items, it)
}

// Holder names the variable or field the value of e is stored in (see
// inventory.HolderOf), for items that other functions use through it.
func (r *Reporter) Holder(e ast.Expr) string {
	return inventory.HolderOf(r.pass.Files, r.pass.TypesInfo, e)
}

// Reportf reports a finding with a message and no fix.
func (r *Reporter) Reportf(pos token.Pos, format string, args ...any) {
	r.Report(analysis.Diagnostic{Pos: pos, Message: sprintf(format, args...)})
}

// Skip reports whether findings at pos would be dropped anyway; rules may
// use it to avoid expensive work in generated files.
func (r *Reporter) Skip(pos token.Pos) bool { return r.library || r.ix != nil && r.ix.Skip(pos) }

// Directives is the package's directive index (nil when the package has
// none), for rules that look up a suppression at a place they do not
// report at.
func (r *Reporter) Directives() *directives.Index { return r.ix }

// Result is what the rule's Run returns.
func (r *Reporter) Result() *Used { return r.used }
