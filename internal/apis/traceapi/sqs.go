package traceapi

// SQS is the import path of the AWS SDK v2 SQS client (v1.52.5).
const SQS = "github.com/aws/aws-sdk-go-v2/service/sqs"

// SQSLib is AWS SQS: the loop over the Messages of a ReceiveMessage
// result handles one message per turn.
var SQSLib = Lib{
	Bad: `out, _ := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &url})
for _, m := range out.Messages { // message loop in poll handles each message without a span
	process(ctx, m)
}`,
	Good: `out, _ := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &url})
for _, m := range out.Messages {
	ctx, span := tracer.Start(ctx, "sqs.process")
	process(ctx, m)
	span.End()
}`,
	Name:          "AWS SQS",
	Modules:       []string{"github.com/aws/aws-sdk-go-v2", "github.com/aws/smithy-go"},
	MessageRanges: map[string]string{"*" + SQS + ".ReceiveMessageOutput": "Messages"},
}
