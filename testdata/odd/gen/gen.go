// Package gen uses generics everywhere a rule looks.
package gen

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel"
	"go.uber.org/zap"
)

// Number is a constraint.
type Number interface{ ~int | ~float64 }

// Sum is generic.
func Sum[T Number](xs ...T) (s T) {
	for _, x := range xs {
		s += x
	}
	return s
}

// Box is a generic type with methods.
type Box[T any] struct{ V T }

// Log logs at ERROR through a generic receiver.
func (b Box[T]) Log(l *slog.Logger) { l.Error("box", "v", b.V) }

// Sanitize is a generic sanitizer.
func Sanitize[T any](v T) T { var zero T; return zero }

// Handler is a generic handler factory.
func Handler[T any](f func(T) string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var t T
		_, span := otel.Tracer("x").Start(r.Context(), "h")
		defer span.End()
		w.Write([]byte(f(t)))
	}
}

// Vec builds a metric vector through a generic helper.
func Vec[T ~string](name T) *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{Name: string(name), Help: "h"}, []string{"l"})
}

// ZapGeneric logs via a type parameter constrained to *zap.Logger methods.
func ZapGeneric[L interface{ Error(string, ...zap.Field) }](l L) { l.Error("x") }

func use(ctx context.Context) {
	_ = Sum(1, 2)
	_ = Box[int]{1}
	_ = Sanitize("pw")
	_ = Vec("noetl_x_total")
	_ = ctx
}
