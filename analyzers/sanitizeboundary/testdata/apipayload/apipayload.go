// Package apipayload: a sanitize* function that strips a secret from an
// API response is not a log sanitizer; the same function feeding a log
// line is judged as one.
package apipayload

import (
	"encoding/json"
	"io"
	"log/slog"
)

type Client struct {
	ID     string
	Secret string
}

// sanitizeClient prepares the consent app's response: no log sees it.
func sanitizeClient(c Client) Client {
	c.Secret = ""
	return c
}

func respond(w io.Writer, c Client) error {
	return json.NewEncoder(w).Encode(sanitizeClient(c))
}

// sanitizeForLog feeds a log line: the marker is expected.
func sanitizeForLog(c Client) Client {
	c.Secret = "" // want `sanitizer sanitizeForLog blanks field Secret with "" instead of the redaction marker`
	return c
}

func logClient(l *slog.Logger, c Client) {
	l.Info("client", "client", sanitizeForLog(c))
}

// redactLocal cleans a local that is logged later.
func redactLocal(c Client) Client {
	c.Secret = "***" // want `sanitizer redactLocal blanks field Secret with "\*\*\*"`
	return c
}

func logLater(l *slog.Logger, c Client) {
	safe := redactLocal(c)
	l.Info("client", "client", safe)
}
