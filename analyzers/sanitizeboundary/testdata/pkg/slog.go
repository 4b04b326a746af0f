package pkg

import (
	"context"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"os/user"
)

func slogFields(ctx context.Context, l *slog.Logger, req LoginRequest, c *Creds, pw string, st Stats) {
	// Sensitive keys, whatever the value.
	l.Info("login", "password", pw)                                            // want `pw is attached under sensitive key "password" in the log field "password" of \(\*slog.Logger\).Info unsanitized`
	l.Debug("login", "Access-Token", c.Name)                                   // want `c.Name is attached under sensitive key "Access-Token" \(matches "access_token"\)`
	slog.Warn("login", slog.String("accessToken", c.Name))                     // want `under sensitive key "accessToken"`
	l.ErrorContext(ctx, "x", slog.Group("user", slog.String("email", c.Name))) // want `under sensitive key "email"`
	l.Info("login", "ssn", c.Name)                                             // want `under sensitive key "ssn" in the log field`

	// Field reads, whatever the key.
	l.Info("login", "p", req.Password)            // want `req.Password \(field Password matches sensitive key "password"\) reaches the log field "p"`
	l.Info("login", "t", c.Inner.AccessToken)     // want `c.Inner.AccessToken \(field AccessToken`
	l.Info("login: " + req.Password)              // want `"login: " \+ req.Password reaches the log message of \(\*slog.Logger\).Info unsanitized and carries a sensitive value: req.Password`
	l.Info(fmt.Sprintf("login %s", req.Password)) // want `carries a sensitive value: req.Password`
	l.With("p", req.Password).Info("derived")     // want `reaches the log field "p" of \(\*slog.Logger\).Info`
	lg := l.With("secret", c.Name)                // want `under sensitive key "secret" in the field "secret" of the logger derived by \(\*slog.Logger\).With`
	_ = lg

	// Keys that only contain a sensitive word are not sensitive.
	l.Info("stats", "token_count", st.TokenCount, "password_reset", st.PasswordReset, "tokenCount", 3)
	l.Info("stats", "email_verified", st.EmailVerified, "user", req.User)

	// Sanitized: sanitizers, size, hashes, constants, bools.
	l.Info("login", "password", Redact(pw))
	l.Info("login", "password", Scrub(pw))
	l.Info("login", "password", SanitizeAny(pw))
	l.Info("login", "p", SanitizeAny(req).Password)
	l.Info("login", "password_len", len(req.Password))
	l.Info("login", "password", len(pw))
	l.Info("login", "pw_hash", sha256.Sum256([]byte(req.Password)))
	l.Info("login", "pw_hash", HashToken(req.Password))
	l.Info("login", "pw_hash", fmt.Sprintf("%x", sha256.Sum256([]byte(pw))))
	l.Info("login", "password", "[REDACTED]")
	l.Info("login", "password", pw != "")
	l.Info("login", "email", MaskEmail(c.Name))
	l.Info("login", "type", fmt.Sprintf("%T", req.Password))
	l.Info("login", "prefix", req.Password[:3])
}

func slogStructs(l *slog.Logger, req *LoginRequest, c Creds, a Account, su SafeUser, s Stringy, tg Tagged, h Hidden, pp PublicProfile, reqs []LoginRequest, m map[string]*Account, cfg Config) {
	l.Info("req", "req", req)           // want `req \(type \*LoginRequest\) reaches the log field "req" of \(\*slog.Logger\).Info whole, with sensitive field LoginRequest.Password`
	l.Info("req", slog.Any("creds", c)) // want `with sensitive field Creds.Inner→struct.AccessToken`
	l.Info("acct", "a", a)              // want `with sensitive field Account.Owner→Owner.Profile→Profile.Email`
	l.Info("reqs", "reqs", reqs)        // want `type \[\]LoginRequest`
	l.Info("m", "m", m)                 // want `type map\[string\]\*Account`
	l.Info("s", "s", s)                 // want `type Stringy`
	l.Info(fmt.Sprintf("%v", req))      // want `carries a sensitive value: req formatted whole`

	// Types that render themselves, json:"-", unexported fields, allow_types.
	l.Info("user", "user", su)
	l.Info("user", slog.Any("user", &su))
	l.Info("tagged", "t", tg)
	l.Info("hidden", "h", h)
	l.Info("pp", "pp", pp)
	l.Info("cfg", "cfg", cfg)
	l.Info("pw", "password", cfg.Password)
	l.Info(fmt.Sprintf("%v", s))
	l.Info(fmt.Sprintf("%d items", len(reqs)))

	// Sanitized copies.
	safe := req.Sanitized()
	l.Info("req", "req", safe)
	l.Info("req", "req", SanitizeAny(req))
	scrubbed := SanitizeAny(*req)
	l.Info("req", "req", scrubbed)
}

func slogLocals(l *slog.Logger, req LoginRequest) {
	p := req.Password
	msg := "user " + req.User + " pw " + p
	l.Info(msg)         // want `msg reaches the log message .* carries a sensitive value: req.Password`
	l.Info("x", "p", p) // want `p reaches the log field "p" .* carries a sensitive value: req.Password`
	err := fmt.Errorf("login failed for %s with %s", req.User, p)
	l.Error("failed", "err", err)         // want `err reaches the log field "err" .* carries a sensitive value: req.Password`
	l.Error("failed", "err", err.Error()) // want `reaches the log field "err"`
	p = Redact(p)
	l.Info("x", "p", p)
	masked := MaskEmail(req.User)
	l.Info("x", "email", masked)
	var tok string = LoadSecret("db")
	l.Info("x", "t", tok) // want `tok reaches .* carries a sensitive value: the result of pkg.LoadSecret \(rules.sanitizeboundary.sources\)`
	var n = len(req.Password)
	l.Info("x", "n", n)
}

// Several sensitive fields are all named.
type Login2 struct {
	Username string
	Password string
	Token    string
}

func slogMany(l *slog.Logger, x Login2) {
	l.Info("x", "x", x) // want `with sensitive field Login2.\{Username, Password\}`
}

func slogErrors(l *slog.Logger, err error, req LoginRequest) {
	l.Error("auth failed", "authorization", err)
	l.Error("auth failed", "password", fmt.Errorf("bad: %w", err))
	l.Error("auth failed", "password", fmt.Errorf("bad %s", req.Password)) // want `carries a sensitive value: req.Password`
}

func slogAttrLiterals(l *slog.Logger, req LoginRequest) {
	l.LogAttrs(context.Background(), slog.LevelInfo, "x", slog.Attr{Key: "p", Value: slog.StringValue(req.Password)}) // want `carries a sensitive value: req.Password`
	l.LogAttrs(context.Background(), slog.LevelInfo, "x", slog.Attr{Key: "user", Value: slog.StringValue(req.User)})
}

func suppressed(l *slog.Logger, req LoginRequest) {
	//obscheck:ignore sanitizeboundary the test fixture password is public
	l.Info("x", "p", req.Password)
	l.Info("x", "p", req.Password) //obscheck:ignore sanitizeboundary same, on the line
}

func osUser(l *slog.Logger) {
	if u, err := user.Current(); err == nil {
		l.Info("running as", "user", u.Username, "u", u)
	}
}
