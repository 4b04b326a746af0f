package sanitizeboundary

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
	"golang.org/x/tools/go/analysis"
)

// --- discarded sanitizer results ---

// exprStmt: Sanitize(req) as a statement. When the sanitizer returns a
// copy, the original unsanitized value is what the code goes on using.
// When it works in place (a pointer operand and no result, or a result
// that is the operand itself), the operand is sanitized from here on.
func (c *checker) exprStmt(es *ast.ExprStmt) {
	call, fn, operand, ok := c.sanitizerCall(es.X)
	if !ok {
		return
	}
	if c.returnsCopy(call, fn, operand) {
		c.report(call.Pos(), "the result of sanitizer %s is discarded, so %s stays unsanitized for the code that follows; use the returned value (x = %s(...)) and log that",
			fn.Name(), operandText(operand), fn.Name())
		return
	}
	if v := c.localVar(rootIdent(operand)); v != nil {
		delete(c.taint, v)
		c.clean[v] = true
		c.cleanBy[v] = fn
	}
}

// sanitizerCall reports whether e calls a sanitizer, and with which operand.
func (c *checker) sanitizerCall(e ast.Expr) (*ast.CallExpr, *types.Func, ast.Expr, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil, nil, nil, false
	}
	fn := funcname.Callee(c.info, call)
	if fn == nil || !c.isSanitizer(fn) {
		return nil, nil, nil, false
	}
	return call, fn, sanitizerOperand(call, fn), true
}

// discardedBlank: _ = req.Sanitize().
func (c *checker) discardedBlank(as *ast.AssignStmt) {
	if len(as.Rhs) != 1 {
		return
	}
	for _, l := range as.Lhs {
		if id, ok := l.(*ast.Ident); !ok || id.Name != "_" {
			return
		}
	}
	call, fn, operand, ok := c.sanitizerCall(as.Rhs[0])
	if ok && c.returnsCopy(call, fn, operand) {
		c.report(call.Pos(), "the result of sanitizer %s is assigned to _, so %s stays unsanitized; keep the returned value and log that instead",
			fn.Name(), operandText(operand))
	}
}

// sanitizerOperand is what a sanitizer sanitizes: the receiver of a
// method, else the first argument.
func sanitizerOperand(call *ast.CallExpr, fn *types.Func) ast.Expr {
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return sel.X
		}
		return nil
	}
	if len(call.Args) > 0 {
		return call.Args[0]
	}
	return nil
}

func operandText(e ast.Expr) string {
	if e == nil {
		return "the value"
	}
	return exprString(e)
}

// returnsCopy reports whether a sanitizer call certainly returns a
// sanitized copy rather than working in place. The result that counts is
// one of the operand's own type or a string. For a value operand (a
// string, a struct) such a result is a copy. For a reference (pointer,
// map, slice) a string result is a rendering, hence a copy; a result of the
// operand's type is a copy only if the sanitizer, declared in this
// package, never returns the operand itself.
func (c *checker) returnsCopy(call *ast.CallExpr, fn *types.Func, operand ast.Expr) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || operand == nil {
		return false
	}
	if !variable(operand) {
		return false // Sanitize("pw"), Sanitize(f()): nothing unsanitized stays behind
	}
	opT := c.typeOf(operand)
	if recv := sig.Recv(); recv != nil && !isRef(recv.Type()) {
		// A value receiver cannot change the caller's value, even when
		// called through a pointer: the result is a copy.
		opT = recv.Type()
	}
	if opT == nil {
		return false
	}
	same, str := false, false
	for i := 0; i < sig.Results().Len(); i++ {
		rt := sig.Results().At(i).Type()
		if isError(rt) {
			continue
		}
		if rt2 := c.resultType(call, i); rt2 != nil {
			rt = rt2 // the instantiated type of a generic sanitizer
		}
		switch {
		case types.Identical(rt, opT):
			same = true
		case stringish(rt):
			str = true
		}
	}
	if isRef(opT) {
		if same {
			decl := c.declOf(fn)
			return decl != nil && decl.Body != nil && !returnsParam(c.info, decl, sig)
		}
		return str
	}
	return same || str
}

