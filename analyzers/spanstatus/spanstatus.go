// Package spanstatus implements the spanstatus rule: an error path of a
// function holding a span must mark the span failed.
package spanstatus

import (
	"go/ast"
	"go/types"
	"strconv"

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
const Name = "spanstatus"

// Analyzer is the spanstatus rule with the default policy source: the
// analyzer's flags, $OBSCHECK_CONFIG or the nearest .obscheck.yaml (go vet,
// golangci-lint, nogo).
var Analyzer = New(nil)

// New returns the spanstatus rule reading each package's policy from src.
func New(src *policy.Source) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: Name,
		Doc: `report error paths that leave the span they hold unmarked

In a function that starts an OpenTelemetry span (tracer.Start, a
policy.span_starters function, any call returning a context with a
trace.Span), or that receives a span and ends it, every path from the start
that returns a non-nil error, or writes a 5xx HTTP status, must first call
span.SetStatus(codes.Error, ...) on that span, and set the
rules.spanstatus.error_code_key attribute when one is configured. The status
also counts when it is set by a deferred closure (from a named error
result), by a function of the module that marks the span or the context's
span it is given (known across packages), by a rules.spanstatus.status_helpers
function, or by code of another module the span is passed to.
span.RecordError alone does not count: it adds an event, the span stays
successful. Not error paths: returns of a variable known to be nil there,
of outcomes rather than failures (gRPC status errors with client-side codes,
echo/gin responses below 500, ctx.Err(), context.Canceled, io.EOF,
sql.ErrNoRows, rules.spanstatus.not_failures, and the module's functions and
variables giving only such errors, by fact), and paths after an explicit
span.End(). Spans
the function does not own are not judged: a span returned, stored, sent,
handed to a goroutine or to a closure that ends it, and the otelhttp/otelgrpc
server span a handler reads with trace.SpanFromContext (the middleware sets
its status from the response).`,
		URL:        "https://github.com/obscheck/obscheck/blob/main/docs/rules.md#spanstatus",
		Requires:   []*analysis.Analyzer{inspect.Analyzer, directives.New(src), eval.Analyzer},
		Run:        func(pass *analysis.Pass) (any, error) { return run(pass, src) },
		ResultType: report.ResultType,
		FactTypes:  []analysis.Fact{new(marksFact)},
	}
	policy.RegisterFlags(&a.Flags)
	return a
}

// checker is one pass of the rule.
type checker struct {
	pass    *analysis.Pass
	info    *types.Info
	locals  *eval.Locals
	r       *report.Reporter
	starts  funcname.Set // policy.span_starters
	helpers funcname.Set // rules.spanstatus.status_helpers
	key     string       // rules.spanstatus.error_code_key

	local       map[*types.Func]*marksFact // this package's functions, see facts.go
	clientVars  map[*types.Var]bool        // package variables holding an outcome error
	notFailures funcname.Set               // rules.spanstatus.not_failures
}

// fnBody is a function declaration or literal.
type fnBody struct {
	node ast.Node // *ast.FuncDecl or *ast.FuncLit
	sig  *types.Signature
	body *ast.BlockStmt
}

