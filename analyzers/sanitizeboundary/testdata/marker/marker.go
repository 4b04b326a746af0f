// Package marker is analyzed with marker "<redacted>" and extra key "pin".
package marker

import (
	"log"
	"log/slog"

	"go.uber.org/zap"
)

type Card struct {
	Number string
	PIN    string
	Email  string
}

func RedactCard(c Card) Card {
	c.PIN = "<redacted>"
	c.Email = "[REDACTED]" // want `sanitizer RedactCard blanks field Email with "\[REDACTED\]" instead of the redaction marker "<redacted>"`
	return c
}

func use(l *slog.Logger, c Card) {
	l.Info("card", "pin", c.Number) // want `under sensitive key "pin"`
	l.Info("card", "card", c)       // want `with sensitive field Card.\{PIN, Email\}`
	l.Info("card", "card", RedactCard(c))
}

// A zap.Field printed whole is telemetry plumbing: its Key field names a
// key, it holds no data of the extra key "key".
func plumbing(err error, key string) {
	log.Println(zap.Error(err))
	log.Printf("%v", zap.String("k", "v"))
}
