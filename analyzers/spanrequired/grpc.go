package spanrequired

// GRPC services: generated registrations and the origin of servers.

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/funcname"
	"github.com/obscheck/obscheck/internal/report"
)

type grpcReg struct {
	call   *ast.CallExpr
	server ast.Expr
	impl   ast.Expr
	iface  *types.Interface
	svc    string
}

// grpcServerCall reports whether call creates a gRPC server the rule can
// judge: grpc.NewServer, a function of this package returning one, or a
// function with a grpcServer fact (traced: created with otelgrpc there).
func (s *state) grpcServerCall(call *ast.CallExpr) (known, traced bool) {
	fn := callee(s.info, call)
	if fn == nil {
		return false, false
	}
	if funcname.Of(fn) == traceapi.GRPCNewServer {
		return true, false
	}
	if fn.Pkg() == s.pass.Pkg {
		return returnsGRPCServer(fn), false
	}
	var f grpcServer
	if s.sameModule(fn.Pkg()) && s.pass.ImportObjectFact(fn, &f) {
		return true, f.Traced
	}
	return false, false
}

// mayHoldGRPCServer reports whether a variable of type t can hold a
// *grpc.Server: tested before resolving the callee of every assignment.
func mayHoldGRPCServer(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Interface); ok {
		return true // grpc.ServiceRegistrar, any
	}
	return funcname.TypeIs(t, traceapi.GRPCServerType)
}

func returnsGRPCServer(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Results().Len() == 1 && funcname.TypeIs(sig.Results().At(0).Type(), traceapi.GRPCServerType)
}

// grpcRegistration recognizes a generated Register<Svc>Server call.
func (s *state) grpcRegistration(call *ast.CallExpr, fn *types.Func) (grpcReg, bool) {
	name := fn.Name()
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() != nil || !strings.HasPrefix(name, "Register") || !strings.HasSuffix(name, "Server") || len(name) <= len("RegisterServer") {
		return grpcReg{}, false
	}
	if sig.Params().Len() != 2 || len(call.Args) != 2 {
		return grpcReg{}, false
	}
	t0 := sig.Params().At(0).Type()
	if p, ok := t0.(*types.Pointer); ok {
		t0 = p.Elem()
	}
	n0, ok := types.Unalias(t0).(*types.Named)
	if !ok || n0.Obj().Pkg() == nil || !traceapi.GRPCRegistrars[n0.Obj().Pkg().Path()+"."+n0.Obj().Name()] {
		return grpcReg{}, false
	}
	iface, ok := sig.Params().At(1).Type().Underlying().(*types.Interface)
	if !ok {
		return grpcReg{}, false
	}
	svc := strings.TrimSuffix(strings.TrimPrefix(name, "Register"), "Server")
	return grpcReg{call: call, server: call.Args[0], impl: call.Args[1], iface: iface, svc: svc}, true
}

// grpcMethod is a method of a registered gRPC service that starts no span.
type grpcMethod struct {
	decl  *ast.FuncDecl
	route string
}

// ownMethods lists the methods of the service g registers that are
// declared in this package, outside generated code (Unimplemented<Svc>Server).
func (s *state) ownMethods(g grpcReg) []grpcMethod {
	t := s.info.TypeOf(g.impl)
	if t == nil {
		return nil
	}
	var out []grpcMethod
	for i := 0; i < g.iface.NumMethods(); i++ {
		m := g.iface.Method(i)
		if !m.Exported() {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, s.pass.Pkg, m.Name())
		fn, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		if d := s.decls[fn]; d != nil && !s.generated[s.declFile[d]] {
			out = append(out, grpcMethod{d, g.svc + "/" + m.Name()})
		}
	}
	return out
}

// uncoveredMethods: the own methods that start no span.
func (s *state) uncoveredMethods(g grpcReg) []grpcMethod {
	var out []grpcMethod
	for _, m := range s.ownMethods(g) {
		if u := s.units[m.decl]; u != nil && !s.unitStarts(u) {
			out = append(out, m)
		}
	}
	return out
}

func (s *state) reportGRPC() {
	s.recordGRPC()
	if s.grpcTrace {
		return
	}
	params := map[*types.Var][]grpcMethod{}
	for _, g := range s.grpcRegs {
		if v := s.paramOf(g.server); v != nil { // the caller's server decides
			params[v] = append(params[v], s.uncoveredMethods(g)...)
			continue
		}
		if known, traced := s.knownGRPCServer(g.server); !known || traced {
			continue
		}
		for _, m := range s.uncoveredMethods(g) {
			s.recordItem(item{fn: &hfunc{fn: m.decl}, route: m.route, fw: fwGRPC}, token.NoPos)
			s.reportFunc(&hfunc{fn: m.decl}, m.route, fwGRPC, token.NoPos, token.NoPos)
		}
	}
	s.grpcParams = map[*types.Var][]HandlerRef{}
	for v, ms := range params {
		for _, m := range ms {
			pos, name := s.funcInfo(&hfunc{fn: m.decl})
			s.grpcParams[v] = append(s.grpcParams[v], HandlerRef{Name: name, Route: m.route, Decl: report.PositionOf(s.pass.Fset, pos), Kind: string(fwGRPC)})
		}
	}
	// Servers passed to functions registering services on their parameter.
	for _, c := range s.calls {
		sig, ok := c.fn.Type().(*types.Signature)
		if !ok {
			continue
		}
		for i, a := range c.call.Args {
			if i >= sig.Params().Len() {
				break
			}
			if known, traced := s.knownGRPCServer(a); !known || traced {
				continue
			}
			if c.fn.Pkg() == s.pass.Pkg {
				for _, m := range params[sig.Params().At(i)] {
					s.recordItem(item{fn: &hfunc{fn: m.decl}, route: m.route, fw: fwGRPC}, token.NoPos)
					s.reportFunc(&hfunc{fn: m.decl}, m.route, fwGRPC, token.NoPos, token.NoPos)
				}
			} else if f := s.importedRouter(c.fn); f != nil {
				for _, p := range f.Params {
					if p.Index != i {
						continue
					}
					var refs []item
					for _, h := range p.Handlers {
						if h.Kind == string(fwGRPC) {
							refs = append(refs, item{ref: h, pos: c.call.Pos(), route: h.Route, fw: fwGRPC})
						}
					}
					s.reportItems(refs, c.call.Pos())
				}
			}
		}
	}
}

// paramOf returns the parameter of a declared function e denotes, or nil.
func (s *state) paramOf(e ast.Expr) *types.Var {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := s.info.Uses[id].(*types.Var); ok && s.declParam(v) {
			return v
		}
	}
	return nil
}

// knownGRPCServer reports whether e is a gRPC server of known origin and
// whether it was created traced.
func (s *state) knownGRPCServer(e ast.Expr) (known, traced bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		return s.grpcServerCall(e)
	case *ast.Ident, *ast.SelectorExpr:
		if obj := s.info.Uses[identOf(e)]; obj != nil {
			traced, known = s.grpcSrv[obj]
			return known, traced
		}
	}
	return false, false
}
