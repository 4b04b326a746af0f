// Package server2 registers services on servers built elsewhere.
package server2

import (
	"context"

	"example.com/sr/grpcsvc/factory"
	"example.com/sr/grpcsvc/pb"
	"example.com/sr/grpcsvc/server"
	"example.com/sr/grpcsvc/traced"
)

type untraced struct{ pb.UnimplementedGreeterServer }

func (untraced) SayHello(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) { // want `handler untraced.SayHello serves gRPC method Greeter/SayHello without a span`
	return &pb.HelloReply{}, nil
}

type viaTraced struct{ pb.UnimplementedGreeterServer }

func (viaTraced) SayHello(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) {
	return &pb.HelloReply{}, nil
}

func Run() {
	s := factory.New()
	pb.RegisterGreeterServer(s, untraced{})

	t := traced.NewTraced()
	pb.RegisterGreeterServer(t, viaTraced{})

	server.RegisterThird(factory.New()) // want `handler third.SayHello serves gRPC method Greeter/SayHello without a span`
	server.RegisterThird(traced.NewTraced())
}
