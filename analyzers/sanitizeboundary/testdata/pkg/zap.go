package pkg

import (
	"fmt"

	"go.uber.org/zap"
)

func zapLogs(z *zap.Logger, s *zap.SugaredLogger, req *LoginRequest, st Stringy, h Hidden, c *Creds) {
	z.Info("login", zap.String("password", req.User)) // want `req.User is attached under sensitive key "password" in the log field "password" of \(\*zap.Logger\).Info`
	z.Error("login", zap.String("p", req.Password))   // want `req.Password \(field Password`
	z.Warn("login", zap.Any("req", req))              // want `req \(type \*LoginRequest\) reaches the log field "req" of \(\*zap.Logger\).Warn whole`
	z.Warn("login", zap.Reflect("st", st))            // want `type Stringy`
	z.With(zap.String("api_key", c.Name)).Info("x")   // want `under sensitive key "api_key"`
	s.Infow("login", "email", c.Name)                 // want `under sensitive key "email" in the log field "email" of \(\*zap.SugaredLogger\).Infow`
	s.Infof("login %s", req.Password)                 // want `reaches the log printf argument of \(\*zap.SugaredLogger\).Infof`
	s.Info("login ", req)                             // want `req \(type \*LoginRequest\) reaches the log argument`
	s.Errorf("login %v", req)                         // want `reaches the log printf argument of \(\*zap.SugaredLogger\).Errorf whole`

	// zap.Any dispatches to String(); JSON skips unexported fields; %d of a length.
	z.Info("st", zap.Any("st", st))
	z.Info("st", zap.Stringer("st", st))
	z.Info("h", zap.Any("h", h))
	s.Infof("login %d", len(req.Password))
	s.Infof("login %T", req.Password)
	z.Info("count", zap.Int("token_count", 3), zap.String("user", req.User))
	z.Info("login", zap.String("password", Redact(req.Password)))
	z.Info(fmt.Sprint(len(req.Password)))
}

func zapProto(z *zap.Logger, p *ProtoLike) {
	z.Info("p", zap.String("t", p.GetAccessToken())) // want `p.GetAccessToken\(\) \(getter of field AccessToken`
	z.Info("p", zap.String("n", p.GetName()), zap.Int("c", p.GetTokenCount()))
}

// Logger is a service's own wrapper: its calls are unknown to the log
// tables, but the fields built for it are log fields all the same.
type Logger interface {
	Info(msg string, fields ...zap.Field)
}

func wrapped(l Logger, req *LoginRequest, c *Creds) {
	l.Info("login", zap.String("password", c.Name)) // want `under sensitive key "password" in the log field "password" built by zap.String`
	l.Info("login", zap.Any("req", req))            // want `with sensitive field LoginRequest.Password`
	l.Info("login", zap.String("user", req.User), zap.Int("token_count", 1))
}
