// Package sanitizeboundary implements the sanitizeboundary rule: report sensitive values that reach logs, spans or labels unsanitized.
package sanitizeboundary

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"sync"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/apis/logapi"
	"github.com/obscheck/obscheck/internal/apis/logapi/logwrap"
	"github.com/obscheck/obscheck/internal/apis/metricapi"
	"github.com/obscheck/obscheck/internal/apis/sensitive"
	"github.com/obscheck/obscheck/internal/directives"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// Name is the rule name.
const Name = "sanitizeboundary"

// Analyzer is the sanitizeboundary rule with the default policy source: the
// analyzer's flags, $OBSCHECK_CONFIG or the nearest .obscheck.yaml (go vet,
// golangci-lint, nogo).
var Analyzer = New(nil)

// New returns the sanitizeboundary rule reading each package's policy from src.
func New(src *policy.Source) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: Name,
		Doc: `report sensitive values that reach logs, spans or metric labels unsanitized

A value is sensitive when it is logged or attached under a key in
policy.sensitive_keys (compared case- and separator-insensitively, exactly:
token_count is not token), when it reads a field or variable with such a
name (req.Password, creds.AccessToken), when it is a request credential
(Authorization, Cookie, Proxy-Authorization, X-Api-Key headers, the
BasicAuth password, r.Cookie, token-like query parameters), when it is
derived from one of those by concatenation, formatting or fmt.Errorf, or
when it is a whole struct (pointer, slice, map) with such a field that does
not render itself (slog.LogValuer, zapcore.ObjectMarshaler, fmt.Formatter,
fmt.Stringer for %v, json:"-"). Sinks are log calls of every level (fields,
messages, printf arguments, derived loggers), span attributes, events,
errors and names, and metric label values. A value passed through a
sanitizer (policy.sanitizers or any Sanitize*/Redact*/Mask* function), or of
which only len or a hash is used, is safe. Sanitizers whose result is
discarded, and sanitizers that blank a sensitive field with anything but the
redaction marker, are reported too.`,
		URL:        "https://github.com/obscheck/obscheck/blob/main/docs/rules.md#sanitizeboundary",
		Requires:   []*analysis.Analyzer{inspect.Analyzer, directives.New(src), eval.Analyzer, logwrap.Analyzer},
		Run:        func(pass *analysis.Pass) (any, error) { return run(pass, src) },
		ResultType: report.ResultType,
	}
	policy.RegisterFlags(&a.Flags)
	return a
}

func run(pass *analysis.Pass, src *policy.Source) (any, error) {
	r, pol, err := report.Begin(pass, Name, src)
	if r == nil {
		return report.Disabled(Name), err
	}
	insp, ok := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if !ok || pass.TypesInfo == nil {
		return r.Result(), nil
	}
	c := newChecker(pass, pol, r)
	if !c.relevant(pass) {
		return r.Result(), nil
	}
	filter := []ast.Node{
		(*ast.File)(nil),
		(*ast.FuncDecl)(nil),
		(*ast.AssignStmt)(nil),
		(*ast.ValueSpec)(nil),
		(*ast.RangeStmt)(nil),
		(*ast.ExprStmt)(nil),
		(*ast.CallExpr)(nil),
		(*ast.CompositeLit)(nil),
	}
	insp.WithStack(filter, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		switch n := n.(type) {
		case *ast.File:
			// Skip is decided per file (generated, excluded): asked here
			// once, not for every node.
			return !r.Skip(n.Pos())
		case *ast.FuncDecl:
			c.enterFunc(n)
		case *ast.AssignStmt:
			c.assign(n)
			c.blanking(n, stack)
		case *ast.ValueSpec:
			c.valueSpec(n)
		case *ast.RangeStmt:
			c.rangeStmt(n)
		case *ast.ExprStmt:
			c.exprStmt(n)
		case *ast.CallExpr:
			c.call(n, stack)
		case *ast.CompositeLit:
			c.compositeBlanking(n, stack)
		}
		return true
	})
	c.flushMarker()
	return r.Result(), nil
}

// relevant reports whether the package can have a finding: every finding
// is at a call of a sink (a log, span or metric call, a log field
// builder: all in the tables' packages) or of a sanitizer, or inside a
// sanitizer. The rule has no facts, so a package with none of them is
// done: one pass over the objects it uses instead of the whole analysis
// (most packages of a service never call a logger directly).
func (c *checker) relevant(pass *analysis.Pass) bool {
	if c.wrappers.Any() || apis.UsesFunc(pass.TypesInfo, sinkPackages(), c.isSanitizer) {
		return true
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if fn, ok := c.info.Defs[fd.Name].(*types.Func); ok && c.isSanitizer(fn) {
					return true
				}
			}
		}
	}
	return false
}

