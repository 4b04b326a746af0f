package spanrequired

import (
	"fmt"
	"go/types"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/report"
)

// startsSpan marks a function that starts a span when it is called,
// directly or through a callee.
type startsSpan struct{}

func (*startsSpan) AFact()         {}
func (*startsSpan) String() string { return "startsSpan" }

// wrapsSpan marks a function that returns a handler wrapped in a span or
// a tracing middleware: what it returns is traced. (Mentioning a tracing
// wrapper somewhere in its body says nothing about the rest of what it
// returns.)
type wrapsSpan struct{}

func (*wrapsSpan) AFact()         {}
func (*wrapsSpan) String() string { return "wrapsSpan" }

// streams marks a function that upgrades or streams the connection
// (hijack, flush, a WebSocket upgrade), directly or through a callee: a
// handler calling it serves a long-lived stream, not a request.
type streams struct{}

func (*streams) AFact()         {}
func (*streams) String() string { return "streams" }

// noSpan marks an exported function with a handler's signature that
// starts no span: registering it on an untraced router is a finding.
type noSpan struct{}

func (*noSpan) AFact()         {}
func (*noSpan) String() string { return "noSpan" }

// HandlerRef names a handler declared in another package that serves
// without a span.
type HandlerRef struct {
	Name  string          // function name, e.g. "Server.GetUser"
	Route string          // "" when unknown
	Decl  report.Position // the handler's declaration
	Reg   report.Position // where it was registered, when known
	Kind  string          // framework, for the hint
}

// ParamRouter is what a function does with one of its router parameters.
type ParamRouter struct {
	Index    int
	Handlers []HandlerRef // uncovered handlers it registers on the router
	Served   bool         // it serves the router
	Traced   bool         // it installs tracing middleware on the router (or serves it wrapped)
}

// router marks a function that returns a router with uncovered handlers
// (Result), or registers uncovered handlers on a router parameter, or
// serves a router parameter. The package that serves or mounts the
// router decides whether they are findings.
type router struct {
	Result []HandlerRef
	Params []ParamRouter
}

func (*router) AFact() {}
func (f *router) String() string {
	return fmt.Sprintf("router(%d handlers, %d params)", len(f.Result), len(f.Params))
}

// grpcServer marks a function returning a gRPC server it creates; Traced
// when its package installs otelgrpc (grpc.StatsHandler(otelgrpc...)).
type grpcServer struct{ Traced bool }

func (*grpcServer) AFact() {}
func (f *grpcServer) String() string {
	if f.Traced {
		return "grpcServer(traced)"
	}
	return "grpcServer"
}

// subscribes marks a function (or interface method) that subscribes its
// parameter Handler as a message handler, with the subject in parameter
// Subject (-1: none): a message-subscribe wrapper.
type subscribes struct{ Subject, Handler int }

func (*subscribes) AFact() {}
func (f *subscribes) String() string {
	return fmt.Sprintf("subscribes(subject %d, handler %d)", f.Subject, f.Handler)
}

func (s *state) exportFacts(servedParams map[*types.Var]bool) {
	for fn, w := range s.subWrappers {
		s.pass.ExportObjectFact(fn, &subscribes{Subject: w.Subject, Handler: w.Handler})
	}
	for fn, d := range s.decls {
		if s.fnStarts[fn] {
			s.pass.ExportObjectFact(fn, &startsSpan{})
		}
		if s.wrapsInSpan(fn) {
			s.pass.ExportObjectFact(fn, &wrapsSpan{})
		}
		if s.fnStreams[fn] {
			s.pass.ExportObjectFact(fn, &streams{})
		}
		if returnsGRPCServer(fn) {
			s.pass.ExportObjectFact(fn, &grpcServer{Traced: s.grpcTrace})
		}
		sig, ok := fn.Type().(*types.Signature)
		if !ok {
			continue
		}
		if !s.fnStarts[fn] && !s.fnStreams[fn] && fn.Exported() && handlerSig(sig) != "" && !s.generated[s.declFile[d]] {
			if u := s.units[d]; u != nil && !u.delegates {
				s.pass.ExportObjectFact(fn, &noSpan{})
			}
		}
		if s.generated[s.declFile[d]] {
			continue // generated code (connect, grpc-gateway) is modelled at its call sites
		}
		var f router
		if rets := s.returns[fn]; len(rets) > 0 && !s.assumed(fn) {
			var items []item
			for _, r := range rets {
				s.walk(s.resolve(r), walkCtx{fw: traceapi.HTTP, all: true}, map[*node]bool{}, &items)
			}
			f.Result = s.refs(s.recordTraced(items))
		}
		for i := 0; i < sig.Params().Len(); i++ {
			p := sig.Params().At(i)
			pr := ParamRouter{Index: i}
			if pn, ok := s.objs[p]; ok {
				var items []item
				s.walk(pn, walkCtx{fw: traceapi.HTTP, all: true}, map[*node]bool{}, &items)
				pr.Handlers = s.refs(s.recordTraced(items))
				pr.Traced = s.nodeTraced(pn.find())
			}
			if t, ok := servedParams[p]; ok {
				pr.Served, pr.Traced = true, t
			}
			pr.Handlers = append(pr.Handlers, s.grpcParams[p]...)
			if len(pr.Handlers) > 0 || pr.Served || pr.Traced {
				f.Params = append(f.Params, pr)
			}
		}
		if len(f.Result) > 0 || len(f.Params) > 0 {
			s.pass.ExportObjectFact(fn, &f)
		}
	}
}

func (s *state) assumed(fn *types.Func) bool {
	name := fullName(fn)
	for _, n := range s.pol.Rules.SpanRequired.AssumeTracedRouters {
		if n == name {
			return true
		}
	}
	return false
}

// refs turns walk items into fact handler references.
func (s *state) refs(items []item) []HandlerRef {
	var out []HandlerRef
	seen := map[string]bool{}
	for _, it := range items {
		r := it.ref
		if it.fn != nil {
			pos, name := s.funcInfo(it.fn)
			if s.suppressedHere(pos) {
				continue // //obscheck:ignore at the declaration holds wherever it is served
			}
			r = HandlerRef{Name: name, Route: it.route, Decl: report.PositionOf(s.pass.Fset, pos), Kind: string(it.fw)}
		}
		if !r.Reg.IsValid() {
			r.Reg = report.PositionOf(s.pass.Fset, it.regPos)
		}
		if k := fmt.Sprint(r.Name, r.Decl, r.Route); !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}
