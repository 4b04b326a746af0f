package apis

import "go/types"

// UsesFunc reports whether the package described by info refers to a
// function or method of one of the packages pkgs, or to one for which
// also (if not nil) holds. A rule without facts, or whose facts need a
// library's types, can skip a package that uses nothing of its tables:
// one pass over the used objects instead of the whole analysis. It looks
// at the objects, not the imports, so a method promoted from an embedded
// logger counts even when its package is not imported.
func UsesFunc(info *types.Info, pkgs map[string]bool, also func(*types.Func) bool) bool {
	for _, obj := range info.Uses {
		fn, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		if fn.Pkg() != nil && pkgs[fn.Pkg().Path()] || also != nil && also(fn) {
			return true
		}
	}
	return false
}

// ConcreteTypes returns a pointer to each named non-interface type the
// package declares: the method sets that can implement its interfaces
// (a wrapper interface whose every implementation is a wrapper).
func ConcreteTypes(pkg *types.Package) []types.Type {
	scope := pkg.Scope()
	var out []types.Type
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		if _, isIface := tn.Type().Underlying().(*types.Interface); !isIface {
			out = append(out, types.NewPointer(tn.Type()))
		}
	}
	return out
}
