package execidfield

import (
	"go/types"
	"slices"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/apis/logapi"
	"golang.org/x/tools/go/analysis"
)

// What one package learns for another: functions returning, and fields
// and package variables holding, loggers that carry the key.

// carriesFact marks a function returning, or a struct field / package
// variable holding, a logger that carries a correlation key. Key is the
// key, or "*" when the logger has fields whose keys are not statically
// known (given the benefit of the doubt).
type carriesFact struct{ Key string }

func (*carriesFact) AFact() {}

func (f *carriesFact) String() string { return "carries " + f.Key }

func (c *checker) factKey(k string) bool {
	return k == "*" || k == "carrier" || slices.Contains(c.keys, k)
}

// exportFacts exports what other packages need: functions returning, and
// fields and package variables holding, loggers that carry the key.
func (c *checker) exportFacts() {
	for fn := range c.decls {
		if k := c.funcCarries(fn); k != "" {
			c.pass.ExportObjectFact(fn, &carriesFact{Key: k})
		}
	}
	for v := range c.assigns {
		if v.Pkg() != c.pass.Pkg || !logapi.IsLogger(v.Type()) {
			continue
		}
		if !v.IsField() && v.Parent() != c.pass.Pkg.Scope() {
			continue
		}
		if k := c.varCarries(v); k != "" {
			c.pass.ExportObjectFact(v, &carriesFact{Key: k})
		}
	}
}

// relevant reports whether the package can have a finding or a fact. A
// finding is at a call of the log tables; facts are about functions
// returning loggers and about logger fields and package variables. A
// package with none of them is done after one pass over the objects it
// uses and declares, instead of the whole analysis.
func relevant(pass *analysis.Pass) bool {
	if apis.UsesFunc(pass.TypesInfo, logapi.Packages(), nil) {
		return true
	}
	for _, obj := range pass.TypesInfo.Defs {
		switch o := obj.(type) {
		case *types.Func:
			if returnsLogger(o) {
				return true
			}
		case *types.Var:
			if (o.IsField() || o.Parent() == pass.Pkg.Scope()) && logapi.IsLogger(o.Type()) {
				return true
			}
		}
	}
	return false
}

// returnsLogger reports whether one of fn's results is a logger.
func returnsLogger(fn *types.Func) bool {
	res := fn.Signature().Results()
	for i := 0; i < res.Len(); i++ {
		if logapi.IsLogger(res.At(i).Type()) {
			return true
		}
	}
	return false
}
