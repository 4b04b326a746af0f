package traceapi

// Import paths of connect-go (v1.19.1) and otelconnect (v0.8.0).
const (
	Connect     = "connectrpc.com/connect"
	Otelconnect = "connectrpc.com/otelconnect"
)

// ConnectLib is connect-go: the generated New<Svc>Handler(svc, opts...)
// returns the service's path and http.Handler, mounted on a net/http
// router; the methods of svc are the handlers. otelconnect's interceptor,
// passed with connect.WithInterceptors, traces every method.
var ConnectLib = Lib{
	Bad: `mux := http.NewServeMux()
mux.Handle(greetv1connect.NewGreetServiceHandler(&greet.Server{}))
// handler Server.Greet serves connect procedure /greet.v1.GreetService/Greet without a span
http.ListenAndServe(":8080", mux)`,
	Good: `otelInterceptor, err := otelconnect.NewInterceptor()
if err != nil {
	return err
}
mux := http.NewServeMux()
mux.Handle(greetv1connect.NewGreetServiceHandler(&greet.Server{},
	connect.WithInterceptors(otelInterceptor)))
http.ListenAndServe(":8080", mux)`,
	Name:               "connect",
	Modules:            []string{"connectrpc.com"},
	Framework:          ConnectF,
	Hint:               "start one with tracer.Start(ctx, %q) or pass connect.WithInterceptors(otelconnect.NewInterceptor()) to the handler constructor",
	Middleware:         []string{Otelconnect + ".NewInterceptor"}, // (*Interceptor, error) since v0.5
	MiddlewareCarriers: []string{Connect + ".WithInterceptors", Connect + ".WithHandlerOptions", Connect + ".WithOptions"},
	Services:           []ServiceCtor{{Option: Connect + ".HandlerOption", Handler: NetHTTP + ".Handler"}},
}
