package traced

import (
	"context"
	"net"

	"example.com/sr/grpcsvc/pb"
	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	"google.golang.org/grpc"
)

type greeter struct {
	pb.UnimplementedGreeterServer
}

func (g *greeter) SayHello(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) {
	return &pb.HelloReply{}, nil
}

func Serve(l net.Listener) error { // want Serve:"startsSpan"
	opts := []grpc.ServerOption{grpc.StatsHandler(otelgrpc.NewServerHandler())}
	s := grpc.NewServer(opts...)
	pb.RegisterGreeterServer(s, &greeter{})
	return s.Serve(l)
}
