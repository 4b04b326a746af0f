package traceapi

// GRPC is the import path of grpc-go (v1.85.0).
const GRPC = "google.golang.org/grpc"

// GRPCNewServer creates a gRPC server from options.
const GRPCNewServer = GRPC + ".NewServer"

// GRPCServerType is the type GRPCNewServer returns, as funcname.TypeIs
// reads it.
const GRPCServerType = "*" + GRPC + ".Server"

// GRPCRegistrars are the parameter types of the first argument of a
// generated Register<Svc>Server function.
var GRPCRegistrars = map[string]bool{
	GRPC + ".ServiceRegistrar": true,
	GRPC + ".Server":           true, // older generators: *grpc.Server
}

// GRPCLib is grpc-go with otelgrpc: a server created with
// grpc.StatsHandler(otelgrpc.NewServerHandler()) or the (older)
// interceptors traces every method.
var GRPCLib = Lib{
	Bad: `s := grpc.NewServer()
pb.RegisterGreeterServer(s, &server{}) // server.SayHello serves gRPC method Greeter/SayHello without a span`,
	Good: `s := grpc.NewServer(grpc.StatsHandler(otelgrpc.NewServerHandler()))
pb.RegisterGreeterServer(s, &server{})`,
	Name:    "gRPC",
	Modules: []string{"google.golang.org", "github.com/grpc-ecosystem/go-grpc-middleware"},
	GRPCServerTracing: []string{
		Otelgrpc + ".NewServerHandler",
		Otelgrpc + ".UnaryServerInterceptor",  // before v0.61
		Otelgrpc + ".StreamServerInterceptor", // before v0.61
	},
}
