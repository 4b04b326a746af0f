package sanitizeboundary

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/logapi"
	"github.com/obscheck/obscheck/internal/apis/sensitive"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
)

// origin describes where a sensitive value comes from, for messages.
type origin struct {
	desc string // the source: `req.Password (field Password matches ...)`, "the Authorization header (...)"
	// indirect: the value reaches the sink through a local or a derivation,
	// so the message names the sink's expression and what it carries.
	indirect bool
	// key is the policy key the source matched by name, "" for sources
	// that are credentials whatever the policy (headers, cookies).
	key string
}

// maxDepth is how many struct levels a whole-struct search descends.
const maxDepth = 3

// --- sensitive values ---

// sens reports whether e holds a sensitive value, and where it comes from.
// It follows the local data flow recorded in c.taint, field reads, request
// credentials, and the propagators (formatting, concatenation, encoding).
func (c *checker) sens(e ast.Expr) *origin {
	return c.sensDepth(e, 0)
}

func (c *checker) sensDepth(e ast.Expr, depth int) *origin {
	if e == nil || depth > 12 {
		return nil
	}
	e = ast.Unparen(e)
	tv, ok := c.info.Types[e]
	if ok && tv.Value != nil {
		return nil // a constant
	}
	if ok && tv.Type != nil && !carrier(tv.Type) {
		return nil // bool or number: a size, a comparison, a count
	}
	switch e := e.(type) {
	case *ast.Ident:
		v, _ := c.info.Uses[e].(*types.Var)
		return c.sensVar(v, e.Name)
	case *ast.SelectorExpr:
		sel := c.info.Selections[e]
		if sel == nil {
			// A qualified identifier: pkg.Var.
			v, _ := c.info.Uses[e.Sel].(*types.Var)
			return c.sensVar(v, exprString(e))
		}
		if sel.Kind() != types.FieldVal {
			return nil
		}
		field, _ := sel.Obj().(*types.Var)
		if field == nil {
			return nil
		}
		if c.sanitizedBase(e.X) {
			return nil // a field of a sanitized copy
		}
		if base := c.sensDepth(e.X, depth+1); base != nil {
			if secretField(sel.Recv(), field.Name()) {
				return &origin{desc: "the " + field.Name() + " of " + base.desc, indirect: true}
			}
		}
		if what, ok := sensitive.CredentialFields[typeName(sel.Recv())][field.Name()]; ok {
			return &origin{desc: exprString(e) + " (" + what + ")"}
		}
		if what, ok := sensitive.SecretObjects[typeShort(derefType(sel.Recv()))][field.Name()]; ok {
			return &origin{desc: exprString(e) + " (" + what + ")"}
		}
		if sensitive.PublicFields[typeName(sel.Recv())][field.Name()] {
			return nil
		}
		if key, ok := c.keys.Match(field.Name()); ok && stringish(field.Type()) && !renders(field.Type(), false) && !c.namesCredential(e) {
			return &origin{desc: fmt.Sprintf("%s (field %s matches sensitive key %q)", exprString(e), field.Name(), key), key: key}
		}
		return nil
	case *ast.CallExpr:
		return c.sensCall(e, depth)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return nil
		}
		if o := c.sensDepth(e.X, depth+1); o != nil {
			return derived(o)
		}
		if o := c.sensDepth(e.Y, depth+1); o != nil {
			return derived(o)
		}
	case *ast.IndexExpr:
		if t := c.typeOf(e.X); t != nil {
			if _, ok := sensitive.KeyedMaps[typeName(t)]; ok {
				return c.keyedIndex(e) // one header or parameter: judged by its name
			}
		}
		if o := c.keyedIndex(e); o != nil {
			return o
		}
		return c.sensDepth(e.X, depth+1)
	case *ast.SliceExpr:
		// tok[:4] keeps a constant-size prefix: a deliberate partial mask.
		if e.High != nil && isConst(c.info, e.High) && (e.Low == nil || isConst(c.info, e.Low)) {
			return nil
		}
		return c.sensDepth(e.X, depth+1)
	case *ast.StarExpr:
		return c.sensDepth(e.X, depth+1)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return c.sensDepth(e.X, depth+1)
		}
	case *ast.TypeAssertExpr:
		return c.sensDepth(e.X, depth+1)
	}
	return nil
}

