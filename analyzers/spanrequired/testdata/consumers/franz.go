package consumers

import (
	"context"

	"github.com/twmb/franz-go/pkg/kgo"
)

func Franz(ctx context.Context, cl *kgo.Client) { // want Franz:"startsSpan"
	for {
		fetches := cl.PollFetches(ctx)
		fetches.EachRecord(func(r *kgo.Record) { // want `message handler func literal in Franz consumes messages without a span`
			process(ctx, r.Value)
		})
		for _, r := range fetches.Records() { // want `message loop in Franz handles each message without a span`
			process(ctx, r.Value)
		}
		for r := range fetches.RecordsAll() {
			handle(ctx, r.Value)
		}
		it := fetches.RecordIter()
		for !it.Done() {
			r := it.Next()
			handle(ctx, r.Value)
		}
	}
}
