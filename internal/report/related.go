package report

import (
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// Position is a source position that can travel in a fact: a package
// reporting about a place in another package (a handler a router built
// elsewhere serves) cannot use that package's token.Pos, since each
// driver has its own FileSet (go vet: one per package).
type Position struct {
	File      string
	Line, Col int
}

// PositionOf records pos of fset as a Position (zero if pos is invalid).
func PositionOf(fset *token.FileSet, pos token.Pos) Position {
	p := fset.Position(pos)
	if !p.IsValid() {
		return Position{}
	}
	return Position{File: p.Filename, Line: p.Line, Col: p.Column}
}

// IsValid reports whether p names a place.
func (p Position) IsValid() bool { return p.File != "" && p.Line > 0 }

// Related returns related information at p for a diagnostic, or nothing
// when p is invalid. The position is made a token.Pos of the pass's
// FileSet through a one-byte file whose line information says p, so every
// driver prints it like any other position.
func (r *Reporter) Related(p Position, message string) []analysis.RelatedInformation {
	if !p.IsValid() {
		return nil
	}
	if r.synthetic == nil {
		r.synthetic = map[Position]token.Pos{}
	}
	pos, ok := r.synthetic[p]
	if !ok {
		f := r.pass.Fset.AddFile(p.File, -1, 1)
		f.AddLineColumnInfo(0, p.File, p.Line, max(p.Col, 1))
		pos = f.Pos(0)
		r.synthetic[p] = pos
	}
	return []analysis.RelatedInformation{{Pos: pos, Message: message}}
}

// RelatedHere returns related information at pos of this package.
func RelatedHere(pos token.Pos, message string) []analysis.RelatedInformation {
	if !pos.IsValid() {
		return nil
	}
	return []analysis.RelatedInformation{{Pos: pos, Message: message}}
}