func derived(o *origin) *origin {
	return &origin{desc: o.desc, indirect: true, key: o.key}
}

// sensVar: a local recorded as holding a sensitive value, or a variable
// whose own name is a sensitive key (password, email) and holds a string.
func (c *checker) sensVar(v *types.Var, spelled string) *origin {
	if v == nil || c.clean[v] {
		return nil
	}
	if o := c.taint[v]; o != nil {
		return &origin{desc: o.desc, indirect: true, key: o.key}
	}
	if v.IsField() {
		return nil
	}
	if key, ok := c.keys.Match(v.Name()); ok && stringish(v.Type()) && !renders(v.Type(), false) && !c.nameVars[v] {
		return &origin{desc: fmt.Sprintf("%s (named like sensitive key %q)", spelled, key), key: key}
	}
	return nil
}

func (c *checker) sensCall(call *ast.CallExpr, depth int) *origin {
	if tv, ok := c.info.Types[call.Fun]; ok && tv.IsType() {
		if len(call.Args) == 1 { // conversion: string(b), []byte(s), Token(s)
			return c.sensDepth(call.Args[0], depth+1)
		}
		return nil
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := c.info.Uses[id].(*types.Builtin); ok {
			if b.Name() == "append" {
				for _, a := range call.Args {
					if o := c.sensDepth(a, depth+1); o != nil {
						return o
					}
				}
			}
			return nil
		}
	}
	fn := funcname.Callee(c.info, call)
	if fn == nil {
		return nil
	}
	name := funcname.Of(fn)
	if c.isSanitizer(fn) || isSize(fn, name) {
		return nil
	}
	if c.sources[name] {
		return &origin{desc: "the result of " + shortName(name) + " (rules.sanitizeboundary.sources)"}
	}
	if cr, ok := sensitive.Credentials[name]; ok && cr.Result == 0 {
		return &origin{desc: cr.What + " (" + exprString(call) + ")"}
	}
	if ka, ok := sensitive.KeyedGetters[name]; ok {
		return c.keyedGet(ka.Kind, call.Args, ka.Arg, call)
	}
	if p, ok := sensitive.Propagators[name]; ok {
		if p.Recv {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				if o := c.sensDepth(sel.X, depth+1); o != nil {
					return derived(o)
				}
			}
			return nil
		}
		return c.propagate(call, p, depth)
	}
	// Methods that render their receiver: tok.String(), err.Error().
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if o := c.getter(call, fn, sel); o != nil {
			return o
		}
		switch fn.Name() {
		case "String", "Error", "Bytes":
			if o := c.sensDepth(sel.X, depth+1); o != nil {
				return derived(o)
			}
		}
	}
	return nil
}

