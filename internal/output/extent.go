package output

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
)

// extents finds where a reported place ends when the analyzer gave only
// its start (most rules report a token.Pos): the outermost expression that
// begins there (a whole call, selector or literal), else the comment or
// the token there. Code scanning then highlights what the message is
// about instead of a zero-width point, and text carets underline it.
// Each file is read and parsed at most once.
type extents struct {
	files map[string]*source
}

type source struct {
	lines [][]byte // without their newlines
	fset  *token.FileSet
	file  *ast.File // nil when the file does not parse at all
	tf    *token.File
	data  []byte
}

func (e *extents) source(abs string) *source {
	if e.files == nil {
		e.files = map[string]*source{}
	}
	if s, ok := e.files[abs]; ok {
		return s
	}
	var s *source
	if data, err := os.ReadFile(abs); err == nil {
		s = &source{data: data, lines: bytes.Split(data, []byte("\n")), fset: token.NewFileSet()}
		// A file with syntax errors still yields a partial tree.
		s.file, _ = parser.ParseFile(s.fset, abs, data, parser.ParseComments|parser.SkipObjectResolution)
		if s.file != nil {
			s.tf = s.fset.File(s.file.Pos())
		}
	}
	e.files[abs] = s
	return s
}

// line returns line n (1-based) of the file, without its newline.
func (e *extents) line(abs string, n int) ([]byte, bool) {
	if abs == "" || n < 1 {
		return nil, false
	}
	s := e.source(abs)
	if s == nil || n > len(s.lines) {
		return nil, false
	}
	return bytes.TrimSuffix(s.lines[n-1], []byte("\r")), true
}

// end returns the end (line, byte column; exclusive) of the place starting
// at line:col, or line, col when nothing is known about the file.
func (e *extents) end(abs string, line, col int) (int, int) {
	if abs == "" || line < 1 || col < 1 {
		return line, col
	}
	s := e.source(abs)
	if s == nil || line > len(s.lines) || col-1 > len(s.lines[line-1]) {
		return line, col
	}
	off := 0
	for _, l := range s.lines[:line-1] {
		off += len(l) + 1
	}
	off += col - 1
	if s.file != nil && s.tf != nil && off < s.tf.Size() {
		pos := s.tf.Pos(off)
		if end := outermost(s.file, pos); end.IsValid() {
			p := s.fset.Position(end)
			return p.Line, p.Column
		}
	}
	// No syntax tree, or nothing starts there: one token.
	var sc scanner.Scanner
	fs := token.NewFileSet()
	rest := s.data[off:]
	sc.Init(fs.AddFile("", -1, len(rest)), rest, nil, scanner.ScanComments)
	p, tok, lit := sc.Scan()
	if tok == token.EOF || tok == token.ILLEGAL || int(p)-1 != 0 {
		return line, col
	}
	n := len(lit)
	if n == 0 {
		n = len(tok.String())
	}
	if tok == token.SEMICOLON && lit == "\n" { // an inserted semicolon: nothing there
		return line, col
	}
	// A token may span lines (raw strings, block comments).
	endLine, endCol := line, col
	for _, b := range rest[:n] {
		if b == '\n' {
			endLine, endCol = endLine+1, 1
		} else {
			endCol++
		}
	}
	return endLine, endCol
}

// outermost returns the end of the largest expression, or else comment,
// that begins exactly at pos; NoPos if there is none.
func outermost(f *ast.File, pos token.Pos) token.Pos {
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if c.Pos() == pos {
				return c.End()
			}
		}
	}
	end := token.NoPos
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil || end.IsValid() || n.Pos() > pos || n.End() <= pos {
			return false
		}
		if _, ok := n.(ast.Expr); ok && n.Pos() == pos {
			end = n.End() // preorder: the first one met is the largest
			return false
		}
		return true
	})
	return end
}
