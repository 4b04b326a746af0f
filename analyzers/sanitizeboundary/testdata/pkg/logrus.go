package pkg

import (
	"github.com/sirupsen/logrus"
)

func logrusLogs(l *logrus.Logger, e *logrus.Entry, req *LoginRequest, s Stringy, c *Creds) {
	l.WithField("password", c.Name).Info("login")                               // want `under sensitive key "password"`
	l.WithFields(logrus.Fields{"user": req.User, "pw": req.Password}).Warn("x") // want `req.Password \(field Password`
	e.WithField("req", req).Error("x")                                          // want `req \(type \*LoginRequest\) reaches the .* whole`
	l.Infof("login %s", req.Password)                                           // want `reaches the log printf argument of \(\*logrus.Logger\).Infof`
	logrus.Errorf("login %+v", req)                                             // want `whole, with sensitive field LoginRequest.Password`
	// logrus text rendering goes through fmt: String() counts.
	l.WithField("s", s).Info("x")
	l.WithField("user", req.User).Info("x")
	l.WithField("password", Scrub(req.Password)).Info("x")
}
