package amqppkg

import (
	"context"

	amqp "github.com/rabbitmq/amqp091-go"
	"go.opentelemetry.io/otel"
)

var tracer = otel.Tracer("amqp")

func process(ctx context.Context, d amqp.Delivery) {}

// Consume handles deliveries without a span.
func Consume(ch *amqp.Channel) error {
	msgs, err := ch.Consume("orders", "svc", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range msgs { // want `message loop in Consume handles each message without a span`
		process(context.Background(), d)
		d.Ack(false)
	}
	return nil
}

// worker receives deliveries from a channel handed to it.
func worker(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for { // want `message loop in worker handles each message without a span`
		select {
		case <-ctx.Done():
			return
		case d := <-deliveries:
			process(ctx, d)
		}
	}
}

// Traced starts one span per delivery.
func Traced(ch *amqp.Channel) error { // want Traced:"startsSpan"
	msgs, err := ch.ConsumeWithContext(context.Background(), "orders", "svc", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range msgs {
		ctx, span := tracer.Start(context.Background(), "orders.consume")
		process(ctx, d)
		span.End()
	}
	return nil
}

// Dispatch hands every delivery to a worker pool: the worker is the handler.
func Dispatch(msgs <-chan amqp.Delivery, work chan<- amqp.Delivery) {
	for d := range msgs {
		work <- d
	}
}

func use() { worker(context.Background(), nil) }
