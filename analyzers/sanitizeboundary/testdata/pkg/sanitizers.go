package pkg

import (
	"log/slog"
	"strings"
)

type Payment struct {
	Reference string
	Password  string
	Email     string
	Notes     string
}

// SanitizePayment returns a copy.
func SanitizePayment(p Payment) Payment {
	p.Password = "***" // want `sanitizer SanitizePayment blanks field Password with "\*\*\*" instead of the redaction marker "\[REDACTED\]"`
	p.Email = ""       // want `blanks field Email with ""`
	p.Notes = ""       // not sensitive
	return p
}

// RedactInPlace works on the pointer and returns nothing.
func RedactInPlace(p *Payment) {
	p.Password = "[REDACTED]"
	p.Email = strings.Repeat("*", len(p.Email)) // want `blanks field Email with a strings.Repeat mask`
}

// Redacted returns the receiver itself (in place, chainable).
func (p *Payment) Redacted() *Payment {
	p.Password = "[REDACTED]"
	return p
}

// MaskCopy returns a new value from a pointer.
func (p *Payment) MaskCopy() *Payment {
	cp := *p
	cp.Password = "[REDACTED]"
	return &cp
}

func SanitizeMap(m map[string]string) map[string]string {
	out := map[string]string{"password": "", "user": m["user"]} // want `blanks key "password" with ""`
	delete(m, "email")                                          // want `sanitizer SanitizeMap deletes sensitive key "email"`
	out["secret"] = "xxx"                                       // want `blanks key "secret" with "xxx"`
	return out
}

func SanitizeLit(p Payment) Payment {
	return Payment{Reference: p.Reference, Password: "[REDACTED]", Email: "-"} // want `blanks field Email with "-"`
}

func useSanitizers(p Payment, pp *Payment, m map[string]string, l *slog.Logger) {
	SanitizePayment(p)     // want `the result of sanitizer SanitizePayment is discarded, so p stays unsanitized`
	_ = SanitizePayment(p) // want `the result of sanitizer SanitizePayment is assigned to _`
	pp.MaskCopy()          // want `the result of sanitizer MaskCopy is discarded`
	Redact(p.Password)     // want `the result of sanitizer Redact is discarded`

	// In place: nothing is lost, and the value is sanitized afterwards.
	RedactInPlace(pp)
	l.Info("p", "p", pp)
	pp.Redacted()
	SanitizeMap(m) // want `the result of sanitizer SanitizeMap is discarded`
	q := SanitizePayment(p)
	l.Info("p", "p", q)
	l.Info("p", "p", SanitizePayment(p))
}