func run(pass *analysis.Pass, src *policy.Source) (any, error) {
	r, pol, err := report.Begin(pass, Name, src)
	if r == nil {
		return report.Disabled(Name), err
	}
	if pass.Pkg == nil || pass.TypesInfo == nil || apis.IsLibrary(pass.Pkg.Path()) {
		return r.Result(), nil
	}
	ins, _ := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	locals, _ := pass.ResultOf[eval.Analyzer].(*eval.Locals)
	if ins == nil {
		return r.Result(), nil
	}
	opts := pol.Rules.SpanStatus
	c := &checker{
		pass: pass, info: pass.TypesInfo, locals: locals, r: r,
		starts:  funcname.NewSet(pol.Policy.SpanStarters),
		helpers: funcname.NewSet(opts.StatusHelpers),
		key:     opts.ErrorCodeKey,
		local:   map[*types.Func]*marksFact{},

		clientVars:  map[*types.Var]bool{},
		notFailures: funcname.NewSet(opts.NotFailures),
	}
	holds := spans.UsesSpans(pass.TypesInfo)
	if !holds && !c.mayGiveOutcomes() {
		return r.Result(), nil // no span, and no error wrapper for those that have one
	}
	var fns []fnBody
	ins.Preorder([]ast.Node{(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)}, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body == nil {
				return
			}
			if fn, ok := c.info.Defs[n.Name].(*types.Func); ok {
				fns = append(fns, fnBody{n, fn.Type().(*types.Signature), n.Body})
			}
		case *ast.FuncLit:
			if sig, ok := c.info.TypeOf(n).(*types.Signature); ok {
				fns = append(fns, fnBody{n, sig, n.Body})
			}
		}
	})
	if !holds {
		c.computeClients(fns)
		c.exportFacts()
		return r.Result(), nil
	}
	c.computeFacts(fns)
	for _, f := range fns {
		if r.Skip(f.body.Pos()) {
			continue
		}
		c.checkFunc(f)
	}
	return r.Result(), nil
}

// mayGiveOutcomes reports whether the package uses an error constructor
// or value of the tables, or a function or variable of the module known to
// give only outcomes: it may wrap them for others (computeClients).
func (c *checker) mayGiveOutcomes() bool {
	for _, obj := range c.info.Uses {
		switch o := obj.(type) {
		case *types.Func:
			name := funcname.Of(o)
			if _, ok := traceapi.ErrorValues[name]; ok {
				return true
			}
			if o.Pkg() != nil && o.Pkg() != c.pass.Pkg && spans.SameModule(c.pass, o.Pkg()) && !apis.IsLibrary(o.Pkg().Path()) {
				if f := c.factOf(o); f != nil && f.Client {
					return true
				}
			}
		case *types.Var:
			if o.Pkg() != nil && o.Parent() == o.Pkg().Scope() && o.Pkg() != c.pass.Pkg && c.outcomeVar(o) {
				return true
			}
		}
	}
	return false
}

// held is a span a function is responsible for.
type held struct {
	target spans.Target
	at     ast.Node // the start call, or the function for a span parameter
	name   string   // the span's name when constant, for messages
	param  bool
}

// checkFunc judges the error paths of one function.
func (c *checker) checkFunc(f fnBody) {
	var hs []*held
	// Spans started in the function's own body (not in nested literals,
	// which are functions of their own).
	ast.Inspect(f.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 {
				hs = c.startAssign(n.Lhs, n.Rhs[0], hs)
			}
		case *ast.ValueSpec:
			if len(n.Values) == 1 {
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				hs = c.startAssign(lhs, n.Values[0], hs)
			}
		}
		return true
	})
	// Span parameters the function ends: handed to it to finish.
	for i := 0; i < f.sig.Params().Len(); i++ {
		if p := f.sig.Params().At(i); spans.IsSpan(p.Type()) && c.ends(f.body, p) {
			hs = append(hs, &held{target: spans.Target{Span: p}, at: f.node, name: "the span handed in as " + p.Name(), param: true})
		}
	}
	if len(hs) == 0 {
		return
	}
	fl := newFlow(c, f)
	for _, h := range hs {
		if c.handedOff(f.body, h) {
			continue
		}
		fl.check(h)
	}
}

// startAssign records the span an assignment of a span start holds.
func (c *checker) startAssign(lhs []ast.Expr, rhs ast.Expr, hs []*held) []*held {
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok {
		return hs
	}
	st, ok := spans.StartOf(c.info, call, c.starts)
	if !ok || st.Span >= len(lhs) {
		return hs
	}
	span := c.varOf(lhs[st.Span])
	if span == nil {
		return hs // discarded: nothing can mark it
	}
	h := &held{target: spans.Target{Span: span}, at: call, name: "the span held in " + span.Name()}
	if st.Ctx >= 0 && st.Ctx < len(lhs) {
		h.target.Ctx = c.varOf(lhs[st.Ctx])
	}
	if len(call.Args) >= 2 {
		if s, ok := eval.String(c.info, call.Args[1]); ok && s != "" {
			h.name = "span " + strconv.Quote(s)
		}
	}
	return append(hs, h)
}

