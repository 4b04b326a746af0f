package driver

import (
	"go/types"
	"reflect"
	"sort"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// factStore holds the facts exported by analyzed packages. Objects are
// keyed by (package path, object path), not by identity: a package sees
// its imports through export data, so the importer's types.Object for a
// function differs from the one its own package was checked with.
type factStore struct {
	mu   sync.Mutex
	objs map[objKey]analysis.Fact
	pkgs map[pkgKey]analysis.Fact
	// has records which (package, fact type) pairs have object facts, so
	// the common lookup — a call into std or a library, which never has
	// facts — is a map miss instead of an object-path computation.
	has map[pkgKey]bool

	// user holds the paths of the run's packages of the user's modules,
	// done those analyzed so far: a lookup into a user package before it
	// was analyzed is a scheduling bug, which would read as "no fact".
	user    map[string]bool
	done    map[string]bool
	missing map[string]bool
}

// expect records which packages of the user's modules the plan analyzes.
func (s *factStore) expect(pl *plan) {
	s.user, s.done, s.missing = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, n := range pl.nodes {
		if userCode(n.p) {
			s.user[n.p.PkgPath] = true
		}
	}
}

// analyzed records that the package at path was analyzed.
func (s *factStore) analyzed(path string) {
	s.mu.Lock()
	s.done[path] = true
	s.mu.Unlock()
}

// checkOrder notes a lookup into pkg from the package being analyzed.
// Called with s.mu held.
func (s *factStore) checkOrder(pkg string, from string) {
	if s.user != nil && pkg != from && s.user[pkg] && !s.done[pkg] {
		s.missing[from+" -> "+pkg] = true
	}
}

// bugs lists the out-of-order fact lookups.
func (s *factStore) bugs() []string {
	var out []string
	for k := range s.missing {
		out = append(out, "facts of a package of the module were read before it was analyzed: "+k)
	}
	sort.Strings(out)
	return out
}

type objKey struct {
	pkg  string
	path objectpath.Path
	t    reflect.Type
}

type pkgKey struct {
	pkg string
	t   reflect.Type
}

func newFactStore() *factStore {
	return &factStore{objs: map[objKey]analysis.Fact{}, pkgs: map[pkgKey]analysis.Fact{}, has: map[pkgKey]bool{}}
}

// bind installs the fact functions of pass.
func (s *factStore) bind(pass *analysis.Pass) {
	var enc objectpath.Encoder // caches scope walks within one pass
	key := func(obj types.Object, fact analysis.Fact) (objKey, bool) {
		if obj == nil || obj.Pkg() == nil {
			return objKey{}, false
		}
		p, err := enc.For(obj)
		if err != nil {
			return objKey{}, false // not addressable from outside: no facts
		}
		return objKey{obj.Pkg().Path(), p, reflect.TypeOf(fact)}, true
	}
	pass.ImportObjectFact = func(obj types.Object, fact analysis.Fact) bool {
		if obj == nil || obj.Pkg() == nil {
			return false
		}
		s.mu.Lock()
		s.checkOrder(obj.Pkg().Path(), pass.Pkg.Path())
		any := s.has[pkgKey{obj.Pkg().Path(), reflect.TypeOf(fact)}]
		s.mu.Unlock()
		if !any {
			return false
		}
		k, ok := key(obj, fact)
		if !ok {
			return false
		}
		s.mu.Lock()
		f, ok := s.objs[k]
		s.mu.Unlock()
		if ok {
			reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(f).Elem())
		}
		return ok
	}
	pass.ExportObjectFact = func(obj types.Object, fact analysis.Fact) {
		if obj == nil || obj.Pkg() != pass.Pkg {
			panic("ExportObjectFact: object " + obj.String() + " is not in package " + pass.Pkg.Path())
		}
		if k, ok := key(obj, fact); ok {
			s.mu.Lock()
			s.objs[k] = fact
			s.has[pkgKey{k.pkg, k.t}] = true
			s.mu.Unlock()
		}
	}
	pass.ImportPackageFact = func(pkg *types.Package, fact analysis.Fact) bool {
		s.mu.Lock()
		s.checkOrder(pkg.Path(), pass.Pkg.Path())
		f, ok := s.pkgs[pkgKey{pkg.Path(), reflect.TypeOf(fact)}]
		s.mu.Unlock()
		if ok {
			reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(f).Elem())
		}
		return ok
	}
	pass.ExportPackageFact = func(fact analysis.Fact) {
		s.mu.Lock()
		s.pkgs[pkgKey{pass.Pkg.Path(), reflect.TypeOf(fact)}] = fact
		s.mu.Unlock()
	}
	owned := map[reflect.Type]bool{}
	for _, f := range pass.Analyzer.FactTypes {
		owned[reflect.TypeOf(f)] = true
	}
	pass.AllPackageFacts = func() []analysis.PackageFact {
		s.mu.Lock()
		defer s.mu.Unlock()
		var out []analysis.PackageFact
		for k, f := range s.pkgs {
			if owned[k.t] {
				if pkg := lookupPackage(pass.Pkg, k.pkg); pkg != nil {
					out = append(out, analysis.PackageFact{Package: pkg, Fact: f})
				}
			}
		}
		return out
	}
	pass.AllObjectFacts = func() []analysis.ObjectFact {
		s.mu.Lock()
		defer s.mu.Unlock()
		var out []analysis.ObjectFact
		for k, f := range s.objs {
			if !owned[k.t] {
				continue
			}
			pkg := lookupPackage(pass.Pkg, k.pkg)
			if pkg == nil {
				continue
			}
			if obj, err := objectpath.Object(pkg, k.path); err == nil {
				out = append(out, analysis.ObjectFact{Object: obj, Fact: f})
			}
		}
		return out
	}
}

// lookupPackage finds path among pkg and its transitive imports, as the
// importing package sees them.
func lookupPackage(pkg *types.Package, path string) *types.Package {
	seen := map[*types.Package]bool{}
	var walk func(p *types.Package) *types.Package
	walk = func(p *types.Package) *types.Package {
		if seen[p] {
			return nil
		}
		seen[p] = true
		if p.Path() == path {
			return p
		}
		for _, imp := range p.Imports() {
			if r := walk(imp); r != nil {
				return r
			}
		}
		return nil
	}
	return walk(pkg)
}
