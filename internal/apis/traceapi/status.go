package traceapi

import "github.com/obscheck/obscheck/internal/funcname"

// Knowledge for the spanstatus and spancorrelation rules: the OpenTelemetry
// span API (status, attributes, end), and the calls that report a failure
// to a client (HTTP status writes, gRPC and echo error values).

// Import paths of the span API.
const (
	OtelCodes = "go.opentelemetry.io/otel/codes" // v1.47.0
	GRPCCodes = GRPC + "/codes"
	GRPCStat  = GRPC + "/status"
)

// SpanType is the OpenTelemetry span interface; the rules follow
// variables of this type.
var SpanType = funcname.TypeKey{Path: OtelTrace, Name: "Span"}

// ContextType is context.Context.
var ContextType = funcname.TypeKey{Path: "context", Name: "Context"}

// SpanMethod is what a call does to the span it is made on.
type SpanMethod int

// Span methods the rules care about.
const (
	SetStatus     SpanMethod = iota + 1 // SetStatus(code, description)
	SetAttributes                       // SetAttributes(kv...)
	RecordError                         // RecordError(err, opts...): does not set the status
	End                                 // End(opts...)
)

// SpanMethods are the trace.Span methods by full name (promoted through
// the SDK's span interfaces, which embed trace.Span).
var SpanMethods = map[string]SpanMethod{
	"(" + OtelTrace + ".Span).SetStatus":     SetStatus,
	"(" + OtelTrace + ".Span).SetAttributes": SetAttributes,
	"(" + OtelTrace + ".Span).RecordError":   RecordError,
	"(" + OtelTrace + ".Span).End":           End,
}

// StatusError is the value of codes.Error, the status code that marks a
// span failed (codes.Unset = 0, codes.Ok = 2).
const StatusError = 1

// StatusCodeType is the type of SetStatus's first argument.
var StatusCodeType = funcname.TypeKey{Path: OtelCodes, Name: "Code"}

// SpanFromContext returns the span a context carries.
const SpanFromContext = OtelTrace + ".SpanFromContext"

// WithAttributes is the span start option carrying attributes; it is also
// an event option (RecordError(err, trace.WithAttributes(...))).
const WithAttributes = OtelTrace + ".WithAttributes"

// WithSpanKind is the span start option setting the kind.
const WithSpanKind = OtelTrace + ".WithSpanKind"

// SpanKindConsumer is trace.SpanKindConsumer's value.
const SpanKindConsumer = 5

// StatusWriters write an HTTP response status, at the given argument: a
// constant 5xx there is a failure of the request the span covers.
var StatusWriters = map[string]int{
	NetHTTP + ".Error": 2,
	"(" + NetHTTP + ".ResponseWriter).WriteHeader": 0,
}

// ErrorValues build the error a handler returns to its client; Code is the
// argument holding the status, GRPC whether it is a gRPC code (else an
// HTTP status). Only server-side codes make the return an error path: a
// client's bad request or a missing entity is not the server failing
// (OpenTelemetry's semantic conventions leave such server spans unset).
var ErrorValues = map[string]ErrorValue{
	GRPCStat + ".Error":                     {0, true},
	GRPCStat + ".Errorf":                    {0, true},
	GRPCStat + ".New":                       {0, true}, // status.New(code, msg).Err()
	GRPCStat + ".Newf":                      {0, true},
	Echo + ".NewHTTPError":                  {0, false},
	"(*" + Gin + ".Context).AbortWithError": {0, false},
}

// ErrorValue describes an entry of ErrorValues.
type ErrorValue struct {
	Code int
	GRPC bool
}

// GRPCServerFailure reports whether a gRPC status code is a server-side
// failure (Unknown, DeadlineExceeded, Unimplemented, Internal,
// Unavailable, DataLoss): the codes OpenTelemetry marks a server span
// failed for.
func GRPCServerFailure(code int64) bool {
	switch code {
	case 2, 4, 12, 13, 14, 15:
		return true
	}
	return false
}

// Responders answer a request with a status at the given argument and
// return an error only when writing the response fails: returning their
// result is an error path only for a 5xx status.
var Responders = map[string]int{}

func init() {
	for _, m := range []string{"JSON", "String", "NoContent", "HTML", "HTMLBlob", "Blob", "JSONBlob", "JSONP", "JSONPBlob", "JSONPretty", "XML", "XMLBlob", "XMLPretty", "Stream", "Redirect"} {
		Responders["("+Echo+".Context)."+m] = 0
	}
	for _, m := range []string{"AbortWithStatus", "AbortWithStatusJSON", "AbortWithStatusPureJSON", "Status", "Render", "IndentedJSON", "SecureJSON", "JSONP", "JSON", "AsciiJSON", "PureJSON", "XML", "YAML", "TOML", "ProtoBuf", "String", "Data", "DataFromReader"} {
		StatusWriters["(*"+Gin+".Context)."+m] = 0
	}
	for name, arg := range Responders {
		StatusWriters[name] = arg
	}
}

// NotFailures are error values that report an outcome, not a failure of
// the operation: the caller cancelled, a read found nothing or reached
// the end. Returning one leaves the span's status alone (OpenTelemetry's
// database and gRPC instrumentations do the same). rules.spanstatus
// .not_failures adds a project's own.
var NotFailures = funcname.NewSet([]string{
	"context.Canceled",
	"io.EOF",
	"database/sql.ErrNoRows",
})

// NotFailureCalls return such a value: the context's own error when it
// was cancelled (ctx.Err() is also DeadlineExceeded, which the rule then
// does not judge either).
var NotFailureCalls = funcname.NewSet([]string{
	"(context.Context).Err",
	"context.Cause",
})
