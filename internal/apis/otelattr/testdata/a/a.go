package a

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
)

const K = "const.key"

func f(ctx context.Context, c metric.Int64Counter, span trace.Span, v string, dyn string) {
	c.Add(ctx, 1, metric.WithAttributes(attribute.String("k1", v), attribute.Int("k2", 2)))               // want `attr k1=v` `attr k2=2`
	c.Add(ctx, 1, metric.WithAttributes(attribute.Key(K).String(v)))                                      // want `attr const.key=v`
	c.Add(ctx, 1, metric.WithAttributeSet(attribute.NewSet(attribute.Bool("b", true))))                   // want `attr b=true`
	c.Add(ctx, 1, metric.WithAttributes(attribute.KeyValue{Key: "lit", Value: attribute.StringValue(v)})) // want `attr lit=v`
	attrs := []attribute.KeyValue{attribute.String("s1", v)}                                              // want `attr s1=v`
	c.Add(ctx, 1, metric.WithAttributes(attrs...))
	c.Add(ctx, 1, metric.WithAttributes(attribute.String(dyn, v)))      // want `attr \?=v`
	span.SetAttributes(attribute.Int64("span.k", 1))                    // want `attr span.k=1`
	span.AddEvent("e", trace.WithAttributes(attribute.String("ev", v))) // want `attr ev=v`
	c.Add(ctx, 1)                                                       // no attributes
	_ = attribute.String("alone", v)
}
