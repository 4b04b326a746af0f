package main

import (
	"context"
	"net/http"

	"connectrpc.com/connect"
	"connectrpc.com/otelconnect"
	"example.com/sr/connectsvc/gen/greetv1connect"
	"example.com/sr/connectsvc/greet"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

// local implements the service in this package.
type local struct {
	greetv1connect.UnimplementedGreetServiceHandler
}

func (l *local) Greet(ctx context.Context, req *connect.Request[greetv1connect.GreetRequest]) (*connect.Response[greetv1connect.GreetResponse], error) { // want `handler local.Greet serves connect procedure /greet.v1.GreetService/Greet without a span: start one with tracer.Start\(ctx, "local.Greet"\) or pass connect.WithInterceptors\(otelconnect.NewInterceptor\(\)\) to the handler constructor`
	return nil, nil
}

func main() {
	mux := http.NewServeMux()
	mux.Handle(greetv1connect.NewGreetServiceHandler(&greet.Server{})) // want `handler Server.Greet serves connect procedure /greet.v1.GreetService/Greet without a span`
	mux.Handle(greetv1connect.NewGreetServiceHandler(&greet.Traced{}))
	path, h := greetv1connect.NewGreetServiceHandler(&local{})
	mux.Handle(path, h)
	http.ListenAndServe(":8080", mux)
}

// Traced: otelconnect's interceptor, through a variable and an option slice.
func traced() error {
	interceptor, err := otelconnect.NewInterceptor()
	if err != nil {
		return err
	}
	opts := []connect.HandlerOption{connect.WithInterceptors(interceptor)}
	mux := http.NewServeMux()
	mux.Handle(greetv1connect.NewGreetServiceHandler(&greet.Server{}, opts...))
	return http.ListenAndServe(":8081", mux)
}

// Traced: the mux is wrapped where it is served.
func wrapped() error {
	mux := http.NewServeMux()
	mux.Handle(greetv1connect.NewGreetServiceHandler(&greet.Server{}))
	return http.ListenAndServe(":8082", otelhttp.NewHandler(mux, "api"))
}
