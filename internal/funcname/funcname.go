// Package funcname parses and prints function names the way go/types
// prints them: "pkg/path.Func", "(*pkg/path.Type).Method" or
// "(pkg/path.Type).Method". Policy files and the API tables use this form,
// so a name always means one function, whatever the import alias.
package funcname

import (
	"fmt"
	"go/ast"
	"go/types"
	"iter"
	"strings"
	"sync/atomic"

	"golang.org/x/tools/go/types/typeutil"
)

// Name is a parsed function name.
type Name struct {
	Pkg     string // import path
	Recv    string // receiver type name, "" for package-level functions
	Pointer bool   // receiver is a pointer
	Func    string // function or method name
}

// String prints n in go/types form.
func (n Name) String() string {
	if n.Recv == "" {
		return n.Pkg + "." + n.Func
	}
	star := ""
	if n.Pointer {
		star = "*"
	}
	return "(" + star + n.Pkg + "." + n.Recv + ")." + n.Func
}

// Parse parses a go/types function name. It accepts exactly the forms
// FullName produces and explains what is wrong otherwise.
func Parse(s string) (Name, error) {
	if s == "" {
		return Name{}, fmt.Errorf("empty function name")
	}
	if strings.ContainsAny(s, " \t\n") {
		return Name{}, fmt.Errorf("%q: function names contain no spaces", s)
	}
	if strings.HasPrefix(s, "(") {
		end := strings.Index(s, ")")
		if end < 0 {
			return Name{}, fmt.Errorf("%q: missing ')' after the receiver; want (*pkg/path.Type).Method", s)
		}
		recv, rest := s[1:end], s[end+1:]
		if !strings.HasPrefix(rest, ".") || !isIdent(rest[1:]) {
			return Name{}, fmt.Errorf("%q: want a method name after the receiver, as in (*pkg/path.Type).Method", s)
		}
		n := Name{Func: rest[1:]}
		if strings.HasPrefix(recv, "*") {
			n.Pointer, recv = true, recv[1:]
		}
		pkg, typ, ok := splitQualified(recv)
		if !ok {
			return Name{}, fmt.Errorf("%q: the receiver must be a package-qualified type, as in (*pkg/path.Type).Method", s)
		}
		n.Pkg, n.Recv = pkg, typ
		return n, nil
	}
	pkg, fn, ok := splitQualified(s)
	if !ok {
		return Name{}, fmt.Errorf("%q: want pkg/path.Func or (*pkg/path.Type).Method", s)
	}
	return Name{Pkg: pkg, Func: fn}, nil
}

// splitQualified splits "a/b/c.Name" at the last dot: identifiers have no
// dots, package paths may ("gopkg.in/yaml.v3").
func splitQualified(s string) (pkg, name string, ok bool) {
	dot := strings.LastIndex(s, ".")
	if dot < 0 || dot < strings.LastIndex(s, "/") {
		return "", "", false
	}
	pkg, name = s[:dot], s[dot+1:]
	if pkg == "" || !isIdent(name) || !validPath(pkg) {
		return "", "", false
	}
	return pkg, name, true
}