// isRef: a type through which a callee can change the caller's data.
func isRef(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Map, *types.Slice, *types.Chan, *types.Interface, *types.TypeParam:
		return true
	}
	_, ok := t.(*types.TypeParam)
	return ok
}

// resultType is the type of the call's i-th result as instantiated.
func (c *checker) resultType(call *ast.CallExpr, i int) types.Type {
	t := c.typeOf(call)
	if t == nil {
		return nil
	}
	if tup, ok := t.(*types.Tuple); ok {
		if i < tup.Len() {
			return tup.At(i).Type()
		}
		return nil
	}
	if i == 0 {
		return t
	}
	return nil
}

// variable: an expression naming storage the code can use again.
func variable(e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x.Name != "_" && x.Name != "nil"
	case *ast.SelectorExpr:
		return variable(x.X) || isIdent(x.X)
	case *ast.IndexExpr:
		return variable(x.X)
	case *ast.StarExpr:
		return variable(x.X)
	case *ast.UnaryExpr:
		return x.Op.String() == "&" && variable(x.X)
	}
	return false
}

func isIdent(e ast.Expr) bool { _, ok := ast.Unparen(e).(*ast.Ident); return ok }

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// declOf finds fn's declaration among the package's files.
func (c *checker) declOf(fn *types.Func) *ast.FuncDecl {
	if fn.Pkg() != c.pass.Pkg {
		return nil
	}
	for _, f := range c.pass.Files {
		if f.Pos() > fn.Pos() || fn.Pos() >= f.End() {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name != nil && fd.Name.Pos() == fn.Origin().Pos() {
				return fd
			}
		}
	}
	return nil
}

// returnsParam: does the body return the receiver (or first parameter)
// itself, as in-place sanitizers that allow chaining do?
func returnsParam(info *types.Info, fd *ast.FuncDecl, sig *types.Signature) bool {
	var p *types.Var
	if sig.Recv() != nil {
		p = sig.Recv()
	} else if sig.Params().Len() > 0 {
		p = sig.Params().At(0)
	}
	if p == nil {
		return false
	}
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		ret, ok := n.(*ast.ReturnStmt)
		if !ok {
			return true
		}
		for _, r := range ret.Results {
			if id, ok := ast.Unparen(r).(*ast.Ident); ok {
				if obj, ok := info.Uses[id].(*types.Var); ok && obj.Origin() == p.Origin() {
					found = true
				}
			}
		}
		return true
	})
	return found
}

func rootIdent(e ast.Expr) ast.Expr {
	for e != nil {
		switch x := ast.Unparen(e).(type) {
		case *ast.UnaryExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			return x
		default:
			return nil
		}
	}
	return nil
}

// --- inside sanitizers: blank with the marker ---

// blanking: inside a sanitizer, req.Password = "***" (or "", or nil) is
// reported; the policy's marker keeps the structure operators rely on.
func (c *checker) blanking(as *ast.AssignStmt, stack []ast.Node) {
	fd := c.inSanitizer(stack)
	if fd == nil || len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, l := range as.Lhs {
		what := c.sensitiveSlot(l)
		if what == "" {
			continue
		}
		c.blankReport(fd, what, as.Rhs[i])
	}
}

// compositeBlanking: inside a sanitizer, User{Password: ""} or
// map[string]string{"password": "***"}.
func (c *checker) compositeBlanking(cl *ast.CompositeLit, stack []ast.Node) {
	fd := c.inSanitizer(stack)
	if fd == nil {
		return
	}
	t := c.typeOf(cl)
	if t == nil {
		return
	}
	for _, elt := range cl.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		what := ""
		switch u := t.Underlying().(type) {
		case *types.Struct:
			if id, ok := kv.Key.(*ast.Ident); ok {
				if f, ok := c.info.Uses[id].(*types.Var); ok && f.IsField() && stringish(f.Type()) {
					if _, ok := c.keys.Match(f.Name()); ok {
						what = "field " + f.Name()
					}
				}
			}
		case *types.Map:
			if k, ok := eval.String(c.info, kv.Key); ok && stringish(u.Elem()) {
				if _, ok := c.keys.Match(k); ok {
					what = fmt.Sprintf("key %q", k)
				}
			}
		}
		if what == "" {
			continue
		}
		c.blankReport(fd, what, kv.Value)
	}
	c.omitted(fd, cl, t)
}

