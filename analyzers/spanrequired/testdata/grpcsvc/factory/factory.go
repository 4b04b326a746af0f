// Package factory builds the gRPC server without tracing.
package factory

import "google.golang.org/grpc"

func New(opts ...grpc.ServerOption) *grpc.Server { return grpc.NewServer(opts...) } // want New:"grpcServer"
