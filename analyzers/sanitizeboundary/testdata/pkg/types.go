package pkg

import (
	"log/slog"
	"strings"
)

// LoginRequest has sensitive fields.
type LoginRequest struct {
	User     string
	Password string
}

// Creds nests a token one level down.
type Creds struct {
	Name  string
	Inner struct {
		AccessToken string
	}
}

// Account nests a sensitive struct two levels down, by pointer.
type Account struct {
	ID    int
	Owner *Owner
}

type Owner struct {
	Profile Profile
}

type Profile struct {
	Email string
}

// SafeUser renders itself through slog.LogValuer.
type SafeUser struct {
	Name     string
	Password string
}

func (u SafeUser) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", u.Name), slog.String("password", "[REDACTED]"))
}

// Stringy controls its rendering only under fmt.
type Stringy struct {
	Password string
}

func (s Stringy) String() string { return "Stringy{***}" }

// Tagged hides its secret from JSON.
type Tagged struct {
	Name     string
	Password string `json:"-"`
}

// Hidden has only an unexported secret: JSON never renders it, %v does.
type Hidden struct {
	Name     string
	password string
}

// PublicProfile is allow-listed in .obscheck.yaml.
type PublicProfile struct {
	Email string
}

// Stats has keys that only contain a sensitive word.
type Stats struct {
	TokenCount    int
	PasswordReset bool
	EmailVerified bool
}

// Secret is a string type that renders itself.
type Secret string

func (Secret) String() string               { return "[REDACTED]" }
func (Secret) MarshalJSON() ([]byte, error) { return []byte(`"[REDACTED]"`), nil }
func (s Secret) LogValue() slog.Value       { return slog.StringValue("[REDACTED]") }

type Config struct {
	DSN      string
	Password Secret
}

// Redact is a default-named sanitizer returning a copy.
func Redact(s string) string { return "[REDACTED]" }

// MaskEmail keeps the domain.
func MaskEmail(e string) string {
	if i := strings.IndexByte(e, '@'); i >= 0 {
		return "[REDACTED]" + e[i:]
	}
	return "[REDACTED]"
}

// Scrub is a sanitizer by policy.sanitizers only.
func Scrub(s string) string { return "[REDACTED]" }

// SanitizeAny is a generic sanitizer.
func SanitizeAny[T any](v T) T { return v }

// Sanitized returns a copy of the request, blanked properly.
func (r LoginRequest) Sanitized() LoginRequest {
	r.Password = "[REDACTED]"
	return r
}

// LoadSecret is a source by rules.sanitizeboundary.sources.
func LoadSecret(name string) string { return name }

func HashToken(s string) string { return "h" }

// ProtoLike has generated-style getters.
type ProtoLike struct {
	AccessToken string
	Name        string
}

func (p *ProtoLike) GetAccessToken() string { return p.AccessToken }
func (p *ProtoLike) GetName() string        { return p.Name }
func (p *ProtoLike) GetTokenCount() int     { return 0 }
