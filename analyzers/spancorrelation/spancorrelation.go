// Package spancorrelation implements the spancorrelation rule: a span
// started where the correlation id is at hand must carry it.
package spancorrelation

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/directives"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/report"
	"github.com/obscheck/obscheck/internal/spans"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// Name is the rule name.
const Name = "spancorrelation"

// Analyzer is the spancorrelation rule with the default policy source: the
// analyzer's flags, $OBSCHECK_CONFIG or the nearest .obscheck.yaml (go vet,
// golangci-lint, nogo).
var Analyzer = New(nil)

// New returns the spancorrelation rule reading each package's policy from
// src.
func New(src *policy.Source) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: Name,
		Doc: `report spans started without the correlation id that is in scope

When a span is started (tracer.Start, a policy.span_starters function, any
call returning a context with a trace.Span) where a value of a correlation key
(policy.correlation_keys, execution_id by default) is in scope, the span must
get it as an attribute under the key's name: trace.WithAttributes at the
start, SetAttributes on the span in the same function, or a function of the
module that sets it on the span it is given (known across packages). A value
is in scope when a variable, parameter or receiver is named like the key
(executionID, ExecutionID, execution_id), or has a field named so or tagged
so (json:"execution_id"), up to two levels deep, or when the function reads
the key from a header, query or path parameter or gRPC metadata. Spans
started by the module's own helpers are judged inside the helper when the
value is passed to it. With rules.spancorrelation.consumer_attributes,
message-consumer spans (kind consumer, or started in a function receiving a
NATS, JetStream, Kafka or franz-go message) must carry those keys too. No
value in scope, no finding.`,
		URL:        "https://github.com/obscheck/obscheck/blob/main/docs/rules.md#spancorrelation",
		Requires:   []*analysis.Analyzer{inspect.Analyzer, directives.New(src), eval.Analyzer},
		Run:        func(pass *analysis.Pass) (any, error) { return run(pass, src) },
		ResultType: report.ResultType,
		FactTypes:  []analysis.Fact{new(attrsFact)},
	}
	policy.RegisterFlags(&a.Flags)
	return a
}

// attrsFact marks a function that sets attributes on a span: on the span
// it starts and returns (Start), or on the span of a span or context
// parameter (Params). "*" stands for keys not known statically.
type attrsFact struct {
	Start  []string
	Params []spans.ParamKeys
}

func (*attrsFact) AFact() {}

func (f *attrsFact) String() string { return fmt.Sprintf("start%v params%v", f.Start, f.Params) }

func (f *attrsFact) empty() bool { return len(f.Start) == 0 && len(f.Params) == 0 }

// maxKeys bounds the keys of a fact.
const maxKeys = 8

type checker struct {
	pass     *analysis.Pass
	info     *types.Info
	locals   *eval.Locals
	r        *report.Reporter
	starts   funcname.Set
	keys     []string
	consumer []string
	local    map[*types.Func]*attrsFact

	receivers map[*types.Var]bool
}

type fnBody struct {
	node ast.Node
	fn   *types.Func // nil for literals
	sig  *types.Signature
	body *ast.BlockStmt
}

func run(pass *analysis.Pass, src *policy.Source) (any, error) {
	r, pol, err := report.Begin(pass, Name, src)
	if r == nil {
		return report.Disabled(Name), err
	}
	if pass.Pkg == nil || pass.TypesInfo == nil || apis.IsLibrary(pass.Pkg.Path()) || !spans.UsesSpans(pass.TypesInfo) {
		return r.Result(), nil
	}
	ins, _ := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	locals, _ := pass.ResultOf[eval.Analyzer].(*eval.Locals)
	if ins == nil {
		return r.Result(), nil
	}
	c := &checker{
		pass: pass, info: pass.TypesInfo, locals: locals, r: r,
		starts:   funcname.NewSet(pol.Policy.SpanStarters),
		keys:     pol.Policy.CorrelationKeys,
		consumer: pol.Rules.SpanCorrelation.ConsumerAttributes,
		local:    map[*types.Func]*attrsFact{},

		receivers: map[*types.Var]bool{},
	}
	var fns []fnBody
	ins.Preorder([]ast.Node{(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)}, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if fn, ok := c.info.Defs[n.Name].(*types.Func); ok && n.Body != nil {
				sig := fn.Type().(*types.Signature)
				if sig.Recv() != nil {
					c.receivers[sig.Recv()] = true
				}
				fns = append(fns, fnBody{n, fn, sig, n.Body})
			}
		case *ast.FuncLit:
			if sig, ok := c.info.TypeOf(n).(*types.Signature); ok {
				fns = append(fns, fnBody{n, nil, sig, n.Body})
			}
		}
	})
	c.computeFacts(fns)
	if len(c.keys) == 0 && len(c.consumer) == 0 {
		return r.Result(), nil
	}
	for _, f := range fns {
		if !r.Skip(f.body.Pos()) {
			c.checkFunc(f)
		}
	}
	return r.Result(), nil
}

// start is one span start in a function body.
type start struct {
	st     spans.Start
	span   *types.Var // nil when discarded
	ctx    *types.Var
	name   string // for messages
	parent ast.Node
}