func validPath(p string) bool {
	if strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") || strings.Contains(p, "//") {
		return false
	}
	for _, r := range p {
		if r <= ' ' || strings.ContainsRune(`"'*()\`, r) {
			return false
		}
	}
	return true
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f {
			continue
		}
		if i > 0 && r >= '0' && r <= '9' {
			continue
		}
		return false
	}
	return true
}

// Of returns the go/types full name of fn, using the generic origin so that
// instantiations match the declared name. It is called for every call the
// rules look at, so the common shapes are built directly; anything else
// falls back to FullName (the tests check both agree).
func Of(fn *types.Func) string {
	fn = fn.Origin()
	slot := &names[uint64(fn.Pos())*0x9E3779B97F4A7C15>>(64-namesBits)]
	if e := slot.Load(); e != nil && e.fn == fn {
		return e.name
	}
	name := build(fn)
	slot.Store(&named{fn, name})
	return name
}

// names memoizes Of: the rules ask for the same callee's name several
// times per call (one decoder per API table), and export-data functions
// are shared by every package of a run. Building the string each time was
// most of the rules' allocations in the benchmark profile, and a sync.Map
// lookup was still 4% of analysis CPU. So it is a direct-mapped cache,
// indexed by a hash of the function's position: one atomic load per hit,
// safe for concurrent passes, and bounded, so that a long-lived process
// (gopls) does not keep every function it ever saw. A slot holds its
// function, so a function's address cannot be reused while it is cached.
var names [1 << namesBits]atomic.Pointer[named]

const namesBits = 16

type named struct {
	fn   *types.Func
	name string
}

func build(fn *types.Func) string {
	pkg := fn.Pkg()
	if pkg == nil {
		return fn.FullName()
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return pkg.Path() + "." + fn.Name()
	}
	t := sig.Recv().Type()
	ptr := false
	if p, ok := t.(*types.Pointer); ok {
		ptr, t = true, p.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.TypeArgs().Len() > 0 {
		return fn.FullName()
	}
	star := ""
	if ptr {
		star = "*"
	}
	return "(" + star + named.Obj().Pkg().Path() + "." + named.Obj().Name() + ")." + fn.Name()
}

// Callee returns the function or method a call statically invokes,
// including interface methods, or nil (builtins, func values, conversions).
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	if info == nil || call == nil {
		return nil
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// CalleeName returns the full name of the function a call invokes, or "".
func CalleeName(info *types.Info, call *ast.CallExpr) string {
	if fn := Callee(info, call); fn != nil {
		return Of(fn)
	}
	return ""
}

// Packages returns the package paths of full names (maps.Keys of
// tables); names that do not parse are left out.
func Packages(names ...iter.Seq[string]) map[string]bool {
	out := map[string]bool{}
	for _, seq := range names {
		for name := range seq {
			if n, err := Parse(name); err == nil {
				out[n.Pkg] = true
			}
		}
	}
	return out
}

// Spelled returns the name a call is written with: the function or
// method identifier (through parentheses and instantiation), or "" for
// any other callee expression. fns[i](...) reads as an instantiation and
// gives "fns": a slice element has no static callee (Callee) anyway.
func Spelled(call *ast.CallExpr) string {
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// Filter is a prefilter for a table of full names: the set of their last
// components (function or method names). A call whose spelled name is not
// in it cannot resolve to any name of the table, so its callee need not
// be resolved; matching is still by full name. It saves a types.Info
// lookup per call for tables that most calls are not in.
type Filter map[string]bool

// NewFilter builds the Filter of full names (maps.Keys of tables).
func NewFilter(names ...iter.Seq[string]) Filter {
	f := Filter{}
	for _, seq := range names {
		for name := range seq {
			f[name[strings.LastIndexByte(name, '.')+1:]] = true
		}
	}
	return f
}

// May reports whether call may invoke a function of the filter's tables.
// A call that Spelled cannot name (newLogger()(...)) may.
func (f Filter) May(call *ast.CallExpr) bool {
	n := Spelled(call)
	return n == "" || f[n]
}

// Set is a set of full function names.
type Set map[string]bool

// NewSet builds a Set from names.
func NewSet(names ...[]string) Set {
	s := Set{}
	for _, l := range names {
		for _, n := range l {
			s[n] = true
		}
	}
	return s
}

// IsNamed reports whether t (through aliases) is the named type pkg.name,
// without printing it: type checks run for every call the rules look at.
func IsNamed(t types.Type, pkg, name string) bool {
	if t == nil {
		return false
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj() == nil || n.Obj().Pkg() == nil {
		return false
	}
	return n.Obj().Name() == name && n.Obj().Pkg().Path() == pkg
}

// TypeKey is a named type's package path and name: a table key that needs
// no string built per lookup (the rules look up the types of most
// expressions they see).
type TypeKey struct{ Path, Name string }

// KeyOf returns the key of t, a named type (through aliases), or false.
func KeyOf(t types.Type) (TypeKey, bool) {
	if t == nil {
		return TypeKey{}, false
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj() == nil || n.Obj().Pkg() == nil {
		return TypeKey{}, false
	}
	return TypeKey{n.Obj().Pkg().Path(), n.Obj().Name()}, true
}

// TypeKeys re-keys a table of qualified type names ("pkg/path.Name") by
// TypeKey.
func TypeKeys[V any](m map[string]V) map[TypeKey]V {
	out := make(map[TypeKey]V, len(m))
	for q, v := range m {
		if i := strings.LastIndexByte(q, '.'); i > 0 {
			out[TypeKey{q[:i], q[i+1:]}] = v
		}
	}
	return out
}

// TypeIs reports whether t is the type written qualified, "pkg/path.Name"
// or "*pkg/path.Name" (types.TypeString's form), without printing t.
func TypeIs(t types.Type, qualified string) bool {
	if rest, ok := strings.CutPrefix(qualified, "*"); ok {
		p, ok := types.Unalias(t).(*types.Pointer)
		if !ok {
			return false
		}
		t, qualified = p.Elem(), rest
	}
	i := strings.LastIndexByte(qualified, '.')
	return i > 0 && IsNamed(t, qualified[:i], qualified[i+1:])
}
