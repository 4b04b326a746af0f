package busclient

import (
	"context"

	"example.com/sr/fp20/bus"
	"github.com/nats-io/nats.go"
	"go.opentelemetry.io/otel"
)

func process(ctx context.Context, m *nats.Msg) {}

func onOrder(m *nats.Msg) { // want `message handler onOrder consumes orders.created without a span`
	process(context.Background(), m)
}

func onRefund(m *nats.Msg) { // want onRefund:"startsSpan"
	ctx, span := otel.Tracer("bus").Start(context.Background(), "refund")
	defer span.End()
	process(ctx, m)
}

// Run subscribes through the project's interface: the wrapper's facts
// make these subscriptions.
func Run(b bus.Bus) {
	b.Subscribe("orders.created", onOrder)
	b.Subscribe("refunds", onRefund)
}