// startsIn returns the span starts of a function's own body.
func (c *checker) startsIn(body *ast.BlockStmt) []start {
	var out []start
	add := func(lhs []ast.Expr, rhs ast.Expr, parent ast.Node) {
		call, ok := ast.Unparen(rhs).(*ast.CallExpr)
		if !ok {
			return
		}
		st, ok := spans.StartOf(c.info, call, c.starts)
		if !ok {
			return
		}
		s := start{st: st, parent: parent}
		if st.Span < len(lhs) {
			s.span = varOf(c.info, lhs[st.Span])
		}
		if st.Ctx >= 0 && st.Ctx < len(lhs) {
			s.ctx = varOf(c.info, lhs[st.Ctx])
		}
		s.name = "a span"
		if len(call.Args) >= 2 {
			if n, ok := eval.String(c.info, call.Args[1]); ok && n != "" {
				s.name = "span " + strconv.Quote(n)
			}
		}
		out = append(out, s)
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 {
				add(n.Lhs, n.Rhs[0], n)
			}
		case *ast.ValueSpec:
			if len(n.Values) == 1 {
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				add(lhs, n.Values[0], n)
			}
		case *ast.ReturnStmt:
			if len(n.Results) == 1 {
				add(nil, n.Results[0], n) // return tracer.Start(ctx, name, ...)
			}
		}
		return true
	})
	return out
}

var varOf = spans.VarOf

// checkFunc reports the starts of f missing an attribute.
func (c *checker) checkFunc(f fnBody) {
	starts := c.startsIn(f.body)
	if len(starts) == 0 {
		return
	}
	reads := c.keyedReads(f.body)
	consumerFn := c.consumerFunc(f.sig)
	for _, s := range starts {
		have, unknown := c.keysOf(f.body, s)
		if unknown {
			continue
		}
		if len(c.keys) > 0 {
			c.checkCorrelation(s, have, reads)
		}
		if len(c.consumer) > 0 && (consumerFn || c.consumerKind(s.st.Call)) {
			var missing []string
			for _, k := range c.consumer {
				if !slices.Contains(have, k) {
					missing = append(missing, strconv.Quote(k))
				}
			}
			if len(missing) > 0 {
				c.r.Report(analysis.Diagnostic{
					Pos: s.st.Call.Pos(), End: s.st.Call.End(),
					Message: fmt.Sprintf("message-consumer %s starts without attribute %s (rules.spancorrelation.consumer_attributes): the processing span cannot be found by the event it handled; add them with trace.WithAttributes at the start",
						s.name, strings.Join(missing, ", ")),
				})
			}
		}
	}
}

// checkCorrelation reports s if a correlation value is in scope and the
// span does not get its key.
func (c *checker) checkCorrelation(s start, have []string, reads []value) {
	for _, key := range c.keys {
		if slices.Contains(have, key) {
			continue
		}
		v, ok := c.inScope(s.st.Call.Pos(), key, reads)
		if !ok {
			continue
		}
		// A helper of the module given the value answers for it (it is
		// judged where it starts the span).
		if s.st.Fn != nil && spans.SameModule(c.pass, s.st.Fn.Pkg()) && c.passesValue(s.st.Call, key, reads) {
			continue
		}
		c.r.Report(analysis.Diagnostic{
			Pos: s.st.Call.Pos(), End: s.st.Call.End(),
			Message: fmt.Sprintf("%s starts without the %q attribute although %s holds it: the trace cannot be joined to the logs, events and metric exemplars of the same %s; add trace.WithAttributes(attribute.String(%q, %s)) to the start, or SetAttributes on the span",
				s.name, key, v.text, key, key, v.text),
			Related: report.RelatedHere(v.pos, key+" value in scope"),
		})
	}
}

// keysOf returns the attribute keys the span of s gets in the function:
// at its start (options, or the starter's fact), by SetAttributes on it,
// or from functions given it; unknown when some keys cannot be known.
func (c *checker) keysOf(body *ast.BlockStmt, s start) (have []string, unknown bool) {
	keys, unk := spans.StartKeys(c.info, c.locals, s.st.Call)
	have, unknown = keys, unk
	if s.st.Fn != nil {
		if f := c.factOf(s.st.Fn); f != nil {
			have = append(have, f.Start...)
		}
		if spans.Foreign(c.pass, s.st.Fn) && !traceapi.SpanStarters[funcname.Of(s.st.Fn)] {
			// A starter of another module: what it sets is not visible,
			// but it sets nothing the caller did not give it.
			unknown = unknown || c.givesAnyValue(s.st.Call)
		}
	}
	if s.span != nil {
		t := &spans.Target{Span: s.span, Ctx: s.ctx}
		k, u := c.setKeys(body, t)
		have = append(have, k...)
		unknown = unknown || u
	}
	return have, unknown || slices.Contains(have, "*")
}

