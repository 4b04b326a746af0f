package fp20

import (
	"context"

	amqp "github.com/rabbitmq/amqp091-go"
)

// Handler is what a component's caller (a runtime) gives it: the
// per-message handler, traced or not, is the caller's.
type Handler func(ctx context.Context, body []byte) error

// Listen hands every delivery to its caller's handler, through a method:
// a dispatcher, not a handler.
func (c *Component) Listen(ctx context.Context, msgs <-chan amqp.Delivery, h Handler) {
	for d := range msgs {
		c.deliver(ctx, d, h)
	}
}

type Component struct{}

func (c *Component) deliver(ctx context.Context, d amqp.Delivery, h Handler) {
	if err := h(ctx, d.Body); err != nil {
		d.Nack(false, true)
		return
	}
	d.Ack(false)
}

func save(ctx context.Context, body []byte) {}

// Store handles every delivery itself: reported.
func (c *Component) Store(ctx context.Context, msgs <-chan amqp.Delivery) {
	for d := range msgs { // want `message loop in Component.Store handles each message without a span`
		save(ctx, d.Body)
		d.Ack(false)
	}
}
