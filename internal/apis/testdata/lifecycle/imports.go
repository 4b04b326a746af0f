// Package lifecycle imports every library lifecycle.go names, so that
// go.mod keeps them: the conformance test resolves the keys against
// these modules.
package lifecycle

import (
	_ "crypto/tls"
	_ "net"
	_ "net/http"
	_ "os/signal"
	_ "testing"

	_ "github.com/IBM/sarama"
	_ "github.com/gin-gonic/gin"
	_ "github.com/labstack/echo/v4"
	_ "github.com/nats-io/nats.go"
	_ "github.com/nats-io/nats.go/jetstream"
	_ "github.com/segmentio/kafka-go"
	_ "github.com/spf13/cobra"
	_ "github.com/twmb/franz-go/pkg/kgo"
	_ "google.golang.org/grpc"
)