// givesAnyValue reports whether a start call is given any argument beyond
// a context and a name (it may set attributes from them).
func (c *checker) givesAnyValue(call *ast.CallExpr) bool {
	for _, a := range call.Args {
		if t := c.info.TypeOf(a); t != nil && !spans.IsContext(t) {
			if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
				if _, isConst := eval.String(c.info, a); isConst {
					continue
				}
			}
			return true
		}
	}
	return false
}

// setKeys returns the keys set on t in body: SetAttributes on it, and
// functions of the module (or of other modules) it is given to.
func (c *checker) setKeys(body ast.Node, t *spans.Target) (keys []string, unknown bool) {
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if m, recv := spans.Method(c.info, call); m != 0 {
			if m == traceapi.SetAttributes && t.Denotes(c.info, c.locals, recv) {
				k, u := spans.Keys(c.info, c.locals, call.Args)
				keys = append(keys, k...)
				unknown = unknown || u
			}
			return true
		}
		fn := funcname.Callee(c.info, call)
		if fn == nil {
			return true
		}
		sig, _ := fn.Type().(*types.Signature)
		if f := c.factOf(fn); f != nil && sig != nil {
			for _, pk := range f.Params {
				if pk.Index < len(call.Args) && pk.Index < sig.Params().Len() && c.gives(call.Args[pk.Index], t, sig.Params().At(pk.Index)) {
					keys = append(keys, pk.Keys...)
				}
			}
			return true
		}
		if spans.Foreign(c.pass, fn) && t.Span != nil {
			for _, a := range call.Args {
				if t.Denotes(c.info, c.locals, a) {
					unknown = true // code we cannot see is given the span
				}
			}
		}
		return true
	})
	return keys, unknown
}

// gives reports whether argument a, for parameter p, gives the callee the
// span t: the span itself, or the context carrying it.
func (c *checker) gives(a ast.Expr, t *spans.Target, p *types.Var) bool {
	if spans.IsSpan(p.Type()) {
		return t.Denotes(c.info, c.locals, a)
	}
	return t.Ctx != nil && isVar(c.info, a, t.Ctx)
}

var isVar = spans.IsVar

// consumerFunc reports whether a function receives a message.
func (c *checker) consumerFunc(sig *types.Signature) bool {
	for i := 0; i < sig.Params().Len(); i++ {
		t := sig.Params().At(i).Type()
		for _, m := range traceapi.MessageTypes {
			if funcname.TypeIs(t, m) {
				return true
			}
		}
	}
	return false
}

// consumerKind reports whether a start call asks for a consumer span.
func (c *checker) consumerKind(call *ast.CallExpr) bool {
	for _, a := range call.Args {
		opt, ok := ast.Unparen(a).(*ast.CallExpr)
		if !ok || len(opt.Args) != 1 || funcname.CalleeName(c.info, opt) != traceapi.WithSpanKind {
			continue
		}
		if tv, ok := c.info.Types[opt.Args[0]]; ok && tv.Value != nil && tv.Value.String() == strconv.Itoa(traceapi.SpanKindConsumer) {
			return true
		}
	}
	return false
}

// factOf returns what fn sets: this pass's result for the package's own
// functions, its fact for the module's.
func (c *checker) factOf(fn *types.Func) *attrsFact {
	return spans.FactOf(c.pass, c.local, fn)
}

// computeFacts finds the package's functions that set attributes on the
// span they return or are given, to a fixed point, and exports them.
func (c *checker) computeFacts(fns []fnBody) {
	for round := 0; round < 8; round++ {
		changed := false
		for _, f := range fns {
			if f.fn == nil {
				continue
			}
			nf := &attrsFact{}
			if returnsSpan(f.sig) {
				for _, s := range c.startsIn(f.body) {
					keys, unknown := c.keysOf(f.body, s)
					if unknown {
						keys = append(keys, "*")
					}
					nf.Start = addKeys(nf.Start, keys)
				}
			}
			for i := 0; i < f.sig.Params().Len(); i++ {
				p := f.sig.Params().At(i)
				var t spans.Target
				switch {
				case spans.IsSpan(p.Type()):
					t = spans.Target{Span: p}
				case spans.IsContext(p.Type()) && !spans.Assigns(c.info, f.body, p):
					t = spans.Target{Ctx: p}
				default:
					continue
				}
				keys, unknown := c.setKeys(f.body, &t)
				if unknown {
					keys = append(keys, "*")
				}
				if keys = addKeys(nil, keys); len(keys) > 0 {
					nf.Params = append(nf.Params, spans.ParamKeys{Index: i, Keys: keys})
				}
			}
			if nf.empty() {
				continue
			}
			if old := c.local[f.fn]; old == nil || !reflect.DeepEqual(old, nf) {
				c.local[f.fn] = nf
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for fn, f := range c.local {
		c.pass.ExportObjectFact(fn, f)
	}
}

func addKeys(to, keys []string) []string {
	for _, k := range keys {
		if !slices.Contains(to, k) && len(to) < maxKeys {
			to = append(to, k)
		}
	}
	return to
}

func returnsSpan(sig *types.Signature) bool {
	for i := 0; i < sig.Results().Len(); i++ {
		if spans.IsSpan(sig.Results().At(i).Type()) {
			return true
		}
	}
	return false
}
