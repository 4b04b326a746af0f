package pkg

import (
	"context"
	"errors"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

func spans(ctx context.Context, req *LoginRequest, c *Creds, st Stats) {
	ctx, span := otel.Tracer("t").Start(ctx, "login", trace.WithAttributes(attribute.String("user.email", c.Name))) // want `c.Name is attached under sensitive key "user.email" \(matches "email"\) in the span attribute "user.email" of trace.WithAttributes`
	defer span.End()
	span.SetAttributes(attribute.String("pw", req.Password))                         // want `req.Password \(field Password .* reaches the span attribute "pw" of \(trace.Span\).SetAttributes`
	span.SetAttributes(attribute.Key("access_token").String(c.Name))                 // want `under sensitive key "access_token"`
	span.AddEvent("login", trace.WithAttributes(attribute.String("secret", c.Name))) // want `under sensitive key "secret"`
	span.AddEvent("login for " + req.Password)                                       // want `reaches the span event name of \(trace.Span\).AddEvent`
	span.RecordError(fmt.Errorf("bad password %q", req.Password))                    // want `reaches the span error event of \(trace.Span\).RecordError`
	err := errors.New("bad token " + c.Inner.AccessToken)
	span.RecordError(err)                                               // want `err reaches the span error event .* carries a sensitive value: c.Inner.AccessToken`
	span.SetStatus(codes.Error, "login failed: "+req.Password)          // want `span status description`
	attrs := []attribute.KeyValue{attribute.String("password", c.Name)} // want `under sensitive key "password"`
	span.SetAttributes(attrs...)
	_, s2 := otel.Tracer("t").Start(ctx, "user "+req.Password) // want `reaches the span name of \(trace.Tracer\).Start`
	s2.End()

	// Safe.
	span.SetAttributes(attribute.Int("token_count", st.TokenCount), attribute.Bool("password_reset", st.PasswordReset))
	span.SetAttributes(attribute.String("user", req.User), attribute.Int("password.length", len(req.Password)))
	span.SetAttributes(attribute.String("password", Redact(req.Password)))
	span.RecordError(errors.New("bad password"))
	span.RecordError(fmt.Errorf("bad password (len %d)", len(req.Password)))
	span.SetStatus(codes.Error, "login failed")
}
