package traceapi

// AMQP is the import path of the RabbitMQ client (v1.10.0).
const AMQP = "github.com/rabbitmq/amqp091-go"

// AMQPLib is RabbitMQ: ch.Consume returns a channel of deliveries; the
// loop receiving from it (range or <-) handles one delivery per turn.
var AMQPLib = Lib{
	Bad: `msgs, _ := ch.Consume("orders", "svc", false, false, false, false, nil)
for d := range msgs { // message loop in consume handles each message without a span
	process(ctx, d)
	d.Ack(false)
}`,
	Good: `msgs, _ := ch.Consume("orders", "svc", false, false, false, false, nil)
for d := range msgs {
	ctx, span := tracer.Start(ctx, "orders.consume")
	process(ctx, d)
	d.Ack(false)
	span.End()
}`,
	Name:         "RabbitMQ (amqp091-go)",
	Modules:      []string{AMQP, "github.com/streadway/amqp"},
	MessageChans: []string{AMQP + ".Delivery", "github.com/streadway/amqp.Delivery"},
}