// getter: a proto-style accessor of a sensitive field, req.GetPassword().
func (c *checker) getter(call *ast.CallExpr, fn *types.Func, sel *ast.SelectorExpr) *origin {
	field, ok := strings.CutPrefix(fn.Name(), "Get")
	if !ok || field == "" || len(call.Args) != 0 || c.sanitizedBase(sel.X) {
		return nil
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || sig.Results().Len() != 1 {
		return nil
	}
	t := sig.Results().At(0).Type()
	if !stringish(t) || renders(t, false) {
		return nil
	}
	if key, ok := c.keys.Match(field); ok {
		return &origin{desc: fmt.Sprintf("%s (getter of field %s, which matches sensitive key %q)", exprString(call), field, key), key: key}
	}
	return nil
}

// propagate: the result of a formatting or string function is sensitive if
// an argument reaching it is, or if it formats a whole struct that has a
// sensitive field with %v.
func (c *checker) propagate(call *ast.CallExpr, p sensitive.Propagator, depth int) *origin {
	var verbs []byte
	if p.Format >= 0 && p.Format < len(call.Args) {
		if f, ok := eval.String(c.info, call.Args[p.Format]); ok {
			verbs = parseVerbs(f)
		}
	}
	for i, a := range call.Args {
		if i == p.Format {
			continue
		}
		if p.Only != nil && !containsInt(p.Only, i) {
			continue
		}
		verb := byte('v')
		if p.Format >= 0 && verbs != nil {
			j := i - p.Format - 1
			if j >= 0 && j < len(verbs) {
				verb = verbs[j]
			}
		}
		if verb == 'T' || verb == 'p' {
			continue
		}
		if o := c.sensDepth(a, depth+1); o != nil {
			return derived(o)
		}
		if verb == 'v' || verb == 's' || verb == 'q' || verb == 'V' {
			if path, typ := c.structLeak(a, true, true); path != "" {
				return &origin{desc: fmt.Sprintf("%s formatted whole (type %s, sensitive field %s)", exprString(a), typ, path), indirect: true}
			}
		}
	}
	return nil
}

// parseVerbs returns the verb of each operand of a printf format, in
// order; 'V' stands for %+v/%#v. It returns nil when the format uses
// explicit argument indexes (then every operand is treated as %v).
func parseVerbs(f string) []byte {
	var out []byte
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		plus := false
		for i < len(f) && strings.IndexByte("+-# 0123456789.*", f[i]) >= 0 {
			if f[i] == '+' || f[i] == '#' {
				plus = true
			}
			if f[i] == '*' {
				out = append(out, 'd')
			}
			i++
		}
		if i >= len(f) {
			break
		}
		switch v := f[i]; v {
		case '%':
		case '[':
			return nil
		default:
			if v == 'v' && plus {
				v = 'V'
			}
			out = append(out, v)
		}
	}
	return out
}

// keyedGet: a header or parameter read by name is a credential when the
// name is a credential header or a token-like parameter.
func (c *checker) keyedGet(kind string, args []ast.Expr, idx int, at ast.Expr) *origin {
	if kind == "cookie" {
		return &origin{desc: "a request cookie (" + exprString(at) + ")"}
	}
	if idx >= len(args) {
		return nil
	}
	key, ok := eval.String(c.info, args[idx])
	if !ok {
		return nil
	}
	return c.credentialKey(kind, key, at)
}

func (c *checker) credentialKey(kind, key string, at ast.Expr) *origin {
	switch kind {
	case "header":
		if _, ok := sensitive.CredentialHeaders.Match(key); ok {
			return &origin{desc: fmt.Sprintf("the %s header (%s)", key, exprString(at))}
		}
	case "param":
		_, tok := sensitive.TokenParams.Match(key)
		_, pol := c.keys.Match(key)
		if tok || pol {
			return &origin{desc: fmt.Sprintf("the %q parameter (%s)", key, exprString(at))}
		}
	}
	return nil
}

// keyedIndex: r.Header["Authorization"], q["token"], and m["password"] on
// any map keyed by strings.
func (c *checker) keyedIndex(e *ast.IndexExpr) *origin {
	t := c.typeOf(e.X)
	if t == nil {
		return nil
	}
	key, ok := eval.String(c.info, e.Index)
	if !ok {
		return nil
	}
	if kind, ok := sensitive.KeyedMaps[typeName(t)]; ok {
		return c.credentialKey(kind, key, e)
	}
	if m, ok := t.Underlying().(*types.Map); ok && stringish(m.Elem()) {
		if k, ok := c.keys.Match(key); ok {
			return &origin{desc: fmt.Sprintf("%s (sensitive key %q)", exprString(e), k), key: k}
		}
	}
	return nil
}

