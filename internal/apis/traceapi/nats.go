package traceapi

// Import paths of nats.go (v1.55.0) and its jetstream package.
const (
	Nats      = "github.com/nats-io/nats.go"
	JetStream = "github.com/nats-io/nats.go/jetstream"
)

// NatsLib is NATS and JetStream: Subscribe callbacks, ChanSubscribe
// receive loops, Consume callbacks, Next loops.
var NatsLib = Lib{
	Bad: `nc.Subscribe("orders.created", func(m *nats.Msg) { // message handler ... consumes orders.created without a span
	process(context.Background(), m)
})`,
	Good: `nc.Subscribe("orders.created", func(m *nats.Msg) {
	ctx, span := tracer.Start(context.Background(), "orders.created")
	defer span.End()
	process(ctx, m)
})`,
	Name:    "NATS",
	Modules: []string{"github.com/nats-io"},
	Subscriptions: map[string]Subscription{
		"(*" + Nats + ".Conn).Subscribe":              {0, 1, false},
		"(*" + Nats + ".Conn).QueueSubscribe":         {0, 2, false},
		"(*" + Nats + ".Conn).ChanSubscribe":          {0, 1, true},
		"(*" + Nats + ".Conn).ChanQueueSubscribe":     {0, 2, true},
		"(" + Nats + ".JetStream).Subscribe":          {0, 1, false},
		"(" + Nats + ".JetStream).QueueSubscribe":     {0, 2, false},
		"(" + Nats + ".JetStream).ChanSubscribe":      {0, 1, true},
		"(" + Nats + ".JetStream).ChanQueueSubscribe": {0, 2, true},
		"(" + JetStream + ".Consumer).Consume":        {-1, 0, false},
	},
	LoopReceivers: []string{
		"(" + JetStream + ".MessagesContext).Next",
		"(*" + Nats + ".Subscription).NextMsg",
		"(*" + Nats + ".Subscription).NextMsgWithContext",
	},
}
