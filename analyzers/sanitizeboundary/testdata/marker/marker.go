// Package marker is analyzed with marker "<redacted>" and extra key "pin".
package marker

import "log/slog"

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
