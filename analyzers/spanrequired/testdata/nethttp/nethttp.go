package nethttp

import (
	"context"
	"net/http"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
)

func listUsers(w http.ResponseWriter, r *http.Request) {} // want `handler listUsers serves /users without a span: start one with tracer.Start\(r.Context\(\), "listUsers"\) or wrap the router with otelhttp.NewHandler`

func getOrder(w http.ResponseWriter, r *http.Request) { // want getOrder:"startsSpan"
	_, span := otel.Tracer("orders").Start(r.Context(), "getOrder")
	defer span.End()
}

// startSpan is the service's own helper: found without configuration.
func startSpan(ctx context.Context, name string) (context.Context, trace.Span) { // want startSpan:"startsSpan"
	return otel.Tracer("svc").Start(ctx, name)
}

func viaHelper(w http.ResponseWriter, r *http.Request) { // want viaHelper:"startsSpan"
	_, span := startSpan(r.Context(), "viaHelper")
	defer span.End()
}

func deeper(w http.ResponseWriter, r *http.Request) { viaHelper(w, r) } // want deeper:"startsSpan"

func healthz(w http.ResponseWriter, r *http.Request) {}

func readyz(w http.ResponseWriter, r *http.Request) {}

func pprofIndex(w http.ResponseWriter, r *http.Request) {}

func getItem(w http.ResponseWriter, r *http.Request) {} // want `handler getItem serves /items/\{id\} without a span`

func wrappedAtRegistration(w http.ResponseWriter, r *http.Request) {}

// logging is middleware: it only delegates to next.
func logging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
	})
}

type status struct{}

func (status) ServeHTTP(w http.ResponseWriter, r *http.Request) {} // want `handler status.ServeHTTP serves /status without a span` ServeHTTP:"noSpan"

const usersRoute = "/users"

func Main() {
	mux := http.NewServeMux()
	mux.HandleFunc(usersRoute, listUsers)
	mux.HandleFunc("/orders", getOrder)
	mux.HandleFunc("/helper", viaHelper)
	mux.HandleFunc("/deeper", deeper)
	mux.HandleFunc("/healthz", healthz)
	mux.HandleFunc("GET /readyz", readyz)
	mux.HandleFunc("/debug/pprof/", pprofIndex)
	mux.Handle("/items/{id}", logging(http.HandlerFunc(getItem)))
	mux.Handle("/wrapped", otelhttp.NewHandler(http.HandlerFunc(wrappedAtRegistration), "wrapped"))
	mux.Handle("/status", status{})
	mux.Handle("/lit", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { // want `handler func literal in Main serves /lit without a span: start one with tracer.Start\(r.Context\(\), "/lit"\)`
	}))
	http.ListenAndServe(":8080", mux)
}

func tracedA(w http.ResponseWriter, r *http.Request) {}

// Traced routers: wrapped where they are served.
func Traced() {
	mux := http.NewServeMux()
	mux.HandleFunc("/a", tracedA)
	http.ListenAndServe(":8081", otelhttp.NewHandler(mux, "api"))

	mux2 := http.NewServeMux()
	mux2.HandleFunc("/a", tracedA)
	h := otelhttp.NewMiddleware("api")(logging(mux2))
	srv := &http.Server{Addr: ":8082", Handler: h}
	srv.ListenAndServe()

	mux3 := http.NewServeMux()
	mux3.HandleFunc("/a", tracedA)
	http.ListenAndServe(":8083", Tracing("api")(CorrelationID(mux3)))
}

// Tracing is the team's tracing middleware: a fact says it starts a span.
func Tracing(name string) func(http.Handler) http.Handler { // want Tracing:"wrapsSpan"
	return func(next http.Handler) http.Handler { return otelhttp.NewHandler(next, name) }
}

// CorrelationID is plain middleware.
func CorrelationID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { next.ServeHTTP(w, r) })
}

func untracedB(w http.ResponseWriter, r *http.Request) {} // want `handler untracedB serves /b without a span`

