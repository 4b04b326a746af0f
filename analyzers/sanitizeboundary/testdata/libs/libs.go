// Package libs: the sinks of go-kit/log and hashicorp/go-hclog.
package libs

import (
	"net/http"

	"github.com/go-kit/log"
	"github.com/go-kit/log/level"
	"github.com/hashicorp/go-hclog"
)

type Login struct {
	User     string
	Password string
}

func goKit(logger log.Logger, r *http.Request, in Login) {
	level.Info(logger).Log("msg", "login", "auth", r.Header.Get("Authorization")) // want `the Authorization header .* reaches the log field "auth" of \(log.Logger\).Log`
	level.Error(logger).Log("msg", "login", "password", in.User)                  // want `in.User is attached under sensitive key "password"`
	logger.Log("msg", "login", "login", in)                                       // want `in \(type Login\) reaches the .* whole, with sensitive field Login.Password`
	l := log.With(logger, "token", r.URL.Query().Get("token"))                    // want `the "token" parameter .* reaches the field "token" of the logger derived by log.With`
	level.Warn(l).Log("msg", "ok: fields already judged at With", "user", in.User)
	logger.Log("msg", "ok", "user", in.User, "n", len(in.Password))
}

func hcLog(l hclog.Logger, r *http.Request, in Login) {
	l.Info("login", "cookie", r.Cookies())               // want `the request cookies .* reaches the log field "cookie" of \(go-hclog.Logger\).Info`
	l.Error("login", "user", in.User, "pw", in.Password) // want `in.Password \(field Password`
	l.Warn("login", "login", &in)                        // want `&in \(type \*Login\) reaches the .* whole, with sensitive field Login.Password`
	l.With("password", in.User).Info("x")                // want `in.User is attached under sensitive key "password" in the log field "password" of \(go-hclog.Logger\).Info`
	l.Log(hclog.Error, "login "+in.Password)             // want `reaches the log message of \(go-hclog.Logger\).Log`
	l.Info("ok", "user", in.User, "n", len(in.Password))
}
