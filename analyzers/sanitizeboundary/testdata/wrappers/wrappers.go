// Package wrappers: sinks reached through the project's own loggers.
package wrappers

import (
	"net/http"

	"example.com/sb/wrappers/logx"
	"github.com/sirupsen/logrus"
)

// L embeds logrus's Entry and derives itself.
type L struct{ *logrus.Entry }

func (l *L) WithField(k string, v any) *L { return &L{l.Entry.WithField(k, v)} }

type Login struct{ User, Password string }

func handle(l *L, log logx.Logger, r *http.Request, in Login) {
	l.WithField("c", r.Cookies()).Warn("session") // want `the request cookies \(r.Cookies\(\)\) reaches the log field "c"`
	l.WithField("user", in.User).Warn("ok")
	log.Info("login", "password", in.Password) // want `in.Password \(field Password matches sensitive key "password"\) reaches the log field "password" of \(logx.Logger\).Info .* \(it reaches the log through the wrapper Info\)`
	log.Error("login", "user", in.User)
	logx.Infof(log, "login", "auth", r.Header.Get("Authorization")) // want `the Authorization header .* through the wrapper Infof\)`
}