// sinkPackages are the packages of the sink tables.
var sinkPackages = sync.OnceValue(func() map[string]bool {
	pkgs := funcname.Packages(maps.Keys(sensitive.SpanSinks), slices.Values([]string{metricWithAttributes}))
	for _, m := range []map[string]bool{logapi.Packages(), metricapi.Packages()} {
		maps.Copy(pkgs, m)
	}
	for p := range logapi.Builders() {
		pkgs[p] = true
	}
	return pkgs
})

// checker holds one pass's state: the policy's tables and what the local
// data flow learned so far (the traversal is in source order, so an
// assignment is seen before the uses that follow it).
type checker struct {
	pass       *analysis.Pass
	info       *types.Info
	r          *report.Reporter
	keys       sensitive.Keys
	marker     string
	sanitizers funcname.Set
	sources    funcname.Set
	allow      map[string]bool

	taint     map[*types.Var]*origin // locals holding a sensitive value
	clean     map[*types.Var]bool    // locals holding a sanitized value
	reported  map[token.Pos]bool
	leaks     map[leakKey]string
	safeTypes map[types.Type]bool // see safeType
	loc       *eval.Locals        // built on first use
	metrics   *metricapi.Model    // built on first use
	// cleanBy is the sanitizer that cleaned a local; atSink the
	// sanitizers seen feeding a sink; pendingMarker the marker findings
	// waiting to know (markerFinding).
	cleanBy       map[*types.Var]*types.Func
	atSink        map[*types.Func]bool
	pendingMarker []pendingFinding
	// sanitizerDecl is the sanitizer function being traversed, if any.
	sanitizerDecl *ast.FuncDecl
	// funcBody is the body of the function being traversed; lookupKeys
	// (names.go) are the expressions it looks a secret up by, computed on
	// first use; nameVars are locals holding a credential's name.
	funcBody   *ast.BlockStmt
	lookupKeys map[string]bool
	nameVars   map[*types.Var]bool
	// wrappers are the project's log wrappers; wrapper is the one whose
	// call is being judged, if any: its findings point at it.
	wrappers *logwrap.Result
	wrapper  *types.Func
}

func newChecker(pass *analysis.Pass, pol *policy.Policy, r *report.Reporter) *checker {
	o := pol.Rules.SanitizeBoundary
	c := &checker{
		pass:       pass,
		info:       pass.TypesInfo,
		r:          r,
		keys:       sensitive.NewKeys(pol.Policy.SensitiveKeys, o.ExtraKeys),
		marker:     o.Marker,
		sanitizers: funcname.NewSet(pol.Policy.Sanitizers),
		sources:    funcname.NewSet(o.Sources),
		allow:      map[string]bool{},
		taint:      map[*types.Var]*origin{},
		clean:      map[*types.Var]bool{},
		cleanBy:    map[*types.Var]*types.Func{},
		atSink:     map[*types.Func]bool{},
		reported:   map[token.Pos]bool{},
		leaks:      map[leakKey]string{},
		safeTypes:  map[types.Type]bool{},
		nameVars:   map[*types.Var]bool{},
	}
	if c.marker == "" {
		c.marker = "[REDACTED]"
	}
	c.wrappers, _ = pass.ResultOf[logwrap.Analyzer].(*logwrap.Result)
	for _, t := range o.AllowTypes {
		c.allow[t] = true
	}
	return c
}

func (c *checker) enterFunc(fd *ast.FuncDecl) {
	c.sanitizerDecl = nil
	c.funcBody, c.lookupKeys = fd.Body, nil
	if fd.Body == nil || fd.Name == nil {
		return
	}
	fn, _ := c.info.Defs[fd.Name].(*types.Func)
	if fn != nil && c.isSanitizer(fn) {
		c.sanitizerDecl = fd
	}
}

// inSanitizer reports whether the node at the top of stack is inside the
// body of a sanitizer.
func (c *checker) inSanitizer(stack []ast.Node) *ast.FuncDecl {
	if c.sanitizerDecl == nil {
		return nil
	}
	for _, n := range stack {
		if n == c.sanitizerDecl {
			return c.sanitizerDecl
		}
	}
	return nil
}

// isSanitizer reports whether fn is a sanitizer: named in
// policy.sanitizers or called Sanitize*, Redact*, Mask*.
func (c *checker) isSanitizer(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if c.sanitizers[funcname.Of(fn)] {
		return true
	}
	return sensitive.HasNamePrefix(fn.Name(), sensitive.SanitizerPrefixes, false)
}

func (c *checker) report(pos token.Pos, format string, args ...any) {
	if c.reported[pos] {
		return
	}
	c.reported[pos] = true
	if w := c.wrapper; w != nil {
		// A value passed to a log wrapper: judged here, where it enters.
		c.r.Report(analysis.Diagnostic{
			Pos:     pos,
			Message: fmt.Sprintf(format, args...) + " (it reaches the log through the wrapper " + w.Name() + ")",
			Related: c.r.Related(c.wrappers.At(w), "the wrapper "+w.Name()+" logs it here"),
		})
		return
	}
	c.r.Reportf(pos, format, args...)
}
