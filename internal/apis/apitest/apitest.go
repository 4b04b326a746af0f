// Package apitest is the conformance test of obscheck's knowledge tables:
// every key a table holds (a function, method, type, field, variable or
// constant, by its go/types full name) is resolved against the real
// library, loaded from export data in a test module, and checked against
// what the table says about it (argument indices and roles against the
// signature, a constant's value). A misspelled or dead key fails the test
// instead of silently never matching.
//
// A table joins the test by turning its entries into Keys:
//
//	func TestConformance(t *testing.T) {
//		dir := testutil.Module(t, "testdata/conformance") // go.mod requiring the libraries
//		var keys []apitest.Key
//		for name, spec := range myTable {
//			keys = append(keys, apitest.Func("myTable", name, apitest.ArgIs(spec.Name, apitest.IsString)))
//		}
//		apitest.Run(t, dir, keys)
//	}
//
// Loading is the cost: tests in one package share one Universe (Load with
// every test's keys, once) and Check their own keys against it.
package apitest

import (
	"errors"
	"fmt"
	"go/types"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/obscheck/obscheck/internal/funcname"
	"golang.org/x/tools/go/packages"
)

// Kind is what a key names.
type Kind int

// The kinds of keys.
const (
	KindFunc    Kind = iota // a function or method: "pkg/path.F", "(*pkg/path.T).M"
	KindType                // a named type: "pkg/path.T" (a leading "*" is allowed)
	KindConst               // a constant: "pkg/path.C"
	KindVar                 // a package-level variable: "pkg/path.V"
	KindField               // a field of a named struct type: "pkg/path.T.F" (a leading "*" is allowed)
	KindPackage             // a package: "pkg/path"
)

// Key is one table key to resolve.
type Key struct {
	Table string // where the key is declared, for messages: "zap: Log.Calls"
	Name  string // the go/types full name
	Kind  Kind
	// Module names the test module the key is resolved in (LoadModules);
	// "" is the default one. A key naming what only an older release of
	// a module has (same path, another minor version) is resolved in a
	// module requiring that release.
	Module string
	// Check, if set, judges the resolved object (a *types.Func,
	// *types.TypeName, *types.Const, *types.Var, or *types.PkgName for a
	// package): argument roles against the signature, a constant's
	// value. It returns nil when the table is right about the object.
	Check func(types.Object) error
}

// Func is a key naming a function or method.
func Func(table, name string, check func(types.Object) error) Key {
	return Key{Table: table, Name: name, Kind: KindFunc, Check: check}
}

// Type is a key naming a type ("pkg/path.T" or "*pkg/path.T").
func Type(table, name string) Key { return Key{Table: table, Name: name, Kind: KindType} }

// TypeWith is a key naming a type, judged by check (a *types.TypeName).
func TypeWith(table, name string, check func(types.Object) error) Key {
	return Key{Table: table, Name: name, Kind: KindType, Check: check}
}

// Const is a key naming a constant.
func Const(table, name string, check func(types.Object) error) Key {
	return Key{Table: table, Name: name, Kind: KindConst, Check: check}
}

// Var is a key naming a package-level variable.
func Var(table, name string, check func(types.Object) error) Key {
	return Key{Table: table, Name: name, Kind: KindVar, Check: check}
}

// Field is a key naming the field of a struct type ("pkg/path.T.F"),
// judged by check (a *types.Var).
func Field(table, name string, check func(types.Object) error) Key {
	return Key{Table: table, Name: name, Kind: KindField, Check: check}
}

// Package is a key naming a package.
func Package(table, path string) Key { return Key{Table: table, Name: path, Kind: KindPackage} }

// Universe is the packages a set of keys names, loaded once from export
// data. Tests of one package share one: loading is most of the cost.
type Universe struct {
	pkgs   map[string]map[string]*types.Package // module name -> package path -> package
	failed map[string]map[string]string         // module name -> package path -> why it did not load
}

// Load loads, from export data in the module at dir (prepared with
// testutil.Module; it must require the keys' modules), every package the
// keys name.
func Load(dir string, keys ...[]Key) (*Universe, error) {
	return LoadModules(map[string]string{"": dir}, keys...)
}

// LoadModules is Load with several test modules, by name (Key.Module; ""
// is the default): each module's packages are loaded concurrently.
func LoadModules(dirs map[string]string, keys ...[]Key) (*Universe, error) {
	paths := map[string]map[string]bool{}
	for _, ks := range keys {
		for _, k := range ks {
			p, ok := pkgOf(k)
			if !ok {
				continue
			}
			if paths[k.Module] == nil {
				paths[k.Module] = map[string]bool{}
			}
			paths[k.Module][p] = true
		}
	}
	u := &Universe{pkgs: map[string]map[string]*types.Package{}, failed: map[string]map[string]string{}}
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		errs []error
	)
	for mod, ps := range paths {
		dir, ok := dirs[mod]
		if !ok {
			return nil, fmt.Errorf("keys name module %q, which is not given", mod)
		}
		wg.Go(func() {
			pkgs, failed, err := load(dir, slices.Sorted(maps.Keys(ps)))
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
			}
			u.pkgs[mod], u.failed[mod] = pkgs, failed
		})
	}
	wg.Wait()
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return u, nil
}