// sanitizedBase: e is, or is a field of, a sanitizer's result or a local
// holding one.
func (c *checker) sanitizedBase(e ast.Expr) bool {
	for i := 0; i < 8 && e != nil; i++ {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := c.info.Uses[x].(*types.Var)
			return v != nil && c.clean[v]
		case *ast.CallExpr:
			fn := funcname.Callee(c.info, x)
			return fn != nil && c.isSanitizer(fn)
		case *ast.SelectorExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return false
		}
	}
	return false
}

// safe reports whether e is known to hold no sensitive content: a
// constant, a sanitizer's, size or hash function's result, a bool or a
// number, a type that renders itself, a local holding a sanitized value,
// or a formatting of only such values.
func (c *checker) safe(e ast.Expr, depth int) bool {
	if e == nil || depth > 8 {
		return false
	}
	e = ast.Unparen(e)
	tv, ok := c.info.Types[e]
	if ok && (tv.Value != nil || tv.IsNil()) {
		return true
	}
	if ok && tv.Type != nil && (!carrier(tv.Type) || c.safeType(tv.Type)) {
		return true // an error describes a failure; a tainted one is caught by sens
	}
	switch e := e.(type) {
	case *ast.Ident:
		v, _ := c.info.Uses[e].(*types.Var)
		return v != nil && c.clean[v]
	case *ast.CallExpr:
		if tv, ok := c.info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return c.safe(e.Args[0], depth+1)
		}
		fn := funcname.Callee(c.info, e)
		if fn == nil {
			return false
		}
		name := funcname.Of(fn)
		if c.isSanitizer(fn) || isSize(fn, name) {
			return true
		}
		if p, ok := sensitive.Propagators[name]; ok && !p.Recv {
			for i, a := range e.Args {
				if i != p.Format && !c.safe(a, depth+1) {
					return false
				}
			}
			return true
		}
	case *ast.BinaryExpr:
		return c.safe(e.X, depth+1) && c.safe(e.Y, depth+1)
	}
	return false
}

// safeType reports whether values of type t are safe whatever they hold:
// they render themselves, or they are errors. Memoized: safe asks it for
// most assignments, and each answer takes several method-set lookups.
func (c *checker) safeType(t types.Type) bool {
	r, ok := c.safeTypes[t]
	if !ok {
		r = renders(t, false) || isErrorType(t)
		c.safeTypes[t] = r
	}
	return r
}

var errorIface = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

func isErrorType(t types.Type) bool { return types.Implements(t, errorIface) }

// isSize: len, hashes, digests.
func isSize(fn *types.Func, name string) bool {
	return sensitive.Size[name] || sensitive.HasNamePrefix(fn.Name(), sensitive.HashPrefixes, true)
}

// --- whole structs ---

// structLeak reports whether e is a struct (or pointer, slice, array, map
// of structs) that would be rendered field by field and has a sensitive
// field within maxDepth levels; it returns the field path and the type.
// stringer says the renderer honors fmt.Stringer (fmt, zap.Any);
// unexported says it prints unexported fields too (fmt's %v).
func (c *checker) structLeak(e ast.Expr, stringer, unexported bool) (path, typ string) {
	e = ast.Unparen(e)
	if c.safe(e, 0) {
		return "", ""
	}
	t := c.typeOf(e)
	if t == nil {
		return "", ""
	}
	mk := leakKey{t, stringer, unexported}
	p, ok := c.leaks[mk]
	if !ok {
		p = c.typeLeak(t, stringer, unexported, 0, map[types.Type]bool{})
		c.leaks[mk] = p
	}
	path = p
	if path == "" {
		return "", ""
	}
	// Name every sensitive field at the first level that has one, so the
	// message says what to redact (Username, Password, AccessToken).
	if dot := strings.LastIndexByte(path, '.'); dot >= 0 && !strings.Contains(path, "→") {
		if st, ok := derefStruct(t); ok {
			var names []string
			for i := 0; i < st.NumFields(); i++ {
				f := st.Field(i)
				if (!f.Exported() && !unexported) || reflectTag(st.Tag(i), "json") == "-" {
					continue
				}
				if _, ok := c.keys.Match(f.Name()); ok && stringish(f.Type()) && !renders(f.Type(), stringer) {
					names = append(names, f.Name())
				}
			}
			if len(names) > 1 {
				path = path[:dot+1] + "{" + strings.Join(names, ", ") + "}"
			}
		}
	}
	return path, types.TypeString(t, types.RelativeTo(c.pass.Pkg))
}

