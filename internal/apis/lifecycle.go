package apis

// What obscheck knows about a service's process life cycle and about the
// values an execution arrives with. execidfield does not judge log lines
// outside any execution: code that starts the process, serves, or waits
// for it to stop (where no request or message exists to correlate with).
// The conformance test (lifecycle_conformance_test.go) resolves every
// key against the real modules.

// ServeCalls start serving requests, listen for connections, or wait for
// the process to be told to stop: a function making one (itself or in a
// closure) runs the process's life cycle, not an execution. Versions as
// in testdata/lifecycle/go.mod.
var ServeCalls = []string{
	"net/http.ListenAndServe",
	"net/http.ListenAndServeTLS",
	"net/http.Serve",
	"net/http.ServeTLS",
	"(*net/http.Server).ListenAndServe",
	"(*net/http.Server).ListenAndServeTLS",
	"(*net/http.Server).Serve",
	"(*net/http.Server).ServeTLS",
	"net.Listen",
	"net.ListenTCP",
	"net.ListenUnix",
	"net.ListenPacket",
	"(*net.ListenConfig).Listen",
	"crypto/tls.Listen",
	"os/signal.Notify",
	"os/signal.NotifyContext",
	"(*google.golang.org/grpc.Server).Serve",
	"(*github.com/gin-gonic/gin.Engine).Run",
	"(*github.com/gin-gonic/gin.Engine).RunTLS",
	"(*github.com/gin-gonic/gin.Engine).RunListener",
	"(*github.com/labstack/echo/v4.Echo).Start",
	"(*github.com/labstack/echo/v4.Echo).StartTLS",
	"(*github.com/labstack/echo/v4.Echo).StartServer",
}

// EntryTypes are parameter types of the process's entry points besides
// main and init: a cobra command's Run/RunE function is the body of the
// process for that command.
var EntryTypes = []string{
	"github.com/spf13/cobra.Command",
	"testing.M",
}

// ExecutionTypes are the parameter types an execution arrives with (a
// pointer to one counts too): a request and its response writer, a
// router's request context, an RPC stream or interceptor, a consumed
// message. A function taking one handles an execution, wherever it is
// declared.
var ExecutionTypes = []string{
	"net/http.Request",
	"net/http.ResponseWriter",
	"github.com/gin-gonic/gin.Context",
	"github.com/labstack/echo/v4.Context",
	"google.golang.org/grpc.ServerStream",
	"google.golang.org/grpc.UnaryServerInfo",
	"google.golang.org/grpc.StreamServerInfo",
	"github.com/nats-io/nats.go.Msg",
	"github.com/nats-io/nats.go/jetstream.Msg",
	"github.com/IBM/sarama.ConsumerMessage",
	"github.com/IBM/sarama.ConsumerGroupClaim",
	"github.com/segmentio/kafka-go.Message",
	"github.com/twmb/franz-go/pkg/kgo.Record",
}
