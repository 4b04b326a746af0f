package pkg

import (
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
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

func externalSanitizers(u *url.URL, l *slog.Logger) {
	u.Redacted() // want `the result of sanitizer Redacted is discarded, so u stays unsanitized`
	l.Info("url", "u", u.Redacted())
}

// MarshalledUser redacts itself for zap; Formatted for fmt.
type MarshalledUser struct{ Password string }

func (MarshalledUser) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	enc.AddString("password", "[REDACTED]")
	return nil
}

type Formatted struct{ Password string }

func (Formatted) Format(f fmt.State, verb rune) { fmt.Fprint(f, "Formatted{[REDACTED]}") }

func selfRendering(z *zap.Logger, m MarshalledUser, f Formatted) {
	z.Info("m", zap.Object("m", m), zap.Any("m2", m), zap.Reflect("m3", &m))
	z.Sugar().Infof("%v %+v", f, &f)
	z.Info("f", zap.Any("f", f))
}

// maskBytes is websocket masking (from a real service): its int result is
// a position, not a sanitized copy, so discarding it is fine.
func maskBytes(key [4]byte, pos int, b []byte) int {
	for i := range b {
		b[i] ^= key[pos&3]
		pos++
	}
	return pos & 3
}

func websocketClose(buf []byte) {
	key := [4]byte{1, 2, 3, 4}
	maskBytes(key, 0, buf)
}

func constantOperands() {
	_ = Redact("pw")
	Redact(LoadSecret("x"))
}

func methodForms(req LoginRequest, preq *LoginRequest) {
	_ = req.Sanitized()  // want `the result of sanitizer Sanitized is assigned to _, so req stays unsanitized`
	preq.Sanitized()     // want `the result of sanitizer Sanitized is discarded, so preq stays unsanitized`
	_ = SanitizeAny(req) // want `the result of sanitizer SanitizeAny is assigned to _`
	_ = SanitizeAny(preq)
}

// SanitizeOmit builds a copy without the sensitive fields.
func SanitizeOmit(p Payment) Payment {
	return Payment{Reference: p.Reference, Notes: p.Notes} // want `sanitizer SanitizeOmit omits sensitive fields Password, Email from the copy it builds: .*set them to the redaction marker`
}

// SanitizeFull sets every sensitive field; helper literals of other types
// are not judged.
func SanitizeFull(p *Payment) *Payment {
	_ = LoginRequest{User: "x"}
	return &Payment{Reference: p.Reference, Password: "[REDACTED]", Email: "[REDACTED]"}
}
