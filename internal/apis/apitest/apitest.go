// Package apitest is the conformance test of obscheck's knowledge tables:
// every key a table holds (a function, method, type or constant, by its
// go/types full name) is resolved against the real library, loaded from
// export data in a test module, and checked against what the table says
// about it (argument roles against the signature, a level constant's
// value). A misspelled or dead key fails the test instead of silently
// never matching.
//
// A table joins the test by turning its entries into Keys:
//
//	func TestConformance(t *testing.T) {
//		dir := testutil.Module(t, "testdata/conformance") // go.mod requiring the libraries
//		var keys []apitest.Key
//		for name, spec := range myTable {
//			keys = append(keys, apitest.Func("myTable", name, apitest.Params(spec.Args...)))
//		}
//		apitest.Run(t, dir, keys)
//	}
package apitest

import (
	"fmt"
	"go/types"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/funcname"
	"golang.org/x/tools/go/packages"
)

// Kind is what a key names.
type Kind int

// The kinds of keys.
const (
	KindFunc  Kind = iota // a function or method: "pkg/path.F", "(*pkg/path.T).M"
	KindType              // a named type: "pkg/path.T"
	KindConst             // a constant: "pkg/path.C"
)

// Key is one table key to resolve.
type Key struct {
	Table string // where the key is declared, for messages: "zap: Log.Calls"
	Name  string // the go/types full name
	Kind  Kind
	// Check, if set, judges the resolved object (a *types.Func,
	// *types.TypeName or *types.Const): argument roles against the
	// signature, a constant's value. It returns nil when the table is
	// right about the object.
	Check func(types.Object) error
}

// Func is a key naming a function or method.
func Func(table, name string, check func(types.Object) error) Key {
	return Key{Table: table, Name: name, Kind: KindFunc, Check: check}
}

// Type is a key naming a type ("pkg/path.T").
func Type(table, name string) Key { return Key{Table: table, Name: name, Kind: KindType} }

// Const is a key naming a constant.
func Const(table, name string, check func(types.Object) error) Key {
	return Key{Table: table, Name: name, Kind: KindConst, Check: check}
}

// Run resolves keys in the module at dir (prepared with testutil.Module)
// and fails t once per key that does not resolve or fails its Check.
func Run(t testing.TB, dir string, keys []Key) {
	t.Helper()
	errs, err := Resolve(dir, keys)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Error(e)
	}
	t.Logf("%d keys checked, %d wrong", len(keys), len(errs))
}

// Resolve loads the packages keys name from export data (the module at
// dir must require their modules) and returns one error per key that is
// wrong, sorted.
func Resolve(dir string, keys []Key) ([]error, error) {
	paths := map[string]bool{}
	for _, k := range keys {
		if p, ok := pkgOf(k); ok {
			paths[p] = true
		}
	}
	var patterns []string
	for p := range paths {
		patterns = append(patterns, p)
	}
	sort.Strings(patterns)
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes,
		Dir:  dir,
		Env:  append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	loaded := map[string]*types.Package{}
	for _, p := range pkgs {
		if p.Types != nil && len(p.Errors) == 0 {
			loaded[p.PkgPath] = p.Types
		}
	}
	var errs []string
	for _, k := range keys {
		if msg := resolve(k, loaded); msg != "" {
			errs = append(errs, fmt.Sprintf("%s: %s: %s", k.Table, k.Name, msg))
		}
	}
	sort.Strings(errs)
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = fmt.Errorf("%s", e)
	}
	return out, nil
}

func pkgOf(k Key) (string, bool) {
	if k.Kind == KindFunc {
		n, err := funcname.Parse(k.Name)
		return n.Pkg, err == nil
	}
	i := strings.LastIndexByte(k.Name, '.')
	return k.Name[:max(i, 0)], i > 0
}

// resolve returns what is wrong with k, "" if nothing.
func resolve(k Key, loaded map[string]*types.Package) string {
	path, ok := pkgOf(k)
	if !ok {
		return "not a qualified name"
	}
	pkg := loaded[path]
	if pkg == nil {
		return fmt.Sprintf("package %s not loaded (add its module to the conformance module's go.mod)", path)
	}
	var obj types.Object
	switch k.Kind {
	case KindFunc:
		fn, msg := lookupFunc(pkg, k.Name)
		if msg != "" {
			return msg
		}
		obj = fn
	case KindType:
		tn, ok := pkg.Scope().Lookup(k.Name[len(path)+1:]).(*types.TypeName)
		if !ok {
			return "no such type"
		}
		obj = tn
	case KindConst:
		c, ok := pkg.Scope().Lookup(k.Name[len(path)+1:]).(*types.Const)
		if !ok {
			return "no such constant"
		}
		obj = c
	}
	if k.Check != nil {
		if err := k.Check(obj); err != nil {
			return err.Error()
		}
	}
	return ""
}

// lookupFunc finds the function or method a full name means, as go/types
// names it: a method declared by an embedded interface or struct is named
// by the type that declares it, not the one it is reached through.
func lookupFunc(pkg *types.Package, name string) (*types.Func, string) {
	n, _ := funcname.Parse(name)
	if n.Recv == "" {
		fn, ok := pkg.Scope().Lookup(n.Func).(*types.Func)
		if !ok {
			return nil, "no such function"
		}
		return fn, ""
	}
	tn, ok := pkg.Scope().Lookup(n.Recv).(*types.TypeName)
	if !ok {
		return nil, "no receiver type " + n.Recv
	}
	var t types.Type = tn.Type()
	if n.Pointer {
		t = types.NewPointer(t)
	}
	obj, _, _ := types.LookupFieldOrMethod(t, false, pkg, n.Func)
	fn, ok := obj.(*types.Func)
	if !ok {
		return nil, "no such method"
	}
	if got := funcname.Of(fn); got != name {
		return nil, "go/types names this method " + got
	}
	return fn, ""
}

// Signature returns the signature of a resolved function, or an error.
func Signature(obj types.Object) (*types.Signature, error) {
	fn, ok := obj.(*types.Func)
	if !ok {
		return nil, fmt.Errorf("not a function")
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return nil, fmt.Errorf("no signature")
	}
	return sig, nil
}
