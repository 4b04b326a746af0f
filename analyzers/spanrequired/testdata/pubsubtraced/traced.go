// Package pubsubtraced creates its client with OpenTelemetry tracing on:
// the library runs every Receive callback in a span.
package pubsubtraced

import (
	"context"

	"cloud.google.com/go/pubsub/v2"
)

func Receive(ctx context.Context) error {
	client, err := pubsub.NewClientWithConfig(ctx, "proj", &pubsub.ClientConfig{EnableOpenTelemetryTracing: true})
	if err != nil {
		return err
	}
	return client.Subscriber("orders-sub").Receive(ctx, func(ctx context.Context, m *pubsub.Message) {
		m.Ack()
	})
}
