package traceapi

// AMQP is the import path of the RabbitMQ client (v1.10.0).
const AMQP = "github.com/rabbitmq/amqp091-go"

// AMQPLib is RabbitMQ: ch.Consume returns a channel of deliveries; the
// loop receiving from it (range or <-) handles one delivery per turn.
var AMQPLib = Lib{
	Name:         "RabbitMQ (amqp091-go)",
	Modules:      []string{AMQP, "github.com/streadway/amqp"},
	MessageChans: []string{AMQP + ".Delivery", "github.com/streadway/amqp.Delivery"},
}
