// Package spans is what the span rules (spanstatus, spancorrelation) share
// about OpenTelemetry spans in source: which calls start one, which span
// method a call invokes, the attribute keys a start or a SetAttributes
// call gives, and whether an expression denotes a given span. The API
// knowledge itself is in internal/apis/traceapi.
package spans

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/apis/otelattr"
	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
	"golang.org/x/tools/go/analysis"
)

// IsSpan reports whether t is trace.Span.
func IsSpan(t types.Type) bool {
	k, ok := funcname.KeyOf(t)
	return ok && k == traceapi.SpanType
}

// IsContext reports whether t is context.Context.
func IsContext(t types.Type) bool {
	k, ok := funcname.KeyOf(t)
	return ok && k == traceapi.ContextType
}

// Start is a call that starts a span.
type Start struct {
	Call      *ast.CallExpr
	Fn        *types.Func // the callee (nil for a func value)
	Span, Ctx int         // indexes of the span and context results (-1: none)
}

// StartOf reports whether call starts an OpenTelemetry span: a
// trace.Tracer's Start, a function of extra (policy.span_starters), or any
// call returning a context together with a trace.Span (a team's helper).
func StartOf(info *types.Info, call *ast.CallExpr, extra funcname.Set) (Start, bool) {
	tv, ok := info.Types[call]
	if !ok {
		return Start{}, false
	}
	res, ok := tv.Type.(*types.Tuple)
	if !ok || res.Len() < 2 {
		return Start{}, false
	}
	s := Start{Call: call, Span: -1, Ctx: -1}
	for i := 0; i < res.Len(); i++ {
		switch t := res.At(i).Type(); {
		case s.Span < 0 && IsSpan(t):
			s.Span = i
		case s.Ctx < 0 && IsContext(t):
			s.Ctx = i
		}
	}
	if s.Span < 0 {
		return Start{}, false
	}
	s.Fn = funcname.Callee(info, call)
	if s.Ctx >= 0 {
		return s, true
	}
	name := ""
	if s.Fn != nil {
		name = funcname.Of(s.Fn)
	}
	return s, traceapi.SpanStarters[name] || extra[name]
}

// Method returns the span method call invokes and the span it is invoked
// on, or 0.
func Method(info *types.Info, call *ast.CallExpr) (traceapi.SpanMethod, ast.Expr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return 0, nil
	}
	switch sel.Sel.Name {
	case "SetStatus", "SetAttributes", "RecordError", "End":
	default:
		return 0, nil
	}
	m := traceapi.SpanMethods[funcname.CalleeName(info, call)]
	if m == 0 {
		return 0, nil
	}
	return m, sel.X
}

// MayBeError reports whether the code given to SetStatus may be
// codes.Error: it is that constant, or not a constant at all.
func MayBeError(info *types.Info, code ast.Expr) bool {
	tv, ok := info.Types[code]
	if !ok || tv.Value == nil {
		return true
	}
	v, ok := constant.Int64Val(tv.Value)
	return !ok || v == traceapi.StatusError
}

// Keys returns the constant attribute keys among args (KeyValues,
// []attribute.KeyValue, trace.WithAttributes(...) options), and whether
// some attribute or option is not known statically (a key computed at run
// time, a spread slice of options).
func Keys(info *types.Info, l *eval.Locals, args []ast.Expr) (keys []string, unknown bool) {
	attrs := otelattr.ListWith(info, l, args)
	for _, a := range attrs {
		if !a.Key.Known {
			unknown = true
			continue
		}
		keys = append(keys, a.Key.Value)
	}
	for _, a := range args {
		if !covered(a, attrs) && mayCarry(info, a) {
			unknown = true
		}
	}
	return keys, unknown
}

// covered reports whether the attributes decoded from arg cover it.
func covered(arg ast.Expr, attrs []otelattr.Attr) bool {
	for _, a := range attrs {
		if a.Node.Pos() >= arg.Pos() && a.Node.End() <= arg.End() {
			return true
		}
	}
	return false
}

// mayCarry reports whether an argument not decoded may carry attributes:
// an option or attribute value of unknown content.
func mayCarry(info *types.Info, e ast.Expr) bool {
	t := info.TypeOf(e)
	if t == nil {
		return true
	}
	if s, ok := t.Underlying().(*types.Slice); ok {
		t = s.Elem()
	}
	if otelattr.IsKeyValue(t) {
		return true
	}
	k, ok := funcname.KeyOf(t)
	if !ok || k.Path != traceapi.OtelTrace {
		return false
	}
	// A start or event option from a call or variable: it may be
	// WithAttributes. Call results of other option constructors are not.
	if c, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		fn := funcname.Callee(info, c)
		return fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != traceapi.OtelTrace
	}
	return true
}

// StartKeys returns the attribute keys a start call gives its span
// through trace.WithAttributes options.
func StartKeys(info *types.Info, l *eval.Locals, call *ast.CallExpr) (keys []string, unknown bool) {
	var opts []ast.Expr
	for _, a := range call.Args {
		if t := info.TypeOf(a); t != nil {
			if k, ok := funcname.KeyOf(t); ok && k.Path == traceapi.OtelTrace || isOptionSlice(t) {
				opts = append(opts, a)
			}
		}
	}
	keys, unknown = Keys(info, l, opts)
	if call.Ellipsis.IsValid() && len(opts) > 0 && !unknown {
		// tracer.Start(ctx, name, opts...): the slice was decoded only if
		// it is a literal assigned once.
		if l.Init(call.Args[len(call.Args)-1]) == nil {
			unknown = true
		}
	}
	return keys, unknown
}

