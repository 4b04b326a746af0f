// Package consumer: message-consumer spans carry the trace gate's
// attributes (rules.spancorrelation.consumer_attributes).
package consumer

import (
	"context"

	"github.com/nats-io/nats.go"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("consumer")

func handle(ctx context.Context, m *nats.Msg) {
	ctx, span := tracer.Start(ctx, "consumer.handle") // want `message-consumer span "consumer.handle" starts without attribute "correlation_id", "event.type"` `span "consumer.handle" starts without the "correlation_id" attribute although m.Header.Get\("correlation_id"\) holds it`
	defer span.End()
	_ = m.Header.Get("correlation_id")
	_ = ctx
}

func handleOK(ctx context.Context, m *nats.Msg) {
	id := m.Header.Get("correlation_id")
	ctx, span := tracer.Start(ctx, "consumer.ok", trace.WithAttributes(
		attribute.String("correlation_id", id),
		attribute.String("event.type", m.Subject),
	))
	defer span.End()
	_ = ctx
}

// A consumer span by kind.
func byKind(ctx context.Context, body []byte) {
	_, span := tracer.Start(ctx, "consumer.kind", trace.WithSpanKind(trace.SpanKindConsumer), trace.WithAttributes(attribute.String("event.type", "x"))) // want `message-consumer span "consumer.kind" starts without attribute "correlation_id"`
	span.End()
}

// Not a consumer: no requirement.
func internal(ctx context.Context) {
	_, span := tracer.Start(ctx, "consumer.internal")
	span.End()
}
