// Package policyfit runs with the default keys: a finding resting on a
// policy key says which key matched and how to drop it.
package policyfit

import "log/slog"

type Account struct {
	Username string
	Shell    string
}

func create(l *slog.Logger, a Account) {
	l.Info("creating account", "username", a.Username) // want `a.Username \(field Username matches sensitive key "username"\) .* \(matched policy key "username": if it names nothing secret in this code base, drop it from policy.sensitive_keys or rules.sanitizeboundary.extra_keys\)`
	l.Info("creating account", "account", a)           // want `with sensitive field Account.Username; .* \(matched policy key "username"`
}
