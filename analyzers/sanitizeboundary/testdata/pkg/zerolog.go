package pkg

import (
	"github.com/rs/zerolog"
	"github.com/rs/zerolog/log"
)

func zerologLogs(zl zerolog.Logger, req *LoginRequest, c *Creds, st Stats) {
	zl.Info().Str("password", c.Name).Msg("login")        // want `c.Name is attached under sensitive key "password" in the log field "password"`
	zl.Error().Str("p", req.Password).Msg("login")        // want `req.Password \(field Password`
	zl.Warn().Interface("req", req).Send()                // want `req \(type \*LoginRequest\) reaches the log field "req" .* whole`
	log.Info().Msgf("login %s", req.Password)             // want `reaches the log printf argument`
	z2 := zl.With().Str("refresh_token", c.Name).Logger() // want `under sensitive key "refresh_token"`
	_ = z2
	zl.Info().Int("token_count", st.TokenCount).Bool("password_reset", st.PasswordReset).Msg("ok")
	zl.Info().Str("password", Redact(req.Password)).Msg("ok")
	zl.Info().Int("password_len", len(req.Password)).Msg("ok")
}

func zerologVar(zl zerolog.Logger, req *LoginRequest) {
	ev := zl.Error().Str("pw", req.Password) // want `req.Password \(field Password`
	ev.Msg("login failed")
}
