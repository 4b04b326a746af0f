// Package embedded imports no logging library, yet logs: through a method
// promoted from svc.Svc's embedded *zap.SugaredLogger. The rule must still
// look at it (it skips packages that use no sink at all).
package embedded

import "example.com/sb/svc"

func login(s *svc.Svc, user, password string) {
	s.Infow("login", "user", user, "password", password) // want `sensitive value password \(named like sensitive key "password"\) reaches the log field "password" of \(\*zap.SugaredLogger\).Infow`
	s.Infow("login", "user", user)
}
