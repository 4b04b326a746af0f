package pubsubpkg

import (
	"context"

	"cloud.google.com/go/pubsub/v2"
	"go.opentelemetry.io/otel"
)

func handle(ctx context.Context, m *pubsub.Message) {}

func Receive(ctx context.Context, client *pubsub.Client) error {
	sub := client.Subscriber("orders-sub")
	return sub.Receive(ctx, func(ctx context.Context, m *pubsub.Message) { // want `message handler func literal in Receive consumes messages without a span: start one per message with tracer.Start\(ctx, "Receive"\)`
		handle(ctx, m)
		m.Ack()
	})
}

func onMessage(ctx context.Context, m *pubsub.Message) { // want onMessage:"startsSpan"
	ctx, span := otel.Tracer("ps").Start(ctx, "onMessage")
	defer span.End()
	handle(ctx, m)
}

func Traced(ctx context.Context, client *pubsub.Client) error {
	return client.Subscriber("orders-sub").Receive(ctx, onMessage)
}
