package traceapi

// Import paths of the Kafka clients.
const (
	Sarama    = "github.com/IBM/sarama" // v1.61.1
	OldSarama = "github.com/Shopify/sarama"
	KafkaGo   = "github.com/segmentio/kafka-go"    // v0.4.51
	Kgo       = "github.com/twmb/franz-go/pkg/kgo" // franz-go v1.21.5
)

// SaramaLib is sarama: the loop over claim.Messages() in ConsumeClaim.
var SaramaLib = Lib{
	Bad: `func (h handler) ConsumeClaim(s sarama.ConsumerGroupSession, c sarama.ConsumerGroupClaim) error {
	for m := range c.Messages() { // message loop in handler.ConsumeClaim handles each message without a span
		process(s.Context(), m)
	}
	return nil
}`,
	Good: `func (h handler) ConsumeClaim(s sarama.ConsumerGroupSession, c sarama.ConsumerGroupClaim) error {
	for m := range c.Messages() {
		ctx, span := tracer.Start(s.Context(), "orders.consume")
		process(ctx, m)
		span.End()
	}
	return nil
}`,
	Name:    "sarama",
	Modules: []string{Sarama, OldSarama},
	LoopReceivers: []string{
		"(" + Sarama + ".ConsumerGroupClaim).Messages",
		"(" + OldSarama + ".ConsumerGroupClaim).Messages",
	},
	ConsumerGroupHandlers: map[string]string{
		Sarama + ".ConsumerGroupHandler":    "ConsumeClaim",
		OldSarama + ".ConsumerGroupHandler": "ConsumeClaim",
	},
}

// KafkaGoLib is segmentio/kafka-go: ReadMessage/FetchMessage loops.
var KafkaGoLib = Lib{
	Bad: `for {
	m, _ := reader.ReadMessage(ctx) // one span for the whole loop, or none
	process(ctx, m)
}`,
	Good: `for {
	m, _ := reader.ReadMessage(ctx)
	ctx, span := tracer.Start(ctx, "orders.consume")
	process(ctx, m)
	span.End()
}`,
	Name:          "kafka-go",
	Modules:       []string{KafkaGo},
	LoopReceivers: names("(*"+KafkaGo+".Reader)", "ReadMessage", "FetchMessage"),
}

// FranzLib is franz-go: EachRecord callbacks and record loops.
var FranzLib = Lib{
	Bad: `fetches := client.PollFetches(ctx)
fetches.EachRecord(func(r *kgo.Record) { process(ctx, r) }) // without a span`,
	Good: `fetches := client.PollFetches(ctx)
fetches.EachRecord(func(r *kgo.Record) {
	ctx, span := tracer.Start(ctx, "orders.consume")
	defer span.End()
	process(ctx, r)
})`,
	Name:    "franz-go",
	Modules: []string{"github.com/twmb/franz-go"},
	Subscriptions: map[string]Subscription{
		"(" + Kgo + ".Fetches).EachRecord":              {-1, 0, false},
		"(*" + Kgo + ".FetchTopic).EachRecord":          {-1, 0, false},
		"(*" + Kgo + ".FetchPartition).EachRecord":      {-1, 0, false},
		"(*" + Kgo + ".FetchTopicPartition).EachRecord": {-1, 0, false},
	},
	LoopReceivers: []string{
		"(*" + Kgo + ".FetchesRecordIter).Next", // for !it.Done() { r := it.Next() }
		"(" + Kgo + ".Fetches).Records",         // for _, r := range fetches.Records()
		"(" + Kgo + ".Fetches).RecordsAll",      // for r := range fetches.RecordsAll()
	},
}
