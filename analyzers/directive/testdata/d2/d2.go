// Package d2 checks that directives which do not apply leave the
// findings in place.
package d2

import "log/slog"

func f(l *slog.Logger) {
	//obscheck:ignore execidfield
	l.Error("malformed directive suppresses nothing") // want `without the correlation field`

	//obscheck:ignore exec-id-field typo
	l.Error("unknown rule suppresses nothing") // want `without the correlation field`

	//obscheck:ignore execidfield too far away

	l.Error("two lines below") // want `without the correlation field`

	//obscheck:ignore metricnaming wrong rule
	l.Error("another rule's directive") // want `without the correlation field`

	//obscheck:ignore execidfield reason given
	l.Error("suppressed")
}