// leakKey memoizes whole-struct searches per type and rendering.
type leakKey struct {
	t                    types.Type
	stringer, unexported bool
}

func (c *checker) typeLeak(t types.Type, fmtStyle, unexported bool, depth int, seen map[types.Type]bool) string {
	if t == nil || depth > maxDepth || seen[t] {
		return ""
	}
	seen[t] = true
	if c.allowed(t) || renders(t, fmtStyle) || opaque(t) {
		return ""
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		return c.typeLeak(u.Elem(), fmtStyle, unexported, depth, seen)
	case *types.Slice:
		return c.typeLeak(u.Elem(), fmtStyle, unexported, depth, seen)
	case *types.Array:
		return c.typeLeak(u.Elem(), fmtStyle, unexported, depth, seen)
	case *types.Map:
		return c.typeLeak(u.Elem(), fmtStyle, unexported, depth, seen)
	case *types.Struct:
		owner := typeShort(t)
		for i := 0; i < u.NumFields(); i++ {
			f := u.Field(i)
			if !f.Exported() && !unexported {
				continue // encoding/json and the JSON handlers skip it
			}
			tag := reflectTag(u.Tag(i), "json")
			if tag == "-" || sensitive.PublicFields[typeName(t)][f.Name()] {
				continue
			}
			if _, ok := c.keys.Match(f.Name()); ok && stringish(f.Type()) && !renders(f.Type(), fmtStyle) {
				return owner + "." + f.Name()
			}
			if _, ok := sensitive.CredentialFields[typeName(t)][f.Name()]; ok && unexported {
				// fmt prints a request's headers, Authorization included
				// (encoding/json cannot marshal an *http.Request at all).
				return owner + "." + f.Name()
			}
			if tag != "" {
				if _, ok := c.keys.Match(tag); ok && stringish(f.Type()) && !renders(f.Type(), fmtStyle) {
					return owner + "." + f.Name()
				}
			}
			d := depth + 1
			if f.Embedded() {
				d = depth
			}
			if p := c.typeLeak(f.Type(), fmtStyle, unexported, d, seen); p != "" {
				if f.Embedded() {
					return p
				}
				return owner + "." + f.Name() + "→" + p
			}
		}
	}
	return ""
}

// opaque: a telemetry library's own type (a logging library's, or one of
// sensitive.OpaquePackages).
func opaque(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj() == nil || n.Obj().Pkg() == nil {
		return false
	}
	p := n.Obj().Pkg().Path()
	return sensitive.OpaquePackages[p] || logapi.IsLibraryPackage(p)
}

// derefStruct: the struct under pointers, slices, arrays and maps.
func derefStruct(t types.Type) (*types.Struct, bool) {
	for i := 0; i < 6 && t != nil; i++ {
		switch u := t.Underlying().(type) {
		case *types.Struct:
			return u, true
		case *types.Pointer:
			t = u.Elem()
		case *types.Slice:
			t = u.Elem()
		case *types.Array:
			t = u.Elem()
		case *types.Map:
			t = u.Elem()
		default:
			return nil, false
		}
	}
	return nil, false
}

