package spancorrelation

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
)

// value is a correlation value the function has: a variable or a field of
// one, or a keyed read (header, query parameter).
type value struct {
	key  string // the correlation key it is a value of
	text string // how the finding names it: executionID, cmd.ExecutionID, r.Header.Get("X-Execution-Id")
	pos  token.Pos
	call *ast.CallExpr // the keyed read, if it is one
	v    *types.Var    // the variable (whose field it may be)
}

// norm folds a name for comparison with a key: execution_id, executionID,
// ExecutionId and X-Execution-ID are one name.
func norm(s string) string {
	s = strings.ToLower(s)
	s = strings.TrimPrefix(s, "x-")
	return strings.NewReplacer("_", "", "-", "", ".", "").Replace(s)
}

// inScope returns a value of key visible at pos: a variable of the
// enclosing functions (parameters, receivers, locals declared before pos,
// or in the block of pos), or a field of one, or a keyed read.
func (c *checker) inScope(pos token.Pos, key string, reads []value) (value, bool) {
	want := norm(key)
	for _, r := range reads {
		if r.key == key && r.pos < pos {
			return r, true
		}
	}
	inner := c.pass.Pkg.Scope().Innermost(pos)
	for s := inner; s != nil && s != c.pass.Pkg.Scope() && s != types.Universe; s = s.Parent() {
		if s.Parent() == c.pass.Pkg.Scope() {
			break // a file scope
		}
		for _, name := range s.Names() {
			v, ok := s.Lookup(name).(*types.Var)
			if !ok || v.Name() == "_" {
				continue
			}
			if s != inner && v.Pos() > pos {
				continue // declared after the start, outside its block
			}
			if norm(v.Name()) == want && idLike(v.Type()) {
				return value{key: key, text: v.Name(), pos: v.Pos(), v: v}, true
			}
			// A receiver's own fields only: deeper ones are a long-lived
			// object's configuration (a server's access-control store),
			// not the request's.
			depth := 0
			if c.receivers[v] {
				depth = 1
			}
			if path, ok := fieldPath(v.Type(), key, want, depth); ok {
				return value{key: key, text: v.Name() + path, pos: v.Pos(), v: v}, true
			}
		}
	}
	for _, r := range reads {
		if r.key == key {
			return r, true // read after the start: still the function's value
		}
	}
	return value{}, false
}

// fieldPath finds a field of t (a struct or pointer to one) named or tagged
// like the key, two levels deep at most, and returns ".Field.Sub".
func fieldPath(t types.Type, key, want string, depth int) (string, bool) {
	if depth > 1 {
		return "", false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return "", false
	}
	// Fields of this level first, then nested ones.
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if (norm(f.Name()) == want || tagged(st.Tag(i), key)) && idLike(f.Type()) {
			return "." + f.Name(), true
		}
	}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if !f.Exported() && f.Pkg() != nil && !f.Embedded() {
			continue // another package's unexported field would not compile in the fix
		}
		if p, ok := fieldPath(f.Type(), key, want, depth+1); ok {
			if f.Embedded() {
				return p, true
			}
			return "." + f.Name() + p, true
		}
	}
	return "", false
}

// tagged reports whether a struct tag names key for any encoding
// (json:"execution_id,omitempty", msgpack:"execution_id", ...).
func tagged(tag, key string) bool {
	if tag == "" || !strings.Contains(tag, key) {
		return false
	}
	for tag != "" {
		i := strings.IndexByte(tag, ':')
		if i < 0 {
			break
		}
		name := strings.TrimSpace(tag[:i])
		tag = tag[i+1:]
		val := reflect.StructTag(name + ":" + tag).Get(name)
		if v, _, _ := strings.Cut(val, ","); v == key {
			return true
		}
		// Skip the quoted value.
		if len(tag) > 0 && tag[0] == '"' {
			if j := strings.IndexByte(tag[1:], '"'); j >= 0 {
				tag = tag[j+2:]
				continue
			}
		}
		break
	}
	return false
}

// idLike reports whether values of t can be an id on a span: strings,
// integers, byte arrays (UUIDs), or anything with a String method.
func idLike(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&(types.IsString|types.IsInteger) != 0
	case *types.Array:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	m, _, _ := types.LookupFieldOrMethod(t, true, nil, "String")
	fn, ok := m.(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Type().(*types.Signature)
	return sig.Params().Len() == 0 && sig.Results().Len() == 1
}

// keyedReads returns the reads of correlation keys in a function's own
// body: r.Header.Get("X-Execution-Id"), c.Param("execution_id").
func (c *checker) keyedReads(body *ast.BlockStmt) []value {
	var out []value
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if !mayRead(n) {
				return true
			}
			arg, ok := traceapi.KeyedReads[funcname.CalleeName(c.info, n)]
			if !ok || arg >= len(n.Args) {
				return true
			}
			name, ok := eval.String(c.info, n.Args[arg])
			if !ok {
				return true
			}
			for _, k := range c.keys {
				if norm(name) == norm(k) {
					out = append(out, value{key: k, text: c.text(n), pos: n.Pos(), call: n})
				}
			}
		}
		return true
	})
	return out
}

var mayRead = funcname.NewFilter(maps.Keys(traceapi.KeyedReads)).May

// text is the source of a short expression, for messages.
func (c *checker) text(e ast.Expr) string {
	tf := c.pass.Fset.File(e.Pos())
	if tf == nil {
		return "the value"
	}
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil || tf.Offset(e.End()) > len(src) {
		return "the value"
	}
	s := string(src[tf.Offset(e.Pos()):tf.Offset(e.End())])
	if len(s) > 60 || strings.ContainsAny(s, "\n") {
		return "the value"
	}
	return s
}

// passesValue reports whether a start call is given the correlation value
// (its variable, a field of it, or the keyed read).
func (c *checker) passesValue(call *ast.CallExpr, key string, reads []value) bool {
	want := norm(key)
	for _, a := range call.Args {
		found := false
		ast.Inspect(a, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				if v, ok := c.info.Uses[n].(*types.Var); ok && norm(v.Name()) == want {
					found = true
				}
			case *ast.CallExpr:
				for _, r := range reads {
					if r.call == n {
						found = true
					}
				}
			}
			return !found
		})
		if found {
			return true
		}
		if t := c.info.TypeOf(a); t != nil {
			if _, ok := fieldPath(t, key, want, 0); ok {
				return true // the whole message or command
			}
		}
	}
	return false
}
