package traceapi

// Import paths of Watermill's message package (v1.5.1; v1.4 has no
// AddConsumerHandler) and its OpenTelemetry middleware
// (watermill-opentelemetry, not on the module proxy: names from its
// source).
const (
	Watermill     = "github.com/ThreeDotsLabs/watermill/message"
	WatermillOtel = "github.com/voi-oss/watermill-opentelemetry/pkg/opentelemetry"
)

// WatermillLib is Watermill: a message.Router is a router of message
// handlers (AddHandler, AddNoPublisherHandler), run by Run; middleware
// added to the router or to one handler covers it.
var WatermillLib = Lib{
	Bad: `router, _ := message.NewRouter(message.RouterConfig{}, logger)
router.AddNoPublisherHandler("orders", "orders.created", sub, onOrder) // message handler onOrder consumes orders.created without a span
router.Run(ctx)`,
	Good: `router, _ := message.NewRouter(message.RouterConfig{}, logger)
router.AddMiddleware(opentelemetry.Trace()) // or a middleware starting a span per message
router.AddNoPublisherHandler("orders", "orders.created", sub, onOrder)
router.Run(ctx)`,
	Name:      "Watermill",
	Modules:   []string{"github.com/ThreeDotsLabs/watermill"},
	Framework: WaterF,
	Handlers: []HandlerSig{
		{Params: []string{"*" + Watermill + ".Message"}, Results: 2}, // message.HandlerFunc
		{Params: []string{"*" + Watermill + ".Message"}, Results: 1}, // message.NoPublishHandlerFunc
	},
	Hint: "start one per message with tracer.Start(msg.Context(), %q) or add the OpenTelemetry middleware (opentelemetry.Trace()) with router.AddMiddleware",
	Wrappers: map[string]int{
		WatermillOtel + ".TraceHandler":          0,
		WatermillOtel + ".TraceNoPublishHandler": 0,
	},
	Middleware:  []string{WatermillOtel + ".Trace"},
	RouterTypes: names(Watermill, "Router", "Handler"),
	Registrations: map[string]Registration{
		"(*" + Watermill + ".Router).AddHandler":            {Route: 1, Handler: 5, Framework: WaterF, Returns: true},
		"(*" + Watermill + ".Router).AddNoPublisherHandler": {Route: 1, Handler: 3, Framework: WaterF, Returns: true},
		"(*" + Watermill + ".Router).AddConsumerHandler":    {Route: 1, Handler: 3, Framework: WaterF, Returns: true},
	},
	Uses:           []string{"(*" + Watermill + ".Router).AddMiddleware", "(*" + Watermill + ".Handler).AddMiddleware"},
	ServesReceiver: names("(*"+Watermill+".Router)", "Run", "RunHandlers"),
}
