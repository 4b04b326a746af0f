package output

import (
	"bufio"
	"strings"
	"unicode"
	"unicode/utf8"
)

// palette marks up text for a terminal; the zero value writes plain text.
type palette bool

func (p palette) wrap(code, s string) string {
	if !p {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p palette) bold(s string) string  { return p.wrap("1", s) }
func (p palette) dim(s string) string   { return p.wrap("2", s) }
func (p palette) warn(s string) string  { return p.wrap("1;33", s) }
func (p palette) caret(s string) string { return p.wrap("1;32", s) }

// writeSource writes source line `line` of abs and, under it, a caret
// line underlining columns [col, endCol) (to the end of the line when the
// place spans lines), as compilers and golangci-lint do. Tabs are kept in
// the caret line so it lines up however the terminal expands them; other
// control characters are shown as '?' so the source line cannot move the
// cursor or forge output. Nothing is written when the file is unreadable.
func writeSource(w *bufio.Writer, indent string, ext *extents, abs string, line, col, endLine, endCol int, c palette) {
	text, ok := ext.line(abs, line)
	if !ok || col < 1 || col-1 > len(text) {
		return
	}
	src := string(text)
	var shown, pad strings.Builder
	width := 0
	for i, r := range src {
		if r != '\t' && (r == utf8.RuneError || unicode.IsControl(r) || r == '\u2028' || r == '\u2029') {
			r = '?'
		}
		shown.WriteRune(r)
		switch {
		case i < col-1:
			if r == '\t' {
				pad.WriteByte('\t')
			} else {
				pad.WriteByte(' ')
			}
		case endLine > line || i < endCol-1:
			width++
		}
	}
	if width == 0 {
		width = 1
	}
	w.WriteString(indent + strings.TrimRight(shown.String(), " \t") + "\n")
	w.WriteString(indent + pad.String() + c.caret("^"+strings.Repeat("~", width-1)) + "\n")
}
