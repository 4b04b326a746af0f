package traceapi

// OpenTelemetry: the tracer, otelhttp (net/http) and the span types of
// OpenTelemetry and OpenTracing.

// Import paths.
const (
	OtelTrace = "go.opentelemetry.io/otel/trace"                                // v1.47.0
	Otelhttp  = "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp" // v0.72.0
	Otelgin   = "go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin"
	Otelecho  = "go.opentelemetry.io/contrib/instrumentation/github.com/labstack/echo/otelecho"
	Otelmux   = "go.opentelemetry.io/contrib/instrumentation/github.com/gorilla/mux/otelmux"
	Otelgrpc  = "go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
)

// TracerType is the full name of the OpenTelemetry tracer interface; a
// package-level variable of this type lets the rule suggest a fix.
const TracerType = OtelTrace + ".Tracer"

// OTel is the OpenTelemetry tracing API and its net/http instrumentation.
var OTel = Lib{
	Name:         "OpenTelemetry",
	Modules:      []string{"go.opentelemetry.io"},
	SpanStarters: []string{"(" + OtelTrace + ".Tracer).Start"},
	SpanTypes: []string{
		OtelTrace + ".Span",
		"github.com/opentracing/opentracing-go.Span", // StartSpanFromContext(ctx, name) (Span, context.Context)
	},
	Wrappers: map[string]int{
		Otelhttp + ".NewHandler":   0, // NewHandler(handler http.Handler, operation string, opts ...Option) http.Handler
		Otelhttp + ".WithRouteTag": 1, // WithRouteTag(route string, h http.Handler) http.Handler (releases before v0.62)
	},
	Middleware: []string{Otelhttp + ".NewMiddleware"}, // func(http.Handler) http.Handler
}
