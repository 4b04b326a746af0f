// Package greet implements the service; cmd mounts it.
package greet

import (
	"context"

	"connectrpc.com/connect"
	"example.com/sr/connectsvc/gen/greetv1connect"
	"go.opentelemetry.io/otel"
)

// Server implements GreetService; Farewell comes from the embedded
// generated type.
type Server struct {
	greetv1connect.UnimplementedGreetServiceHandler
}

func (s *Server) Greet(ctx context.Context, req *connect.Request[greetv1connect.GreetRequest]) (*connect.Response[greetv1connect.GreetResponse], error) {
	return connect.NewResponse(&greetv1connect.GreetResponse{Greeting: "hi " + req.Msg.Name}), nil
}

// Traced starts its own span.
type Traced struct {
	greetv1connect.UnimplementedGreetServiceHandler
}

func (t *Traced) Greet(ctx context.Context, req *connect.Request[greetv1connect.GreetRequest]) (*connect.Response[greetv1connect.GreetResponse], error) { // want Greet:"startsSpan"
	_, span := otel.Tracer("greet").Start(ctx, "Greet")
	defer span.End()
	return connect.NewResponse(&greetv1connect.GreetResponse{}), nil
}
