package d

//obscheck:file-ignore execidfield this file logs before any execution exists

import "log/slog"

func fileWide(l *slog.Logger) {
	l.Warn("covered by the file-ignore")
}
