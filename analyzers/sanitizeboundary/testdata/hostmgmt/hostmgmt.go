// Package hostmgmt manages OS accounts: its "username" is the account
// being managed, public in this code base, so its .obscheck.yaml keeps
// the NoETL keys but username. A password is still a secret.
package hostmgmt

import "log/slog"

type Account struct {
	Username string
	Password string
}

func create(l *slog.Logger, a Account) {
	l.Info("creating account", "username", a.Username)
	l.Info("creating account", "password", a.Password) // want `a.Password \(field Password matches sensitive key "password"\)`
}
