package output

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// printable escapes what a terminal or a CI log would interpret rather
// than show, as %q does: control characters (ESC starts colour and OSC
// sequences, CR overwrites the line, a newline fakes a second finding),
// C1 controls, bidirectional overrides, invalid UTF-8. Route names, log
// strings and file names come from the code under analysis and reach text
// and github reports through it. keep lists characters a format escapes
// its own way.
func printable(s, keep string) string {
	if isPrintable(s, keep) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i]), 16))
		case strings.ContainsRune(keep, r) || safe(r):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRuneToASCII(r) // '\x1b', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

func isPrintable(s, keep string) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return false
			}
		}
		if !safe(r) && !strings.ContainsRune(keep, r) {
			return false
		}
	}
	return true
}

// safe reports whether r is shown as itself: printable (letters, marks,
// numbers, punctuation, symbols, the space) or a tab.
func safe(r rune) bool { return r == '\t' || strconv.IsPrint(r) }
