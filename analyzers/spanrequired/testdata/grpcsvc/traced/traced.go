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

func Serve(l net.Listener) error {
	opts := []grpc.ServerOption{grpc.StatsHandler(otelgrpc.NewServerHandler())}
	s := grpc.NewServer(opts...)
	pb.RegisterGreeterServer(s, &greeter{})
	return s.Serve(l)
}

// NewTraced builds a traced server for other packages.
func NewTraced() *grpc.Server { // want NewTraced:"grpcServer\\(traced\\)"
	return grpc.NewServer(grpc.StatsHandler(otelgrpc.NewServerHandler()))
}
