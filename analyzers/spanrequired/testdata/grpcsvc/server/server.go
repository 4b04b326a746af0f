package server

import (
	"context"
	"net"

	"example.com/sr/grpcsvc/pb"
	"go.opentelemetry.io/otel"
	"google.golang.org/grpc"
)

type greeter struct {
	pb.UnimplementedGreeterServer
}

func (g *greeter) SayHello(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) { // want `handler greeter.SayHello serves gRPC method Greeter/SayHello without a span: start one with tracer.Start\(ctx, "greeter.SayHello"\) or create the server with grpc.StatsHandler\(otelgrpc.NewServerHandler\(\)\)`
	return &pb.HelloReply{Message: g.greeting(in.Name)}, nil
}

func (g *greeter) SayBye(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) { // want SayBye:"startsSpan"
	ctx, span := otel.Tracer("greeter").Start(ctx, "SayBye")
	defer span.End()
	return &pb.HelloReply{}, nil
}

// greeting is not a method of the service: not a handler.
func (g *greeter) greeting(name string) string { return "hello " + name }

// Ping comes from the embedded UnimplementedGreeterServer (generated).

func Serve(l net.Listener) error {
	s := grpc.NewServer()
	pb.RegisterGreeterServer(s, &greeter{})
	return s.Serve(l)
}

type other struct{ pb.UnimplementedGreeterServer }

func (o *other) SayHello(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) { // want `handler other.SayHello serves gRPC method Greeter/SayHello without a span`
	return nil, nil
}

// Register gets its server from the caller: whether it is traced is out of sight.
func Register(s *grpc.Server) { pb.RegisterGreeterServer(s, &other{}) } // want Register:"router\\(0 handlers, 1 params\\)"

// ServeOther builds the server Register registers on: untraced.
func ServeOther(l net.Listener) error {
	s := grpc.NewServer()
	Register(s)
	return s.Serve(l)
}

type third struct{ pb.UnimplementedGreeterServer }

func (third) SayHello(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) {
	return &pb.HelloReply{}, nil
}

// RegisterThird registers on the caller's server (another package decides).
func RegisterThird(s grpc.ServiceRegistrar) { pb.RegisterGreeterServer(s, third{}) } // want RegisterThird:"router\\(0 handlers, 1 params\\)"
