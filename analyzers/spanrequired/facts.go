package spanrequired

import (
	"fmt"

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
