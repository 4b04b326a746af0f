package consumers

import (
	"context"

	"github.com/IBM/sarama"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/segmentio/kafka-go"
	"go.opentelemetry.io/otel"
)

var tr = otel.Tracer("consumers")

func process(ctx context.Context, data []byte) {}

// handle starts the span per message.
func handle(ctx context.Context, data []byte) { // want handle:"startsSpan"
	ctx, span := tr.Start(ctx, "handle")
	defer span.End()
	process(ctx, data)
}

func onTraced(m *nats.Msg) { handle(context.Background(), m.Data) } // want onTraced:"startsSpan"

func Nats(nc *nats.Conn) {
	nc.Subscribe("orders.created", func(m *nats.Msg) { // want `message handler func literal in Nats consumes orders.created without a span: start one per message with tracer.Start\(ctx, "orders.created"\)`
		process(context.Background(), m.Data)
	})
	nc.QueueSubscribe("orders.paid", "workers", onTraced)
	nc.Subscribe("orders.cancelled", onCancelled)

	ch := make(chan *nats.Msg, 64)
	nc.ChanSubscribe("orders.shipped", ch)
	for m := range ch { // want `message loop in Nats handles each message without a span: start one per message inside the loop`
		process(context.Background(), m.Data)
	}
}

func onCancelled(m *nats.Msg) { process(context.Background(), m.Data) } // want `message handler onCancelled consumes orders.cancelled without a span`

func JetStream(ctx context.Context, cons jetstream.Consumer) { // want JetStream:"startsSpan"
	cons.Consume(func(msg jetstream.Msg) { // want `message handler func literal in JetStream consumes messages without a span: start one per message with tracer.Start\(ctx, "JetStream"\)`
		process(ctx, msg.Data())
	})
	it, _ := cons.Messages()
	for {
		msg, err := it.Next()
		if err != nil {
			return
		}
		handle(ctx, msg.Data())
	}
}

type groupHandler struct{}

func (groupHandler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (groupHandler) Cleanup(sarama.ConsumerGroupSession) error { return nil }
func (groupHandler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error { // want ConsumeClaim:"startsSpan"
	ctx, span := tr.Start(sess.Context(), "claim")
	defer span.End()
	for msg := range claim.Messages() { // want `message loop in groupHandler.ConsumeClaim handles every message in one span started outside the loop`
		process(ctx, msg.Value)
		sess.MarkMessage(msg, "")
	}
	return nil
}

type goodHandler struct{}

func (goodHandler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (goodHandler) Cleanup(sarama.ConsumerGroupSession) error { return nil }
func (goodHandler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error { // want ConsumeClaim:"startsSpan"
	for {
		select {
		case msg := <-claim.Messages():
			ctx, span := tr.Start(sess.Context(), "message")
			process(ctx, msg.Value)
			span.End()
		case <-sess.Context().Done():
			return nil
		}
	}
}

func Kafka(ctx context.Context, r *kafka.Reader) {
	for { // want `message loop in Kafka handles each message without a span`
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return
		}
		process(ctx, m.Value)
	}
}

func KafkaTraced(ctx context.Context, r *kafka.Reader) { // want KafkaTraced:"startsSpan"
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return
		}
		handle(ctx, m.Value)
		r.CommitMessages(ctx, m)
	}
}

// One message, no loop: not a consumer loop.
func ReadOne(ctx context.Context, r *kafka.Reader) {
	m, _ := r.ReadMessage(ctx)
	process(ctx, m.Value)
}

// Dispatch hands each message to workers: the workers are the handlers.
func Dispatch(ctx context.Context, r *kafka.Reader, jobs chan<- kafka.Message) {
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return
		}
		jobs <- m
	}
}
