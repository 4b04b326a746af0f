package fix

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"go/token"
	"os"
	"slices"
	"sync"

	"github.com/obscheck/obscheck/internal/finding"
	"golang.org/x/tools/go/analysis"
)

// unsafeFixes are the rules whose fixes change more than the code: each
// is declared here, once, with what it breaks. Plain --fix leaves them and
// says why; --fix=unsafe applies them.
var unsafeFixes = map[string]string{
	"metricnaming": "renames a metric: dashboards, alerts and recording rules that query the old name stop matching",
}

// Unsafe says why rule's fixes are unsafe, "" if they are not.
func Unsafe(rule string) string { return unsafeFixes[rule] }

// FromAnalysis converts a suggested fix of rule, reported on a package
// whose source files are files, into the driver's form. Edits are placed
// in the files as parsed, never where a //line directive points. A fix
// that edits any other file (a dependency, cmd/cgo's output, a file a
// //line directive names), spans two files or has an edit ending before
// it starts is not offered (ok is false). rel makes a path relative for
// display.
func FromAnalysis(fset *token.FileSet, files []string, rule string, rel func(string) string, sf analysis.SuggestedFix) (fix finding.Fix, ok bool) {
	fix = finding.Fix{Message: sf.Message, Unsafe: Unsafe(rule)}
	for _, e := range sf.TextEdits {
		if !e.Pos.IsValid() {
			return fix, false
		}
		start := fset.PositionFor(e.Pos, false)
		end := start
		if e.End.IsValid() {
			end = fset.PositionFor(e.End, false)
		}
		if !slices.Contains(files, start.Filename) || end.Filename != start.Filename || end.Offset < start.Offset {
			return fix, false
		}
		// A file that changed while it was analyzed gets no hash:
		// Apply then refuses it as changed.
		hash, _ := stamp(fset.File(e.Pos))
		fix.Edits = append(fix.Edits, finding.Edit{
			File: rel(start.Filename), Abs: start.Filename,
			Start: start.Offset, End: end.Offset, New: string(e.NewText),
			Line: start.Line, Column: start.Column, Hash: hash,
		})
	}
	return fix, true
}

type stamped struct {
	hash string
	err  error
}

var stamps sync.Map // *token.File -> stamped

// stamp hashes the file tf was parsed from, after checking that the file
// still has the size and line starts it had when parsed: the hash then
// stands for the analyzed content, and Apply refuses to edit a file whose
// hash changed.
func stamp(tf *token.File) (string, error) {
	if tf == nil {
		return "", errors.New("the edited file is unknown")
	}
	if v, ok := stamps.Load(tf); ok {
		s := v.(stamped)
		return s.hash, s.err
	}
	s := stamped{}
	src, err := os.ReadFile(tf.Name())
	switch {
	case err != nil:
		s.err = err
	case !sameLines(tf, src):
		s.err = fmt.Errorf("%s changed while it was analyzed", tf.Name())
	default:
		s.hash = Hash(src)
	}
	v, _ := stamps.LoadOrStore(tf, s)
	s = v.(stamped)
	return s.hash, s.err
}

// sameLines reports whether src has the size and line starts tf recorded.
func sameLines(tf *token.File, src []byte) bool {
	if len(src) != tf.Size() {
		return false
	}
	lines := tf.Lines()
	n := 0
	for off := 0; off < len(src); {
		if n >= len(lines) || lines[n] != off {
			return false
		}
		n++
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	return n == len(lines)
}

// Hash is the content hash Edit.Hash holds.
func Hash(src []byte) string {
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:])
}