func isOptionSlice(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	k, ok := funcname.KeyOf(s.Elem())
	return ok && k.Path == traceapi.OtelTrace
}

// Target is a span a function holds: the variable holding it, the context
// variable carrying it, and other variables set to it.
type Target struct {
	Span    *types.Var
	Ctx     *types.Var // nil if unknown
	Aliases map[*types.Var]bool
}

// Denotes reports whether e is the target span: its variable, an alias,
// or trace.SpanFromContext of its context.
func (t *Target) Denotes(info *types.Info, l *eval.Locals, e ast.Expr) bool {
	for i := 0; i < 4 && e != nil; i++ {
		e = ast.Unparen(e)
		switch x := e.(type) {
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			if v == nil {
				return false
			}
			if v == t.Span || t.Aliases[v] {
				return true
			}
			if v.Parent() == nil || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
				return false
			}
			e = l.Init(x)
		case *ast.CallExpr:
			if len(x.Args) == 1 && funcname.CalleeName(info, x) == traceapi.SpanFromContext {
				return t.Ctx != nil && refersTo(info, x.Args[0], t.Ctx)
			}
			return false
		default:
			return false
		}
	}
	return false
}

func refersTo(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == v
}

// IsEmptyContext reports whether e is context.Background() or TODO().
func IsEmptyContext(info *types.Info, e ast.Expr) bool {
	c, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	switch funcname.CalleeName(info, c) {
	case "context.Background", "context.TODO":
		return true
	}
	return false
}

// FactOf returns what fn is known to do, as a fact of type F: local[fn]
// for a function of the package under analysis (computed by this pass),
// the exported fact for one of the same module, nil otherwise.
func FactOf[F any, PF interface {
	*F
	analysis.Fact
}](pass *analysis.Pass, local map[*types.Func]PF, fn *types.Func) PF {
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() == pass.Pkg {
		return local[fn]
	}
	if !SameModule(pass, fn.Pkg()) {
		return nil
	}
	f := PF(new(F))
	if pass.ImportObjectFact(fn, f) {
		return f
	}
	return nil
}

// SameModule reports whether pkg belongs to the module of the package
// under analysis: facts are trusted only there, so a finding does not
// depend on whether the driver analyzed other modules (go vet does, the
// CLI does not).
func SameModule(pass *analysis.Pass, pkg *types.Package) bool {
	if pkg == nil {
		return false
	}
	if pkg == pass.Pkg {
		return true
	}
	m := pass.Module
	if m == nil || m.Path == "" {
		return true
	}
	p := pkg.Path()
	return strings.HasPrefix(p, m.Path) && (len(p) == len(m.Path) || p[len(m.Path)] == '/')
}

// Foreign reports whether fn is code of another module that the tables
// do not describe: the rules cannot see what it does with a span.
func Foreign(pass *analysis.Pass, fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && !SameModule(pass, fn.Pkg()) && !apis.IsLibrary(fn.Pkg().Path())
}

// ParamKeys are the attribute keys a function sets on the span of one of
// its parameters (a span, or a context carrying one), for facts; "*"
// stands for keys not known statically.
type ParamKeys struct {
	Index int
	Keys  []string
}

// ParamIndex returns the index of v among sig's parameters, or -1.
func ParamIndex(sig *types.Signature, v *types.Var) int {
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) == v {
			return i
		}
	}
	return -1
}

// UsesSpans reports whether the package refers to a function taking or
// returning a trace.Span (or a method of one): a package that does not
// can hold no span and set nothing on one.
func UsesSpans(info *types.Info) bool {
	seen := map[*types.Func]bool{}
	return apis.UsesFunc(info, nil, func(fn *types.Func) bool {
		if seen[fn] {
			return false
		}
		seen[fn] = true
		sig, ok := fn.Type().(*types.Signature)
		if !ok {
			return false
		}
		if r := sig.Recv(); r != nil && IsSpan(r.Type()) {
			return true
		}
		for _, tup := range []*types.Tuple{sig.Params(), sig.Results()} {
			for i := 0; i < tup.Len(); i++ {
				if IsSpan(tup.At(i).Type()) {
					return true
				}
			}
		}
		return false
	})
}

// VarOf returns the variable an identifier defines or uses (nil for _ and
// anything else).
func VarOf(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	if v, ok := info.Defs[id].(*types.Var); ok {
		return v
	}
	v, _ := info.Uses[id].(*types.Var)
	return v
}

// IsVar reports whether e is a use of v.
func IsVar(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == v
}

// Assigns reports whether body assigns v (a context parameter reassigned
// by ctx, span := tracer.Start(ctx, ...) carries the function's own span
// afterwards, not its caller's).
func Assigns(info *types.Info, body ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && !found {
			for _, l := range as.Lhs {
				if VarOf(info, l) == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
