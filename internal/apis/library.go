package apis

import (
	"go/build"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// libraries are module path prefixes of the libraries the tables
// describe. Their packages are knowledge, not code under analysis: the
// rules analyze them (they may be named on the command line) but report
// nothing there, and export no facts from them.
var libraries = []string{
	// tracing and HTTP/RPC/messaging frameworks (traceapi)
	"go.opentelemetry.io/", "github.com/gin-gonic/", "github.com/labstack/", "github.com/go-chi/",
	"github.com/gorilla/", "google.golang.org/", "github.com/nats-io/", "github.com/IBM/sarama",
	"github.com/Shopify/sarama", "github.com/segmentio/kafka-go", "github.com/twmb/franz-go", "golang.org/x/",
	// logging (logapi)
	"go.uber.org/zap", "github.com/rs/zerolog", "github.com/sirupsen/logrus", "github.com/go-logr/logr", "k8s.io/klog",
	// metrics (metricapi)
	"github.com/prometheus/client_golang", "github.com/VictoriaMetrics/metrics",
}

// Library reports whether the package at path belongs to the standard
// library or to a library the tables describe.
func Library(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	if !strings.Contains(first, ".") {
		// Only a real standard library package: a module may be named
		// without a dot ("module myservice").
		return standard(path)
	}
	for _, l := range libraries {
		if strings.HasSuffix(l, "/") && strings.HasPrefix(path, l) || path == l || strings.HasPrefix(path, l+"/") {
			return true
		}
	}
	return false
}

var stdCache sync.Map

// standard reports whether path is a package of the Go distribution.
func standard(path string) bool {
	if v, ok := stdCache.Load(path); ok {
		return v.(bool)
	}
	ok := false
	if root := build.Default.GOROOT; root != "" && path != "" {
		st, err := os.Stat(filepath.Join(root, "src", filepath.FromSlash(path)))
		ok = err == nil && st.IsDir()
	}
	stdCache.Store(path, ok)
	return ok
}
