package traceapi

// Import paths of Google Cloud Pub/Sub: v2 (v2.6.2) and v1.
const (
	PubSub   = "cloud.google.com/go/pubsub/v2"
	PubSubV1 = "cloud.google.com/go/pubsub"
)

// PubSubLib is Google Cloud Pub/Sub: the Receive callback handles one
// message. A client created with ClientConfig{EnableOpenTelemetryTracing:
// true} runs every callback in a span.
var PubSubLib = Lib{
	Bad: `client.Subscriber("orders-sub").Receive(ctx, func(ctx context.Context, m *pubsub.Message) {
	process(ctx, m) // message handler ... consumes messages without a span
	m.Ack()
})`,
	Good: `client, _ := pubsub.NewClientWithConfig(ctx, project,
	&pubsub.ClientConfig{EnableOpenTelemetryTracing: true}) // or tracer.Start in the callback
client.Subscriber("orders-sub").Receive(ctx, func(ctx context.Context, m *pubsub.Message) {
	process(ctx, m)
	m.Ack()
})`,
	Name:    "Google Cloud Pub/Sub",
	Modules: []string{"cloud.google.com/go"},
	Subscriptions: map[string]Subscription{
		"(*" + PubSub + ".Subscriber).Receive":     {-1, 1, false},
		"(*" + PubSubV1 + ".Subscription).Receive": {-1, 1, false},
	},
	TracingFlags: []string{PubSub + ".ClientConfig.EnableOpenTelemetryTracing", PubSubV1 + ".ClientConfig.EnableOpenTelemetryTracing"},
}
