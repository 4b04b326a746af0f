package traceapi

// NetHTTP is the import path of net/http.
const NetHTTP = "net/http"

// DefaultMux is the router the package-level net/http functions use.
const DefaultMux = NetHTTP + ".DefaultServeMux"

// NetHTTPLib is net/http: ServeMux, Handle/HandleFunc, servers.
var NetHTTPLib = Lib{
	Bad: `mux := http.NewServeMux()
mux.HandleFunc("/orders", handleOrders) // handler handleOrders serves /orders without a span
http.ListenAndServe(":8080", mux)`,
	Good: `mux := http.NewServeMux()
mux.HandleFunc("/orders", handleOrders)
mux.HandleFunc("/healthz", healthz) // exempt route
http.ListenAndServe(":8080", otelhttp.NewHandler(mux, "api"))`,
	Name:      "net/http",
	Framework: HTTP,
	Handlers:  []HandlerSig{{Params: []string{NetHTTP + ".ResponseWriter", "*" + NetHTTP + ".Request"}}},
	Hint:      "start one with tracer.Start(r.Context(), %q) or wrap the router with otelhttp.NewHandler",

	RouterTypes: []string{NetHTTP + ".ServeMux"},
	// The package-level functions register on DefaultMux.
	Registrations: join(
		methods(NetHTTP, []string{"Handle", "HandleFunc"}, Registration{Route: 0, Handler: 1, Framework: HTTP}),
		methods("(*"+NetHTTP+".ServeMux)", []string{"Handle", "HandleFunc"}, Registration{Route: 0, Handler: 1, Framework: HTTP}),
	),
	Strippers: map[string]Strip{NetHTTP + ".StripPrefix": {Prefix: 0, Handler: 1}},
	Serves: map[string]int{ // nil: DefaultMux
		NetHTTP + ".ListenAndServe":    1,
		NetHTTP + ".ListenAndServeTLS": 3,
		NetHTTP + ".Serve":             1,
		NetHTTP + ".ServeTLS":          1,
	},
	ServerHandlerFields: map[string]string{NetHTTP + ".Server": "Handler"},
	Delegations: []string{
		"(" + NetHTTP + ".Handler).ServeHTTP",
		"(" + NetHTTP + ".HandlerFunc).ServeHTTP",
	},
	// A handler that hijacks or flushes a stream serves a long-lived
	// connection (WebSocket, SSE, HTTP streaming, WebTransport): one span
	// for the connection's lifetime is not what tracing wants, so it is not
	// reported as a request handler. Upgrades of the WebSocket libraries
	// reach these (facts carry them through the module's own wrappers).
	Streaming: []string{
		"(" + NetHTTP + ".Hijacker).Hijack",
		"(*" + NetHTTP + ".ResponseController).Hijack",
		"(*github.com/gorilla/websocket.Upgrader).Upgrade",
		"github.com/coder/websocket.Accept",
		"nhooyr.io/websocket.Accept",
		"(*github.com/quic-go/webtransport-go.Server).Upgrade",
	},
	// Flushing in a loop streams (SSE, HTTP streaming); a server that
	// flushes once (a write timeout, a proxy) still answers requests.
	StreamFlush: []string{
		"(" + NetHTTP + ".Flusher).Flush",
		"(*" + NetHTTP + ".ResponseController).Flush",
	},
}
