package sqspkg

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"go.opentelemetry.io/otel"
)

func handle(ctx context.Context, m types.Message) {}

func Poll(ctx context.Context, client *sqs.Client, url string) error {
	for {
		out, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &url, MaxNumberOfMessages: 10})
		if err != nil {
			return err
		}
		for _, m := range out.Messages { // want `message loop in Poll handles each message without a span`
			handle(ctx, m)
		}
	}
}

func Traced(ctx context.Context, client *sqs.Client, url string) error { // want Traced:"startsSpan"
	out, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &url})
	if err != nil {
		return err
	}
	for _, m := range out.Messages {
		ctx, span := otel.Tracer("sqs").Start(ctx, "sqs.process")
		handle(ctx, m)
		span.End()
	}
	return nil
}

// deleteAll only builds a batch request: not a consumer of the messages.
func deleteAll(msgs []types.Message) []string {
	var ids []string
	for _, m := range msgs {
		ids = append(ids, *m.ReceiptHandle)
	}
	return ids
}

var _ = deleteAll
