package spanrequired

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/report"
)

// service is a generated service handler (connect-go's
// New<Svc>Handler(impl, opts...)): the methods of impl implementing the
// service interface are its handlers.
type service struct {
	ctor  *types.Func
	impl  ast.Expr
	iface *types.Interface
	name  string // full service name (greet.v1.GreetService), "" if unknown
	pos   token.Pos
}

// serviceCtor recognizes a call to a generated service handler
// constructor by its shape (traceapi.Services): New<Svc>Handler(svc Iface,
// opts ...Option) (string, Handler).
func (s *state) serviceCtor(call *ast.CallExpr, fn *types.Func) *service {
	if fn == nil || len(traceapi.Services) == 0 || len(call.Args) == 0 || !strings.HasPrefix(fn.Name(), "New") {
		return nil
	}
	sig := fn.Signature()
	if sig.Recv() != nil || !sig.Variadic() || sig.Params().Len() != 2 || sig.Results().Len() != 2 {
		return nil
	}
	iface, ok := sig.Params().At(0).Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	opt, ok := sig.Params().At(1).Type().(*types.Slice)
	if !ok {
		return nil
	}
	for _, sc := range traceapi.Services {
		if funcname.TypeIs(opt.Elem(), sc.Option) && funcname.TypeIs(sig.Results().At(1).Type(), sc.Handler) {
			sv := &service{ctor: fn, impl: call.Args[0], iface: iface, pos: call.Pos()}
			// The generator declares <Svc>Name next to New<Svc>Handler.
			base := strings.TrimSuffix(strings.TrimPrefix(fn.Name(), "New"), "Handler")
			if c, ok := fn.Pkg().Scope().Lookup(base + "Name").(*types.Const); ok {
				sv.name = strings.Trim(c.Val().ExactString(), `"`)
			}
			return sv
		}
	}
	return nil
}

// serviceItems returns the methods of the service's implementation that
// start no span: declared here (reported at the declaration) or in
// another package of the module (known by the absence of a startsSpan
// fact; reported where the service is mounted). Methods of the generated
// package (the embedded Unimplemented<Svc>Handler) are never handlers.
func (s *state) serviceItems(sv *service, c walkCtx) []item {
	t := s.info.TypeOf(sv.impl)
	if t == nil {
		return nil
	}
	var out []item
	for i := 0; i < sv.iface.NumMethods(); i++ {
		m := sv.iface.Method(i)
		obj, _, _ := types.LookupFieldOrMethod(t, true, s.pass.Pkg, m.Name())
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg() == sv.ctor.Pkg() {
			continue
		}
		route := ""
		if sv.name != "" {
			route = "/" + sv.name + "/" + m.Name()
		}
		if fn.Pkg() == s.pass.Pkg {
			d := s.decls[fn]
			if d == nil || s.generated[s.declFile[d]] {
				continue
			}
			if u := s.units[d]; u != nil && !s.unitStarts(u) {
				out = append(out, item{fn: &hfunc{fn: d}, route: route, fw: traceapi.ConnectF, regPos: c.regPos})
			}
			continue
		}
		if !s.sameModule(fn.Pkg()) || s.importedStarts(fn) {
			continue
		}
		ref := HandlerRef{Name: funcDisplayName(fn), Route: route, Decl: report.PositionOf(s.pass.Fset, fn.Pos()), Kind: string(traceapi.ConnectF)}
		out = append(out, item{ref: ref, pos: sv.pos, regPos: c.regPos, route: route, fw: traceapi.ConnectF})
	}
	return out
}
