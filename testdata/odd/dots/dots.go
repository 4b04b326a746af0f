// Package dots uses dot-imports, method values and closures.
package dots

import (
	. "log/slog"
	"net/http"

	. "github.com/prometheus/client_golang/prometheus"
)

var c = NewCounter(CounterOpts{Name: "noetl_dots_total", Help: "h"})

// Run logs through a method value and a closure.
func Run(l *Logger) {
	warn := l.Warn
	warn("method value")
	f := func(msg string) { Error(msg) }
	f("closure")
	defer func() { recover() }()
	go l.Error("in goroutine")
	c.Inc()
	http.HandleFunc("/x", func(w http.ResponseWriter, r *http.Request) {})
}
