package apis

import (
	"go/build"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Library is one library obscheck has knowledge of. Each has a knowledge
// file in this package (zap.go, slog.go, ...) declaring it as one literal
// passed to register; the rules compare libraries by this value, never by
// name.
type Library struct {
	// Name is the library's short name, for messages: "zap".
	Name string
	// Paths are the import paths of its packages: a path covers the
	// packages below it ("go.uber.org/zap" covers go.uber.org/zap/zapcore);
	// a path ending in "/" is a prefix ("go.opentelemetry.io/").
	Paths []string
	// Log is its logging API, nil if it is not a logging library.
	Log *Log
}

// String returns l's name.
func (l *Library) String() string {
	if l == nil {
		return ""
	}
	return l.Name
}

// Covers reports whether the package at path belongs to l.
func (l *Library) Covers(path string) bool {
	for _, p := range l.Paths {
		if strings.HasSuffix(p, "/") && strings.HasPrefix(path, p) || path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

var registry []*Library

// register adds a library to Libraries; knowledge files call it in their
// package-level declaration, so every library is registered before any
// other package runs.
func register(l *Library) *Library {
	registry = append(registry, l)
	return l
}

// Libraries returns every library of the knowledge files, in no
// particular order. The slice is shared: do not modify it.
func Libraries() []*Library { return registry }

// Libraries whose knowledge is still in the metricapi and traceapi tables
// rather than in a knowledge file of their own: known here by their paths
// only.
var (
	_ = register(&Library{Name: "opentelemetry", Paths: []string{"go.opentelemetry.io/"}})
	_ = register(&Library{Name: "frameworks", Paths: []string{
		"github.com/gin-gonic/", "github.com/labstack/", "github.com/go-chi/", "github.com/gorilla/",
		"google.golang.org/", "github.com/nats-io/", "github.com/IBM/sarama", "github.com/Shopify/sarama",
		"github.com/segmentio/kafka-go", "github.com/twmb/franz-go", "golang.org/x/",
	}})
	_ = register(&Library{Name: "prometheus", Paths: []string{"github.com/prometheus/client_golang"}})
	_ = register(&Library{Name: "victoriametrics", Paths: []string{"github.com/VictoriaMetrics/metrics"}})
)

// IsLibrary reports whether the package at path belongs to the standard
// library or to a library of the knowledge files. Their packages are
// knowledge, not code under analysis: the rules analyze them (they may be
// named on the command line) but report nothing there, and export no
// facts from them.
func IsLibrary(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	if !strings.Contains(first, ".") {
		// Only a real standard library package: a module may be named
		// without a dot ("module myservice").
		return standard(path)
	}
	for _, l := range registry {
		if l.Covers(path) {
			return true
		}
	}
	return false
}

// Logging returns the logging libraries.
func Logging() []*Library {
	var out []*Library
	for _, l := range registry {
		if l.Log != nil {
			out = append(out, l)
		}
	}
	return out
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
