package watermillpkg

import (
	"context"

	"github.com/ThreeDotsLabs/watermill"
	"github.com/ThreeDotsLabs/watermill/message"
	"go.opentelemetry.io/otel"
)

func onOrder(msg *message.Message) ([]*message.Message, error) { return nil, nil } // want `message handler onOrder consumes orders.created without a span: start one per message with tracer.Start\(msg.Context\(\), "onOrder"\) or add the OpenTelemetry middleware`

func onRefund(msg *message.Message) error { return nil } // want `message handler onRefund consumes refunds without a span`

func onTraced(msg *message.Message) error { // want onTraced:"startsSpan"
	_, span := otel.Tracer("wm").Start(msg.Context(), "onTraced")
	defer span.End()
	return nil
}

func Run(ctx context.Context, sub message.Subscriber, pub message.Publisher) error {
	router, err := message.NewRouter(message.RouterConfig{}, watermill.NopLogger{})
	if err != nil {
		return err
	}
	router.AddHandler("orders", "orders.created", sub, "orders.confirmed", pub, onOrder)
	router.AddNoPublisherHandler("refunds", "refunds", sub, onRefund)
	router.AddNoPublisherHandler("traced", "traced", sub, onTraced)
	return router.Run(ctx)
}

// tracing is the team's Watermill middleware: one span per message.
func tracing(h message.HandlerFunc) message.HandlerFunc { // want tracing:"startsSpan"
	return func(msg *message.Message) ([]*message.Message, error) {
		ctx, span := otel.Tracer("wm").Start(msg.Context(), message.HandlerNameFromCtx(msg.Context()))
		defer span.End()
		msg.SetContext(ctx)
		return h(msg)
	}
}

func onShipped(msg *message.Message) error { return nil }

func onPaid(msg *message.Message) error { return nil }

// Traced adds the middleware to the router: every handler is covered.
func Traced(ctx context.Context, sub message.Subscriber) error {
	router, err := message.NewRouter(message.RouterConfig{}, watermill.NopLogger{})
	if err != nil {
		return err
	}
	router.AddMiddleware(tracing)
	router.AddNoPublisherHandler("shipped", "shipped", sub, onShipped)
	return router.Run(ctx)
}

// PerHandler adds it to one handler.
func PerHandler(ctx context.Context, sub message.Subscriber) error {
	router, err := message.NewRouter(message.RouterConfig{}, watermill.NopLogger{})
	if err != nil {
		return err
	}
	h := router.AddNoPublisherHandler("paid", "paid", sub, onPaid)
	h.AddMiddleware(tracing)
	return router.Run(ctx)
}
