// Package bus is the service's own messaging interface around *nats.Conn.
package bus

import (
	"context"

	"github.com/nats-io/nats.go"
)

// Bus is what the service subscribes through.
type Bus interface {
	Subscribe(subject string, h nats.MsgHandler) (*nats.Subscription, error) // want Subscribe:"subscribes\\(subject 0, handler 1\\)"
	Close()
}

type natsBus struct{ nc *nats.Conn }

// New returns the NATS implementation.
func New(nc *nats.Conn) Bus { return &natsBus{nc} }

func (b *natsBus) Subscribe(subject string, h nats.MsgHandler) (*nats.Subscription, error) { // want Subscribe:"subscribes\\(subject 0, handler 1\\)"
	return b.nc.Subscribe(subject, h)
}

func (b *natsBus) Close() { b.nc.Close() }

func audit(ctx context.Context, m *nats.Msg) {}

// Audit subscribes through the wrapper in the same package.
func Audit(b Bus) {
	b.Subscribe("audit", func(m *nats.Msg) { // want `message handler func literal in Audit consumes audit without a span`
		audit(context.Background(), m)
	})
}