func (c *checker) allowed(t types.Type) bool {
	if len(c.allow) == 0 {
		return false
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	return c.allow[typeName(t)]
}

// --- types ---

func (c *checker) typeOf(e ast.Expr) types.Type {
	if tv, ok := c.info.Types[e]; ok && tv.Type != nil {
		return tv.Type
	}
	return nil
}

// carrier: could a value of type t carry a secret's content? Booleans and
// numbers cannot (a length, a count, a comparison).
func carrier(t types.Type) bool {
	if b, ok := t.Underlying().(*types.Basic); ok {
		return b.Info()&(types.IsBoolean|types.IsNumeric) == 0
	}
	return true
}

// stringish: string, []byte, *string, []string and named types of them.
func stringish(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Pointer:
		return stringish(u.Elem())
	case *types.Slice:
		if b, ok := u.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
			return true
		}
		return stringish(u.Elem())
	}
	return false
}

// renders reports whether t (or *t) controls its own rendering through
// one of sensitive.Renderings; fmt.Stringer counts only for fmt-style
// rendering.
func renders(t types.Type, fmtStyle bool) bool {
	if _, ok := t.Underlying().(*types.Interface); ok {
		return false
	}
	for _, r := range sensitive.Renderings {
		if r.FmtOnly && !fmtStyle {
			continue
		}
		if hasMethod(t, r.Method, r.Results) {
			return true
		}
	}
	return false
}

func hasMethod(t types.Type, name, results string) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return false
	}
	if results == "" {
		return true
	}
	var got string
	switch sig.Results().Len() {
	case 0:
		got = ""
	case 1:
		got = types.TypeString(sig.Results().At(0).Type(), nil)
	default:
		parts := make([]string, sig.Results().Len())
		for i := range parts {
			parts[i] = types.TypeString(sig.Results().At(i).Type(), nil)
		}
		got = "(" + strings.Join(parts, ", ") + ")"
	}
	return got == results
}

// secretField: the field of a credential type that holds its secret.
func secretField(recv types.Type, field string) bool {
	if p, ok := recv.(*types.Pointer); ok {
		recv = p.Elem()
	}
	return sensitive.SecretFields[typeName(recv)][field]
}

// typeName is "pkg/path.Name" for a named type, "" otherwise.
func typeName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj() == nil {
		return ""
	}
	if n.Obj().Pkg() == nil {
		return n.Obj().Name()
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name()
}

func derefType(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func typeShort(t types.Type) string {
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj() != nil {
		return n.Obj().Name()
	}
	return "struct"
}

func reflectTag(tag, key string) string {
	v, ok := lookupTag(tag, key)
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(v, ",")
	return name
}

// lookupTag is reflect.StructTag.Lookup without reflect.
func lookupTag(tag, key string) (string, bool) {
	for tag != "" {
		i := 0
		for i < len(tag) && tag[i] == ' ' {
			i++
		}
		tag = tag[i:]
		if tag == "" {
			break
		}
		i = 0
		for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' && tag[i] != 0x7f {
			i++
		}
		if i == 0 || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
			break
		}
		name := tag[:i]
		tag = tag[i+1:]
		i = 1
		for i < len(tag) && tag[i] != '"' {
			if tag[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(tag) {
			break
		}
		qvalue := tag[:i+1]
		tag = tag[i+1:]
		if key == name {
			v, err := strconv.Unquote(qvalue)
			if err != nil {
				break
			}
			return v, true
		}
	}
	return "", false
}

func isConst(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() != constant.Unknown
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// exprString prints e compactly for messages.
func exprString(e ast.Expr) string {
	s := types.ExprString(e)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// shortName shortens a full function name for messages:
// "(*go.uber.org/zap.Logger).Info" -> "(*zap.Logger).Info".
func shortName(full string) string {
	n, err := funcname.Parse(full)
	if err != nil {
		return full
	}
	pkg := n.Pkg
	if i := strings.LastIndexByte(pkg, '/'); i >= 0 {
		pkg = pkg[i+1:]
	}
	if n.Recv == "" {
		return pkg + "." + n.Func
	}
	star := ""
	if n.Pointer {
		star = "*"
	}
	return "(" + star + pkg + "." + n.Recv + ")." + n.Func
}
