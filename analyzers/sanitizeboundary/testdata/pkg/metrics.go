package pkg

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

var logins = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "noetl_logins_total", Help: "h"}, []string{"user", "email"})

func metrics(ctx context.Context, ctr metric.Int64Counter, req *LoginRequest, c *Creds) {
	logins.WithLabelValues(req.User, c.Name).Inc()                               // want `c.Name is attached under sensitive key "email" in the metric label "email"`
	logins.With(prometheus.Labels{"user": req.Password, "email": "x"}).Inc()     // want `req.Password \(field Password .* reaches the metric label "user"`
	ctr.Add(ctx, 1, metric.WithAttributes(attribute.String("username", c.Name))) // want `under sensitive key "username" in the metric label "username"`
	opt := metric.WithAttributes(attribute.String("api_key", c.Name))            // want `under sensitive key "api_key" in the metric attribute`
	ctr.Add(ctx, 1, opt)
	logins.WithLabelValues(req.User, "none").Inc()
	ctr.Add(ctx, 1, metric.WithAttributes(attribute.Int("password_len", len(req.Password))))
}
