package metricapi

import (
	"go/ast"
	"strings"

	"github.com/obscheck/obscheck/internal/funcname"
)

// Prometheus registries may prepend a prefix to every name registered
// through them (prometheus.WrapRegistererWithPrefix), so the name in the
// code is not always the exported name. The model follows the registerer
// a metric is registered with, and says when it cannot know.

// Registration is what is known of the registry a metric goes to.
type Registration struct {
	// Prefix is prepended by the registerer (known wrappers only).
	Prefix string
	// Unknown is true when the metric is registered through a registerer
	// that comes from elsewhere (a parameter, a field): it may add a prefix.
	Unknown bool
}

// registerer classifies a registerer expression.
func (m *Model) registerer(e ast.Expr, depth int) Registration {
	if depth > 4 || e == nil {
		return Registration{Unknown: true}
	}
	r := m.resolve(e)
	switch x := r.(type) {
	case *ast.Ident:
		if x.Name == "nil" && m.Info.Uses[x] != nil && m.Info.Uses[x].Pkg() == nil {
			return Registration{} // promauto.With(nil): not registered at all
		}
	case *ast.SelectorExpr:
		if obj := m.Info.Uses[x.Sel]; obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == prom && obj.Name() == defaultRegisterer {
			return Registration{}
		}
	case *ast.CallExpr:
		fn := funcname.Callee(m.Info, x)
		if fn == nil {
			break
		}
		name := funcname.Of(fn)
		switch {
		case plainRegistries[name]:
			return Registration{}
		case labelWrappers[name] && len(x.Args) == 2:
			return m.registerer(x.Args[1], depth+1)
		case fn.Name() == prefixWrapper && len(x.Args) == 2:
			p := m.eval(x.Args[0])
			if !p.Known {
				return Registration{Unknown: true}
			}
			inner := m.registerer(x.Args[1], depth+1)
			inner.Prefix = p.Value + inner.Prefix
			return inner
		}
	}
	return Registration{Unknown: true}
}

// registrations maps definition calls to the registerer expression they
// are registered with (nil: the default registry), from the package's
// MustRegister/Register calls.
func (m *Model) registrations() map[*ast.CallExpr]ast.Expr {
	if m.regs != nil {
		return m.regs
	}
	m.regs = map[*ast.CallExpr]ast.Expr{}
	for _, f := range m.files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := funcname.CalleeName(m.Info, call)
			if !registerFuncs[name] {
				return true
			}
			var reg ast.Expr
			if strings.HasPrefix(name, "(") {
				sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
				if !ok {
					return true
				}
				reg = sel.X
			}
			for _, a := range call.Args {
				if c, ok := m.resolve(a).(*ast.CallExpr); ok {
					m.regs[c] = reg
				}
			}
			return true
		})
	}
	return m.regs
}

// Registration returns what is known of the registry d is registered with.
func (m *Model) Registration(d *Definition) Registration {
	r, _ := m.registration(d)
	return r
}

// registration also says whether the registration was seen (false: the
// default registry is assumed).
func (m *Model) registration(d *Definition) (Registration, bool) {
	if d == nil || d.Lib != Prometheus || m == nil || m.Info == nil {
		return Registration{}, false
	}
	if d.via != nil && d.via.Registered {
		return d.via.Reg, true
	}
	name := funcname.CalleeName(m.Info, d.Call)
	switch {
	case strings.HasPrefix(name, promauto+"."):
		return Registration{}, true // the default registry
	case strings.HasPrefix(name, "("+promauto+".Factory)."):
		sel, ok := ast.Unparen(d.Call.Fun).(*ast.SelectorExpr)
		if !ok {
			return Registration{Unknown: true}, true
		}
		f, ok := m.resolve(sel.X).(*ast.CallExpr)
		if !ok || funcname.CalleeName(m.Info, f) != promauto+".With" || len(f.Args) != 1 {
			return Registration{Unknown: true}, true
		}
		return m.registerer(f.Args[0], 0), true
	}
	if m.files == nil {
		return Registration{}, false
	}
	if d.Style == StyleDesc {
		// A Desc belongs to a Collector registered as a whole: if this
		// package registers on registerers it does not make, the Desc may
		// be among them.
		for _, reg := range m.registrations() {
			if reg != nil && m.registerer(reg, 0).Unknown {
				return Registration{Unknown: true}, true
			}
		}
		return Registration{}, false
	}
	reg, ok := m.registrations()[d.Call]
	if !ok {
		return Registration{}, false // not registered here: assume the default registry
	}
	if reg == nil {
		return Registration{}, true
	}
	return m.registerer(reg, 0), true
}