func (c *checker) varOf(e ast.Expr) *types.Var { return spans.VarOf(c.info, e) }

// ends reports whether body calls End on v (directly, deferred, or in a
// closure).
func (c *checker) ends(body ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found {
			if m, recv := spans.Method(c.info, call); m == traceapi.End && isVar(c.info, recv, v) {
				found = true
			}
		}
		return !found
	})
	return found
}

func isVar(info *types.Info, e ast.Expr, v *types.Var) bool { return spans.IsVar(info, e, v) }

// handedOff reports whether the function gives the span to another owner,
// which then answers for its status: it returns or stores the span (or,
// never ending it itself, the context carrying it), sends it, hands it to a
// goroutine, or to a closure that ends it and is not deferred.
func (c *checker) handedOff(body *ast.BlockStmt, h *held) bool {
	v, ctx := h.target.Span, h.target.Ctx
	endsItself := h.param || c.endsOutsideClosures(body, v)
	off := false
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if off {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj := c.info.Uses[id]
		switch {
		case obj == v:
			off = c.escapes(stack, v, true)
		case ctx != nil && obj == ctx && !endsItself:
			off = c.escapes(stack, v, false)
		}
		return true
	})
	return off
}

// endsOutsideClosures reports whether the function ends v itself: a call
// or defer of v.End() not inside a function literal other than a deferred
// or immediately called one.
func (c *checker) endsOutsideClosures(body *ast.BlockStmt, v *types.Var) bool {
	found := false
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			if found {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
					walk(lit.Body) // defer func() { ...; span.End() }()
				}
				if m, recv := spans.Method(c.info, n); m == traceapi.End && isVar(c.info, recv, v) {
					found = true
				}
			}
			return true
		})
	}
	walk(body)
	return found
}

// escapes judges one use of the span (or of its context: isSpan false),
// the last node of stack.
func (c *checker) escapes(stack []ast.Node, v *types.Var, isSpan bool) bool {
	// A closure using the span takes it over if it runs as a goroutine,
	// or if it ends the span and is not called at once (deferred or not).
	for i := len(stack) - 2; i > 0 && isSpan; i-- {
		lit, ok := stack[i].(*ast.FuncLit)
		if !ok {
			continue
		}
		if call, ok := stack[i-1].(*ast.CallExpr); ok && call.Fun == lit {
			if _, async := stack[max(i-2, 0)].(*ast.GoStmt); async {
				return true
			}
			continue
		}
		if c.ends(lit.Body, v) {
			return true
		}
	}
	use := stack[len(stack)-1].(ast.Expr)
	for i := len(stack) - 2; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr, *ast.StarExpr, *ast.UnaryExpr: // (span), &span
			use = p.(ast.Expr)
		case *ast.ReturnStmt, *ast.SendStmt, *ast.CompositeLit, *ast.KeyValueExpr, *ast.GoStmt:
			return true
		case *ast.AssignStmt:
			for j, r := range p.Rhs {
				if r == use && j < len(p.Lhs) {
					if _, local := ast.Unparen(p.Lhs[j]).(*ast.Ident); !local {
						return true // x.span = span, spans[i] = span
					}
				}
			}
			return false
		case *ast.CallExpr:
			if id, ok := ast.Unparen(p.Fun).(*ast.Ident); ok && id.Name == "append" && use != p.Fun {
				if _, builtin := c.info.Uses[id].(*types.Builtin); builtin {
					return true
				}
			}
			return false
		default:
			return false // span.End(), ctx.Done(), a statement
		}
	}
	return false
}

// errorType is the predeclared error interface.
var errorType = types.Universe.Lookup("error").Type()

// relatedStart is the related location of a finding: where the span
// started (or, for a span parameter, the function).
func relatedStart(h *held) []analysis.RelatedInformation {
	if h.param {
		return report.RelatedHere(h.at.Pos(), "the span is handed to this function to finish")
	}
	return report.RelatedHere(h.at.Pos(), "the span starts here")
}