// load loads the packages at paths from export data in the module at dir.
func load(dir string, paths []string) (map[string]*types.Package, map[string]string, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes,
		Dir:  dir,
		Env:  append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off"),
	}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		return nil, nil, err
	}
	loaded, failed := map[string]*types.Package{}, map[string]string{}
	for _, p := range pkgs {
		switch {
		case len(p.Errors) > 0:
			failed[p.PkgPath] = p.Errors[0].Msg
		case p.Types != nil:
			loaded[p.PkgPath] = p.Types
		}
	}
	return loaded, failed, nil
}

// Check returns one error per key that is wrong, sorted.
func (u *Universe) Check(keys []Key) []error {
	var errs []string
	for _, k := range keys {
		if msg := u.resolve(k); msg != "" {
			errs = append(errs, fmt.Sprintf("%s: %s: %s", k.Table, k.Name, msg))
		}
	}
	sort.Strings(errs)
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = fmt.Errorf("%s", e)
	}
	return out
}

// Run fails t once per key that does not resolve or fails its Check.
func (u *Universe) Run(t testing.TB, keys []Key) {
	t.Helper()
	errs := u.Check(keys)
	for _, e := range errs {
		t.Error(e)
	}
	t.Logf("%d keys checked, %d wrong", len(keys), len(errs))
}

// Run resolves keys in the module at dir (prepared with testutil.Module)
// and fails t once per key that does not resolve or fails its Check.
func Run(t testing.TB, dir string, keys []Key) {
	t.Helper()
	u, err := Load(dir, keys)
	if err != nil {
		t.Fatal(err)
	}
	u.Run(t, keys)
}

// Resolve loads the packages keys name from export data (the module at
// dir must require their modules) and returns one error per key that is
// wrong, sorted.
func Resolve(dir string, keys []Key) ([]error, error) {
	u, err := Load(dir, keys)
	if err != nil {
		return nil, err
	}
	return u.Check(keys), nil
}

// pkgOf returns the package path of the key's object.
func pkgOf(k Key) (string, bool) {
	switch k.Kind {
	case KindFunc:
		n, err := funcname.Parse(k.Name)
		return n.Pkg, err == nil
	case KindPackage:
		return k.Name, k.Name != ""
	case KindField:
		typ, _, ok := splitField(k.Name)
		if !ok {
			return "", false
		}
		p, _, ok := splitQualified(typ)
		return p, ok
	}
	p, _, ok := splitQualified(strings.TrimPrefix(k.Name, "*"))
	return p, ok
}

// splitQualified splits "pkg/path.Name".
func splitQualified(s string) (pkg, name string, ok bool) {
	i := strings.LastIndexByte(s, '.')
	if i <= 0 || i == len(s)-1 || strings.IndexByte(s[i:], '/') >= 0 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

// splitField splits "*pkg/path.T.F" into "pkg/path.T" and "F".
func splitField(s string) (typ, field string, ok bool) {
	s = strings.TrimPrefix(s, "*")
	i := strings.LastIndexByte(s, '.')
	if i <= 0 || i == len(s)-1 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

// resolve returns what is wrong with k, "" if nothing.
func (u *Universe) resolve(k Key) string {
	path, ok := pkgOf(k)
	if !ok {
		return "not a qualified name"
	}
	pkg := u.pkgs[k.Module][path]
	if pkg == nil {
		if why, ok := u.failed[k.Module][path]; ok {
			return fmt.Sprintf("package %s does not load: %s", path, why)
		}
		return fmt.Sprintf("package %s not loaded (add its module to the conformance module's go.mod)", path)
	}
	var (
		obj types.Object
		msg string
	)
	switch k.Kind {
	case KindFunc:
		obj, msg = lookupFunc(pkg, k.Name)
	case KindType:
		obj, msg = scoped[*types.TypeName](pkg, strings.TrimPrefix(k.Name, "*"), "no such type")
	case KindConst:
		obj, msg = scoped[*types.Const](pkg, k.Name, "no such constant")
	case KindVar:
		obj, msg = scoped[*types.Var](pkg, k.Name, "no such variable")
	case KindField:
		typ, field, _ := splitField(k.Name)
		if obj, msg = scoped[*types.TypeName](pkg, typ, "no such type"); msg != "" {
			break
		}
		f, _, _ := types.LookupFieldOrMethod(obj.Type(), true, pkg, field)
		if v, ok := f.(*types.Var); ok && v.IsField() {
			obj = v
		} else {
			msg = "no such field"
		}
	case KindPackage:
		obj = types.NewPkgName(0, nil, pkg.Name(), pkg)
	}
	if msg != "" {
		return msg
	}
	if k.Check != nil {
		if err := k.Check(obj); err != nil {
			return err.Error()
		}
	}
	return ""
}

// scoped looks up the package-level object a qualified name names, of
// type T; missing says what is wrong when there is none.
func scoped[T types.Object](pkg *types.Package, qualified, missing string) (types.Object, string) {
	_, name, _ := splitQualified(qualified)
	if obj, ok := pkg.Scope().Lookup(name).(T); ok {
		return obj, ""
	}
	return nil, missing
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
		if !n.Pointer {
			// A method of *T named as T's.
			if m, _, _ := types.LookupFieldOrMethod(types.NewPointer(t), false, pkg, n.Func); m != nil {
				if fn, ok := m.(*types.Func); ok {
					return nil, "no such method: go/types names it " + funcname.Of(fn)
				}
			}
		}
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
