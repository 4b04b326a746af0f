package main

import (
	"context"
	"net/http"

	"example.com/sr/gateway/pb"
	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

func main() {
	ctx := context.Background()
	gw := runtime.NewServeMux()
	pb.RegisterGreeterHandlerFromEndpoint(ctx, gw, "localhost:9090", nil)                                   // want `gRPC-gateway service Greeter answers HTTP requests without a span: wrap the gateway mux with otelhttp.NewHandler where it is served`
	gw.HandlePath("GET", "/v1/version", func(w http.ResponseWriter, r *http.Request, p map[string]string) { // want `handler func literal in main serves /v1/version without a span: start one with tracer.Start\(r.Context\(\), "/v1/version"\) or wrap the gateway mux with otelhttp.NewHandler`
	})
	http.ListenAndServe(":8080", gw)
}

func traced() error {
	ctx := context.Background()
	gw := runtime.NewServeMux()
	if err := pb.RegisterOrdersHandlerFromEndpoint(ctx, gw, "localhost:9090", nil); err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/", gw)
	return http.ListenAndServe(":8081", otelhttp.NewHandler(mux, "gateway"))
}
