package traceapi

import "github.com/obscheck/obscheck/internal/funcname"

// Knowledge for the otelinit rule: what initializes OpenTelemetry in a
// binary, and which calls make a binary a service that must (it serves
// requests or consumes messages).

// Otel is the OpenTelemetry API's global package.
const Otel = "go.opentelemetry.io/otel" // v1.47.0

// ProviderSetters install a global OpenTelemetry provider (until one is
// called, every tracer, meter and logger of the process is a no-op), or
// create an SDK provider a component then uses without installing it
// globally (caddy's tracing module). A binary calling one (or a function of
// its module that does, or a policy.otel_setup function) has initialized
// OpenTelemetry.
var ProviderSetters = funcname.NewSet([]string{
	Otel + ".SetTracerProvider",
	Otel + ".SetMeterProvider",
	Otel + ".SetLoggerProvider",
	Otel + "/log/global.SetLoggerProvider",
	Otel + "/sdk/trace.NewTracerProvider", // v1.47.0
	Otel + "/sdk/metric.NewMeterProvider", // v1.47.0
	Otel + "/sdk/log.NewLoggerProvider",   // v0.x
})

// EntryKind is what a binary does that makes it a service.
type EntryKind string

// Entry kinds, in the order findings name them.
const (
	ServesHTTP       EntryKind = "HTTP"
	ServesGRPC       EntryKind = "gRPC"
	ConsumesMessages EntryKind = "messages"
)

// EntryKinds lists the kinds in order.
var EntryKinds = []EntryKind{ServesHTTP, ServesGRPC, ConsumesMessages}

// Entries are the calls by which a process serves requests or consumes
// messages: its entry points. They extend the serve and subscription
// tables spanrequired uses (see addEntries) with the server methods that
// table does not need.
var Entries = map[string]EntryKind{
	"(*" + NetHTTP + ".Server).ListenAndServe":    ServesHTTP,
	"(*" + NetHTTP + ".Server).ListenAndServeTLS": ServesHTTP,
	"(*" + NetHTTP + ".Server).Serve":             ServesHTTP,
	"(*" + NetHTTP + ".Server).ServeTLS":          ServesHTTP,
	"(*" + GRPC + ".Server).Serve":                ServesGRPC,
	"(" + Sarama + ".ConsumerGroup).Consume":      ConsumesMessages,
	"(" + OldSarama + ".ConsumerGroup).Consume":   ConsumesMessages,
	"(*" + Kgo + ".Client).PollFetches":           ConsumesMessages,
	"(*" + Kgo + ".Client).PollRecords":           ConsumesMessages,
}

// addEntries runs once the libraries' tables are merged (traceapi.go's
// init: Go runs a package's init functions in file-name order, so this
// file's own init would see them empty).
func addEntries() {
	for name := range Serves {
		Entries[name] = ServesHTTP
	}
	for name := range ServesReceiver {
		Entries[name] = ServesHTTP
	}
	for name := range Subscriptions {
		Entries[name] = ConsumesMessages
	}
	for name := range LoopReceivers {
		Entries[name] = ConsumesMessages
	}
}