func serverC(w http.ResponseWriter, r *http.Request) {} // want `handler serverC serves /c without a span`

func legacy(w http.ResponseWriter, r *http.Request) {} // want `handler legacy serves /legacy without a span`

func neverServed(w http.ResponseWriter, r *http.Request) {}

func Untraced() {
	mux := http.NewServeMux()
	mux.HandleFunc("/b", untracedB)
	http.ListenAndServe(":8084", CorrelationID(mux))

	mux3 := http.NewServeMux()
	mux3.HandleFunc("/c", serverC)
	srv := &http.Server{Addr: ":8085"}
	srv.Handler = mux3
	srv.ListenAndServe()

	http.HandleFunc("/legacy", legacy)
	http.ListenAndServe(":8086", nil)

	// Built but never served here: the caller is out of sight.
	mux4 := http.NewServeMux()
	mux4.HandleFunc("/never", neverServed)
	_ = mux4
}

type api struct{ mux *http.ServeMux }

func (a *api) users(w http.ResponseWriter, r *http.Request) {} // want `handler api.users serves /field without a span`

func (a *api) routes() {
	a.mux = http.NewServeMux()
	a.mux.HandleFunc("/field", a.users)
}

func (a *api) serve() {
	http.ListenAndServe(":8087", a.mux)
}

// serveOn serves its parameter: its callers' routers are served.
func serveOn(h http.Handler) { http.ListenAndServe(":8088", h) } // want serveOn:"router\\(0 handlers, 1 params\\)"

func viaParam(w http.ResponseWriter, r *http.Request) {} // want `handler viaParam serves /param without a span`

func ServeViaParam() {
	mux := http.NewServeMux()
	mux.HandleFunc("/param", viaParam)
	serveOn(mux)
}

// Serving a local file server is the endpoint's own work, not delegation.
func Files() {
	fs := http.FileServer(http.Dir("."))
	mux := http.NewServeMux()
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { // want `handler func literal in Files serves / without a span`
		fs.ServeHTTP(w, r)
	}))
	mux.Handle("/mw", recoverer{next: mux})
	http.ListenAndServe(":8089", mux)
}

// recoverer is middleware: it hands on to its next field.
type recoverer struct{ next http.Handler }

func (m recoverer) ServeHTTP(w http.ResponseWriter, r *http.Request) { m.next.ServeHTTP(w, r) }

type chain struct {
	mws []func(http.Handler) http.Handler
}

func newChain(mws ...func(http.Handler) http.Handler) chain { return chain{mws} }

func (c chain) Then(h http.Handler) http.Handler {
	for i := len(c.mws) - 1; i >= 0; i-- {
		h = c.mws[i](h)
	}
	return h
}

func chained(w http.ResponseWriter, r *http.Request) {}

// A middleware chain holding otelhttp's middleware traces the router.
func Chained() {
	mux := http.NewServeMux()
	mux.HandleFunc("/chained", chained)
	http.ListenAndServe(":8090", newChain(otelhttp.NewMiddleware("api")).Then(mux))
}

func fieldWrapped(w http.ResponseWriter, r *http.Request) {}

// The server's handler is wrapped after the server is built.
func ServerWrappedLater() {
	mux := http.NewServeMux()
	mux.HandleFunc("/later", fieldWrapped)
	srv := &http.Server{Addr: ":8091", Handler: mux}
	srv.Handler = otelhttp.NewHandler(srv.Handler, "api")
	srv.ListenAndServe()
}

const pathMetrics = "/metrics"

func scrape(w http.ResponseWriter, r *http.Request) {}

// The route is a variable assigned once: still the exempt /metrics.
func MetricsVar() {
	p := pathMetrics
	mux := http.NewServeMux()
	mux.HandleFunc(p, scrape)
	http.ListenAndServe(":8092", mux)
}

// withSpan is generic: calls to its instantiations start a span.
func withSpan[T any](ctx context.Context, v T) T { // want withSpan:"startsSpan"
	_, span := otel.Tracer("svc").Start(ctx, "withSpan")
	defer span.End()
	return v
}

