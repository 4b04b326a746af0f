// Package judged is analyzed with skip_startup off: start-up code is
// judged like any other.
package judged

import (
	"log/slog"
	"net/http"
)

func Run(log *slog.Logger) error {
	log.Warn("starting without TLS") // want `slog WARN log without`
	return http.ListenAndServe(":0", nil)
}