// omitted: inside a sanitizer, a keyed literal of the type the sanitizer
// returns that leaves out a sensitive field (return User{Name: u.Name})
// omits it: the copy shows no field, or an empty one, where operators
// expect the marker.
func (c *checker) omitted(fd *ast.FuncDecl, cl *ast.CompositeLit, t types.Type) {
	st, ok := t.Underlying().(*types.Struct)
	if !ok || len(cl.Elts) == 0 || !c.returnsType(fd, t) {
		return
	}
	set := map[string]bool{}
	for _, elt := range cl.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return // positional: every field is set
		}
		if id, ok := kv.Key.(*ast.Ident); ok {
			set[id.Name] = true
		}
	}
	var missing []string
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if set[f.Name()] || !stringish(f.Type()) || reflectTag(st.Tag(i), "json") == "-" {
			continue
		}
		if !f.Exported() && f.Pkg() != c.pass.Pkg {
			continue
		}
		if _, ok := c.keys.Match(f.Name()); ok {
			missing = append(missing, f.Name())
		}
	}
	if len(missing) == 0 {
		return
	}
	noun := "field"
	if len(missing) > 1 {
		noun = "fields"
	}
	c.markerFinding(fd, analysis.Diagnostic{Pos: cl.Pos(), Message: fmt.Sprintf("sanitizer %s omits sensitive %s %s from the copy it builds: an omitted value breaks the structure operators rely on; set %s to the redaction marker %q",
		fd.Name.Name, noun, strings.Join(missing, ", "), map[bool]string{true: "them", false: "it"}[len(missing) > 1], c.marker)})
}

// returnsType: one of fd's results is t (or a pointer to t).
func (c *checker) returnsType(fd *ast.FuncDecl, t types.Type) bool {
	fn, _ := c.info.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return false
	}
	for i := 0; i < sig.Results().Len(); i++ {
		rt := sig.Results().At(i).Type()
		if p, ok := rt.(*types.Pointer); ok {
			rt = p.Elem()
		}
		if types.Identical(rt, t) {
			return true
		}
	}
	return false
}

// deleteInSanitizer: delete(m, "password") inside a sanitizer omits the key.
func (c *checker) deleteInSanitizer(call *ast.CallExpr, stack []ast.Node) {
	fd := c.inSanitizer(stack)
	if fd == nil || len(call.Args) != 2 {
		return
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return
	}
	if b, ok := c.info.Uses[id].(*types.Builtin); !ok || b.Name() != "delete" {
		return
	}
	k, ok := eval.String(c.info, call.Args[1])
	if !ok {
		return
	}
	if _, ok := c.keys.Match(k); !ok {
		return
	}
	c.markerFinding(fd, analysis.Diagnostic{Pos: call.Pos(), Message: fmt.Sprintf("sanitizer %s deletes sensitive key %q instead of writing the redaction marker %q: an omitted value breaks the structure operators rely on; set it to the marker",
		fd.Name.Name, k, c.marker)})
}

// sensitiveSlot: the assignment target is a sensitive field or map entry.
func (c *checker) sensitiveSlot(l ast.Expr) string {
	switch l := ast.Unparen(l).(type) {
	case *ast.SelectorExpr:
		sel := c.info.Selections[l]
		if sel == nil || sel.Kind() != types.FieldVal {
			return ""
		}
		f, _ := sel.Obj().(*types.Var)
		if f == nil || !stringish(f.Type()) {
			return ""
		}
		if _, ok := c.keys.Match(f.Name()); ok {
			return "field " + f.Name()
		}
	case *ast.IndexExpr:
		t := c.typeOf(l.X)
		if t == nil {
			return ""
		}
		if m, ok := t.Underlying().(*types.Map); !ok || !stringish(m.Elem()) {
			return ""
		}
		if k, ok := eval.String(c.info, l.Index); ok {
			if _, ok := c.keys.Match(k); ok {
				return fmt.Sprintf("key %q", k)
			}
		}
	}
	return ""
}

