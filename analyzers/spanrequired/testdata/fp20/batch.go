package fp20

import (
	"bytes"
	"context"

	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kgo"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
)

func store(ctx context.Context, r *kgo.Record) {}

// Batch starts one span per poll and links every record's context to it:
// links count as coverage.
func Batch(ctx context.Context, cl *kgo.Client) { // want Batch:"startsSpan"
	fetches := cl.PollFetches(ctx)
	ctx, span := otel.Tracer("batch").Start(ctx, "poll")
	defer span.End()
	for _, r := range fetches.Records() {
		span.AddLink(trace.LinkFromContext(r.Context))
		store(ctx, r)
	}
}

// BatchLinks collects the links first and starts the batch span with them.
func BatchLinks(ctx context.Context, cl *kgo.Client) { // want BatchLinks:"startsSpan"
	records := cl.PollFetches(ctx).Records()
	var links []trace.Link
	for _, r := range records {
		links = append(links, trace.Link{SpanContext: trace.SpanContextFromContext(r.Context)})
	}
	ctx, span := otel.Tracer("batch").Start(ctx, "block", trace.WithLinks(links...))
	defer span.End()
	for _, r := range records {
		store(ctx, r)
	}
}

// OneSpan processes every record in one span and links none: reported.
func OneSpan(ctx context.Context, cl *kgo.Client) { // want OneSpan:"startsSpan"
	records := cl.PollFetches(ctx).Records()
	ctx, span := otel.Tracer("batch").Start(ctx, "poll")
	defer span.End()
	for _, r := range records { // want `message loop in OneSpan handles every message in one span started outside the loop`
		store(ctx, r)
	}
}

// Lag only updates metrics for each fetched record: no message handled.
func Lag(ctx context.Context, cl *kgo.Client, fetched metric.Int64Counter) {
	for _, r := range cl.PollFetches(ctx).Records() {
		fetched.Add(ctx, int64(len(r.Value)))
	}
}

// Process handles each record without a span: reported.
func Process(ctx context.Context, cl *kgo.Client) {
	for _, r := range cl.PollFetches(ctx).Records() { // want `message loop in Process handles each message without a span`
		store(ctx, r)
	}
}

// Tail is a bounded read for a query API: up to n messages concatenated.
func Tail(ctx context.Context, rd *kafka.Reader, n int) ([]byte, error) {
	var buf bytes.Buffer
	for i := 0; i < n; i++ {
		m, err := rd.ReadMessage(ctx)
		if err != nil {
			return nil, err
		}
		buf.Write(m.Value)
		buf.WriteByte('\n')
	}
	return buf.Bytes(), nil
}

func handle(ctx context.Context, m kafka.Message) {}

// Consume reads forever and handles each message: reported.
func Consume(ctx context.Context, rd *kafka.Reader) error {
	for { // want `message loop in Consume handles each message without a span`
		m, err := rd.ReadMessage(ctx)
		if err != nil {
			return err
		}
		handle(ctx, m)
	}
}

// EachLag is Lag with a callback: the same verdict.
func EachLag(ctx context.Context, cl *kgo.Client, fetched metric.Int64Counter) {
	cl.PollFetches(ctx).EachRecord(func(r *kgo.Record) {
		fetched.Add(ctx, 1)
	})
}

// EachStore handles each record in the callback: reported.
func EachStore(ctx context.Context, cl *kgo.Client) {
	cl.PollFetches(ctx).EachRecord(func(r *kgo.Record) { // want `message handler func literal in EachStore consumes messages without a span`
		store(ctx, r)
	})
}
