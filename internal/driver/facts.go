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

	// view guards the packages read from export data: reading one may
	// complete a placeholder another package's imports already reach
	// (setting its imports, filling its scope), so walks over imported
	// packages hold it. Nil when every package is checked from source.
	view *sync.Mutex
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
		unlock := s.lockView()
		defer unlock()
		byPath := reachable(pass.Pkg)
		var out []analysis.PackageFact
		for k, f := range s.pkgs {
			if pkg := byPath[k.pkg]; pkg != nil && owned[k.t] {
				out = append(out, analysis.PackageFact{Package: pkg, Fact: f})
			}
		}
		return out
	}
	pass.AllObjectFacts = func() []analysis.ObjectFact {
		s.mu.Lock()
		defer s.mu.Unlock()
		unlock := s.lockView()
		defer unlock()
		byPath := reachable(pass.Pkg)
		var out []analysis.ObjectFact
		for k, f := range s.objs {
			pkg := byPath[k.pkg]
			if pkg == nil || !owned[k.t] {
				continue
			}
			if obj, err := objectpath.Object(pkg, k.path); err == nil {
				out = append(out, analysis.ObjectFact{Object: obj, Fact: f})
			}
		}
		return out
	}
}

// lockView locks the view, if any, and returns its unlock.
func (s *factStore) lockView() func() {
	if s.view == nil {
		return func() {}
	}
	s.view.Lock()
	return s.view.Unlock
}

// reachable maps the path of pkg and of each of its transitive imports to
// the package as pkg sees it.
func reachable(pkg *types.Package) map[string]*types.Package {
	out := map[string]*types.Package{}
	var walk func(p *types.Package)
	walk = func(p *types.Package) {
		if _, ok := out[p.Path()]; ok {
			return
		}
		out[p.Path()] = p
		for _, imp := range p.Imports() {
			walk(imp)
		}
	}
	walk(pkg)
	return out
}