func generic(w http.ResponseWriter, r *http.Request) { _ = withSpan(r.Context(), 1) } // want generic:"startsSpan"

func Generic() {
	mux := http.NewServeMux()
	mux.HandleFunc("/generic", generic)
	http.ListenAndServe(":8093", mux)
}

// Tracer is the team's own tracer interface: Start has a span start's shape.
type Tracer interface {
	Start(ctx context.Context, name string) (context.Context, trace.Span)
}

type shaped struct{ tr Tracer }

func (s shaped) get(w http.ResponseWriter, r *http.Request) { // want get:"startsSpan"
	_, span := s.tr.Start(r.Context(), "get")
	defer span.End()
}

// SpanFromContext returns a span but starts none.
func (s shaped) fromContext(w http.ResponseWriter, r *http.Request) { // want `handler shaped.fromContext serves /from-context without a span`
	trace.SpanFromContext(r.Context()).AddEvent("x")
}

func Shaped(s shaped) {
	mux := http.NewServeMux()
	mux.HandleFunc("/shaped", s.get)
	mux.HandleFunc("/from-context", s.fromContext)
	http.ListenAndServe(":8094", mux)
}

type probes struct{ healthPath, usersPath string }

func (p probes) healthCheck(w http.ResponseWriter, r *http.Request) {}

func (p probes) listAll(w http.ResponseWriter, r *http.Request) {} // want `handler probes.listAll serves requests without a span`

// Routes from configuration: a handler named after an exempt route is exempt.
func Probes(p probes) {
	mux := http.NewServeMux()
	mux.HandleFunc(p.healthPath, p.healthCheck)
	mux.HandleFunc(p.usersPath, p.listAll)
	http.ListenAndServe(":8095", mux)
}

func (p probes) deliverAll(w http.ResponseWriter, r *http.Request) {} // want `handler probes.deliverAll serves requests without a span`

func (p probes) Liveness(w http.ResponseWriter, r *http.Request) {} // want Liveness:"noSpan"

func MoreProbes(p probes) {
	mux := http.NewServeMux()
	mux.HandleFunc(p.usersPath, p.deliverAll)
	mux.HandleFunc(p.healthPath, p.Liveness)
	http.ListenAndServe(":8096", mux)
}

func replaced(w http.ResponseWriter, r *http.Request) {}

// The literal's handler is replaced by a traced one.
func ServerReplaced() {
	mux := http.NewServeMux()
	mux.HandleFunc("/replaced", replaced)
	srv := &http.Server{Addr: ":8097", Handler: mux}
	srv.Handler = otelhttp.NewHandler(mux, "api")
	srv.ListenAndServe()
}

//obscheck:ignore spanrequired internal admin endpoint, traced by the sidecar
func adminOnly(w http.ResponseWriter, r *http.Request) {}

func Admin() {
	mux := http.NewServeMux()
	mux.HandleFunc("/admin", adminOnly)
	http.ListenAndServe(":8098", mux)
}

// app serves through its router field.
type app struct{ router *http.ServeMux }

func (a *app) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.router.ServeHTTP(w, r) }

func (a *app) orders(w http.ResponseWriter, r *http.Request) {} // want `handler app.orders serves /app/orders without a span`

func App() {
	mux := http.NewServeMux()
	a := &app{router: mux}
	mux.HandleFunc("/app/orders", a.orders)
	http.ListenAndServe(":8099", a)
}

// errHandler is not an http.Handler: ServeHTTP returns an error (Caddy's
// caddyhttp.Handler). Calling it is the endpoint's own work.
type errHandler interface {
	ServeHTTP(http.ResponseWriter, *http.Request) error
}

type chainServer struct{ chain errHandler }

func (c *chainServer) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want `handler chainServer.ServeHTTP serves requests without a span` ServeHTTP:"noSpan"
	_ = c.chain.ServeHTTP(w, r)
}

func Chain() { http.ListenAndServe(":8100", &chainServer{}) }
