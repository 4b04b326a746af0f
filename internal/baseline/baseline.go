// Package baseline records known findings so that a CI gate fails only on
// new ones. A finding is identified by rule, file (slash path relative to
// the module root), enclosing function and message: not by line, so edits
// elsewhere in the file do not resurrect it. Identical findings are
// counted, so a second copy of a known problem is still reported.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/obscheck/obscheck/internal/finding"
)

// Version is the file format version Write produces and Read accepts.
const Version = 1

// Baseline is a multiset of finding fingerprints.
type Baseline struct {
	counts map[key]int
}

// Entry is one fingerprint in the file, with how many findings share it.
type Entry struct {
	Rule    string `json:"rule"`
	File    string `json:"file"`
	Func    string `json:"func"`
	Message string `json:"message"`
	Count   int    `json:"count"`
}

type file struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

type key struct{ rule, file, fn, message string }

// keyOf fingerprints f. f.File must already be relative to the module
// root; it is cleaned so "./a.go" and "a.go" agree.
func keyOf(f finding.Finding) key {
	return key{f.Rule, path.Clean(strings.ReplaceAll(f.File, `\`, "/")), f.Func, f.Message}
}

// New returns a baseline holding findings.
func New(findings []finding.Finding) *Baseline {
	b := &Baseline{counts: map[key]int{}}
	for _, f := range findings {
		b.counts[keyOf(f)]++
	}
	return b
}

// Len is the number of findings the baseline absorbs.
func (b *Baseline) Len() int {
	n := 0
	for _, c := range b.counts {
		n += c
	}
	return n
}

// Entries lists the fingerprints sorted by file, function, rule and message.
func (b *Baseline) Entries() []Entry {
	es := make([]Entry, 0, len(b.counts))
	for k, c := range b.counts {
		es = append(es, Entry{Rule: k.rule, File: k.file, Func: k.fn, Message: k.message, Count: c})
	}
	slices.SortFunc(es, func(a, b Entry) int {
		return cmpStrings(a.File, b.File, a.Func, b.Func, a.Rule, b.Rule, a.Message, b.Message)
	})
	return es
}

func cmpStrings(pairs ...string) int {
	for i := 0; i < len(pairs); i += 2 {
		if c := strings.Compare(pairs[i], pairs[i+1]); c != 0 {
			return c
		}
	}
	return 0
}

// Write writes a baseline of findings, whose File must be relative to the
// module root. The output is sorted, so regenerating it gives a small diff.
func Write(w io.Writer, findings []finding.Finding) error {
	return New(findings).Write(w)
}

// Write writes b in the file format Read accepts.
func (b *Baseline) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(file{Version: Version, Findings: b.Entries()})
}

// Read parses a baseline file. Errors say where and what is wrong, since
// a corrupt baseline must stop the gate rather than let everything pass.
func Read(r io.Reader) (*Baseline, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("baseline is empty; write one with `obscheck baseline`")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f file
	if err := dec.Decode(&f); err != nil {
		return nil, decodeError(data, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: unexpected data after the baseline object", lineCol(data, dec.InputOffset()))
	}
	switch {
	case f.Version == 0:
		return nil, errors.New(`baseline has no "version" field; is it an obscheck baseline?`)
	case f.Version != Version:
		return nil, fmt.Errorf("baseline version %d is not supported (this obscheck reads version %d); regenerate it with `obscheck baseline`", f.Version, Version)
	}
	b := &Baseline{counts: map[key]int{}}
	for i, e := range f.Findings {
		var missing []string
		for _, field := range []struct{ name, value string }{{"rule", e.Rule}, {"file", e.File}, {"message", e.Message}} {
			if field.value == "" {
				missing = append(missing, field.name)
			}
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("baseline finding %d: missing %s", i+1, strings.Join(missing, ", "))
		}
		if e.Count < 1 {
			return nil, fmt.Errorf("baseline finding %d (%s in %s): count is %d, want at least 1", i+1, e.Rule, e.File, e.Count)
		}
		b.counts[keyOf(finding.Finding{Rule: e.Rule, File: e.File, Func: e.Func, Message: e.Message})] += e.Count
	}
	return b, nil
}

// decodeError adds a line and column to JSON errors that carry an offset.
func decodeError(data []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		// Offset counts the offending byte; point at it.
		return fmt.Errorf("%s: malformed baseline: %v", lineCol(data, syntax.Offset-1), err)
	case errors.As(err, &typ):
		return fmt.Errorf("%s: malformed baseline: %s is %s, want %s", lineCol(data, typ.Offset), typ.Field, typ.Value, typ.Type)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("malformed baseline: unexpected end of file (truncated?)")
	}
	return fmt.Errorf("malformed baseline: %v", strings.TrimPrefix(err.Error(), "json: "))
}

func lineCol(data []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return fmt.Sprintf("line %d, column %d", line, col)
}

// Filter returns the findings the baseline does not absorb, sorted with
// finding.Less, and how many it absorbed. Each baseline entry absorbs at
// most Count findings: a new copy of a known problem stays fresh. The
// findings' File must be relative to the module root, as for Write.
func (b *Baseline) Filter(findings []finding.Finding) (fresh []finding.Finding, baselined int) {
	left := map[key]int{} // a nil *Baseline absorbs nothing
	if b != nil {
		for k, c := range b.counts {
			left[k] = c
		}
	}
	sorted := slices.Clone(findings)
	slices.SortStableFunc(sorted, finding.Compare)
	for _, f := range sorted {
		k := keyOf(f)
		if left[k] > 0 {
			left[k]--
			baselined++
			continue
		}
		fresh = append(fresh, f)
	}
	return fresh, baselined
}
