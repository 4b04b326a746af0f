package lc

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
)

const execKey = attribute.Key("execution_id")

func otel(ctx context.Context, meter metric.Meter, span trace.Span, tracer trace.Tracer, execID, tool string, err error) {
	c, _ := meter.Int64Counter("noetl.commands")
	h, _ := meter.Float64Histogram("noetl.duration", metric.WithUnit("s"))

	c.Add(ctx, 1, metric.WithAttributes(attribute.String("execution_id", execID))) // want `label "execution_id" on metric "noetl.commands" is a correlation key`
	c.Add(ctx, 1, metric.WithAttributes(attribute.String("tool", tool)))
	c.Add(ctx, 1, metric.WithAttributes(execKey.String(execID)))                                                   // want `label "execution_id"`
	c.Add(ctx, 1, metric.WithAttributes(attribute.Key("request.id").String(execID)))                               // want `label "request.id" on metric "noetl.commands" is an unbounded id`
	c.Add(ctx, 1, metric.WithAttributeSet(attribute.NewSet(attribute.String("trace_id", "t"))))                    // want `label "trace_id"`
	h.Record(ctx, 1, metric.WithAttributes(attribute.KeyValue{Key: "span_id", Value: attribute.StringValue("s")})) // want `label "span_id"`
	attrs := []attribute.KeyValue{attribute.String("tool", tool), attribute.String("command_id", "x")}             // want `label "command_id" on metric "noetl.duration"`
	h.Record(ctx, 1, metric.WithAttributes(attrs...))
	set := attribute.NewSet(attribute.String("event_id", "e")) // want `label "event_id"`
	c.Add(ctx, 1, metric.WithAttributeSet(set))
	c.Add(ctx, 1, metric.WithAttributes(attribute.String("error", err.Error()))) // want `label "error" on metric "noetl.commands" takes error text`

	// Spans are the right place for ids: not reported.
	span.SetAttributes(attribute.String("execution_id", execID))
	_, s := tracer.Start(ctx, "x", trace.WithAttributes(attribute.String("execution_id", execID)))
	s.End()
}

func observe(meter metric.Meter, execID string) {
	g, _ := meter.Int64ObservableGauge("noetl.queue.depth")
	meter.RegisterCallback(func(_ context.Context, o metric.Observer) error {
		o.ObserveInt64(g, 1, metric.WithAttributes(attribute.String("execution_id", execID))) // want `label "execution_id" on metric "noetl.queue.depth" is a correlation key`
		o.ObserveInt64(g, 1, metric.WithAttributes(attribute.String("queue", "a")))
		return nil
	}, g)
	meter.Int64ObservableCounter("noetl.ticks", metric.WithInt64Callback(func(_ context.Context, o metric.Int64Observer) error {
		o.Observe(1, metric.WithAttributes(attribute.String("request_id", execID))) // want `label "request_id" is an unbounded id`
		return nil
	}))
}