// notMarker: the value is a constant other than the marker, nil, or
// strings.Repeat (a "***" mask of the same length). fix is the node a
// suggested fix may replace with the marker: a string literal (nil
// otherwise: a named constant may be meant, a call may hold the only use
// of an import).
func (c *checker) notMarker(e ast.Expr) (bad bool, shown string, fix ast.Expr) {
	e = ast.Unparen(e)
	if tv, ok := c.info.Types[e]; ok && tv.IsNil() {
		return true, "nil", nil
	}
	if call, ok := e.(*ast.CallExpr); ok {
		if tv, ok := c.info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
			return c.notMarker(call.Args[0]) // []byte("...")
		}
		if funcname.CalleeName(c.info, call) == "strings.Repeat" {
			return true, "a strings.Repeat mask", nil // a fix could orphan the strings import
		}
		return false, "", nil
	}
	if s, ok := eval.String(c.info, e); ok {
		if s == c.marker {
			return false, "", nil
		}
		if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			fix = lit
		}
		if s == "" {
			return true, `""`, fix
		}
		return true, fmt.Sprintf("%q", s), fix
	}
	return false, "", nil
}

// blankReport reports a sensitive slot blanked with something other than
// the marker, with a fix writing the marker when that is purely textual.
func (c *checker) blankReport(fd *ast.FuncDecl, what string, val ast.Expr) {
	bad, shown, fix := c.notMarker(val)
	if !bad {
		return
	}
	d := analysis.Diagnostic{
		Pos: val.Pos(),
		Message: fmt.Sprintf("sanitizer %s blanks %s with %s instead of the redaction marker %q: an omitted or masked value breaks the structure operators rely on; write the marker (rules.sanitizeboundary.marker)",
			fd.Name.Name, what, shown, c.marker),
	}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "write the redaction marker " + strconv.Quote(c.marker),
			TextEdits: []analysis.TextEdit{{Pos: fix.Pos(), End: fix.End(), NewText: []byte(strconv.Quote(c.marker))}},
		}}
	}
	c.markerFinding(fd, d)
}

// markerFinding reports d, a marker finding inside sanitizer fd, unless
// fd may not be a log sanitizer: an unexported function found by its name
// (not listed in policy.sanitizers) that this package, the only one that
// can call it, never uses on a value reaching a sink. Such a sanitize*
// function strips a secret from an API response, not from the logs. Its
// findings wait for the end of the pass (sinks may come later).
func (c *checker) markerFinding(fd *ast.FuncDecl, d analysis.Diagnostic) {
	if c.reported[d.Pos] {
		return
	}
	c.reported[d.Pos] = true
	fn, _ := c.info.Defs[fd.Name].(*types.Func)
	if fn == nil || fn.Exported() || c.sanitizers[funcname.Of(fn)] {
		c.r.Report(d)
		return
	}
	c.pendingMarker = append(c.pendingMarker, pendingFinding{fn, d})
}

type pendingFinding struct {
	fn *types.Func
	d  analysis.Diagnostic
}

// feedsSink notes the sanitizers whose results make up e, a value
// reaching a sink: directly (log(sanitize(x))) or through a local they
// cleaned.
func (c *checker) feedsSink(e ast.Expr) {
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if fn := funcname.Callee(c.info, n); fn != nil && c.isSanitizer(fn) {
				c.atSink[fn] = true
			}
		case *ast.Ident:
			if v, ok := c.info.Uses[n].(*types.Var); ok && c.cleanBy[v] != nil {
				c.atSink[c.cleanBy[v]] = true
			}
		}
		return true
	})
}

// flushMarker reports the marker findings of the sanitizers that fed a sink.
func (c *checker) flushMarker() {
	for _, p := range c.pendingMarker {
		if c.atSink[p.fn] {
			c.r.Report(p.d)
		}
	}
}
