package traceapi

// Gateway is the import path of the grpc-gateway runtime (v2.27.8).
const Gateway = "github.com/grpc-ecosystem/grpc-gateway/v2/runtime"

// GatewayLib is grpc-gateway: runtime.NewServeMux is an http.Handler
// served over net/http. The services registered on it by the generated
// Register<Svc>Handler{,Server,Client,FromEndpoint}(ctx, mux, ...) and
// the handlers of HandlePath answer HTTP requests: wrapping the mux with
// otelhttp.NewHandler (or a tracing runtime.WithMiddlewares) traces them.
var GatewayLib = Lib{
	Bad: `gw := runtime.NewServeMux()
pb.RegisterGreeterHandlerFromEndpoint(ctx, gw, "localhost:9090", opts) // gRPC-gateway service Greeter answers HTTP requests without a span
http.ListenAndServe(":8081", gw)`,
	Good: `gw := runtime.NewServeMux()
pb.RegisterGreeterHandlerFromEndpoint(ctx, gw, "localhost:9090", opts)
http.ListenAndServe(":8081", otelhttp.NewHandler(gw, "gateway"))`,
	Name:      "grpc-gateway",
	Modules:   []string{"github.com/grpc-ecosystem/grpc-gateway"},
	Framework: GatewayF,
	// runtime.HandlerFunc: func(w, r, pathParams map[string]string).
	Handlers:     []HandlerSig{{Params: []string{NetHTTP + ".ResponseWriter", "*" + NetHTTP + ".Request", ""}}},
	Hint:         "start one with tracer.Start(r.Context(), %q) or wrap the gateway mux with otelhttp.NewHandler",
	RouterTypes:  []string{Gateway + ".ServeMux"},
	GatewayMuxes: []string{Gateway + ".ServeMux"},
	Registrations: map[string]Registration{
		"(*" + Gateway + ".ServeMux).HandlePath": {Route: 1, Handler: 2, Framework: GatewayF},
	},
	MiddlewareCarriers: []string{Gateway + ".WithMiddlewares"},
}
