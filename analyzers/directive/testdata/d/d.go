package d

import "log/slog"

func used(l *slog.Logger) {
	//obscheck:ignore execidfield start-up code, no execution exists yet
	l.Error("config invalid")

	l.Error("same line") //obscheck:ignore execidfield reason on the same line

	//obscheck:ignore execidfield,metricnaming one of two rules used
	l.Error("two rules")
}

func unused(l *slog.Logger) {
	/* want `obscheck directive suppresses nothing: no execidfield finding here any more` */ //obscheck:ignore execidfield nothing below needs it
	l.Info("info needs no id")

	/* want `malformed obscheck directive: directive has no reason` */ //obscheck:ignore execidfield
	l.Error("unreasoned")

	/* want `obscheck directive names unknown rule "exec-id-field"` */ //obscheck:ignore exec-id-field typo
	l.Error("typo")

	/* want `suppresses nothing` */ //obscheck:ignore execidfield too far away

	l.Error("two lines below")

	/* want `malformed obscheck directive: unknown directive //obscheck:ignroe` */ //obscheck:ignroe execidfield misspelt
	l.Error("misspelt")
}
