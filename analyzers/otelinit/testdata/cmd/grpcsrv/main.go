// Command grpcsrv serves gRPC and sets only a propagator, which does not
// initialize anything.
package main

import (
	"net"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	"google.golang.org/grpc"
)

func main() { // want `binary serves gRPC but never initializes OpenTelemetry`
	otel.SetTextMapPropagator(propagation.TraceContext{})
	lis, _ := net.Listen("tcp", ":9000")
	_ = grpc.NewServer().Serve(lis)
}
