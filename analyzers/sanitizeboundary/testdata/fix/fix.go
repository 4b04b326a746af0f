// Package fix checks the suggested fixes that write the redaction marker.
package fix

type Payment struct {
	Password string
	Email    string
	Token    []byte
	Notes    string
}

const stars = "***"

func SanitizePayment(p Payment) Payment {
	p.Password = "***" // want `blanks field Password with "\*\*\*"`
	p.Email = ""       // want `blanks field Email with ""`
	p.Notes = ""
	return p
}

func RedactLit(p Payment) Payment {
	return Payment{Password: stars, Email: "-"} // want `blanks field Password with "\*\*\*"` `blanks field Email with "-"`
}

func MaskMap(m map[string]string) {
	m["secret"] = "xxx" // want `blanks key "secret" with "xxx"`
}
