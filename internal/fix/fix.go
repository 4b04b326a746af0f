// Package fix applies suggested fixes to files, safely: each finding's
// first fix is taken whole or not at all, identical edits from different
// findings are merged, overlapping ones are refused, every edited file is
// re-parsed and gofmt'ed before it is written, and writes are atomic.
package fix

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"sort"

	"github.com/obscheck/obscheck/internal/finding"
)

// Outcome says what happened to the fixes of a run.
type Outcome struct {
	Fixed   []int    // indexes of findings whose fix was applied
	Refused []string // why some fixes were not applied
	Files   []string // files written
}

type edit struct {
	finding.Edit
	owner int // index of the finding
}

// Apply applies the first suggested fix of each finding.
func Apply(findings []finding.Finding) (*Outcome, error) {
	out := &Outcome{}
	byFile := map[string][]edit{}
	var order []string
	for i, f := range findings {
		if len(f.Fixes) == 0 {
			continue
		}
		for _, e := range f.Fixes[0].Edits {
			if _, ok := byFile[e.Abs]; !ok {
				order = append(order, e.Abs)
			}
			byFile[e.Abs] = append(byFile[e.Abs], edit{e, i})
		}
	}
	sort.Strings(order)
	applied := map[int]bool{}
	refused := map[int]bool{}
	for _, file := range order {
		edits := byFile[file]
		src, err := os.ReadFile(file)
		if err != nil {
			return out, err
		}
		kept, bad := resolve(edits, len(src))
		for owner, why := range bad {
			if !refused[owner] {
				refused[owner] = true
				out.Refused = append(out.Refused, fmt.Sprintf("%s:%d: %s: fix not applied: %s",
					findings[owner].File, findings[owner].Line, findings[owner].Rule, why))
			}
		}
		// A fix is all-or-nothing: drop every edit of a refused fix.
		var final []edit
		for _, e := range kept {
			if !refused[e.owner] {
				final = append(final, e)
			}
		}
		if len(final) == 0 {
			continue
		}
		res := splice(src, final)
		formatted, err := format.Source(res)
		if err != nil {
			for _, e := range final {
				if !refused[e.owner] {
					refused[e.owner] = true
					out.Refused = append(out.Refused, fmt.Sprintf("%s: fix for line %d would not parse: %v",
						findings[e.owner].File, findings[e.owner].Line, err))
				}
			}
			continue
		}
		if bytes.Equal(formatted, src) {
			continue
		}
		if err := writeAtomic(file, formatted); err != nil {
			return out, err
		}
		out.Files = append(out.Files, file)
		for _, e := range final {
			applied[e.owner] = true
		}
	}
	for i := range findings {
		if applied[i] && !refused[i] {
			out.Fixed = append(out.Fixed, i)
		}
	}
	sort.Strings(out.Refused)
	return out, nil
}

// resolve sorts edits, merges identical ones and finds overlaps. It
// returns the edits to apply and, for refused owners, the reason.
func resolve(edits []edit, size int) ([]edit, map[int]string) {
	bad := map[int]string{}
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		return edits[i].End < edits[j].End
	})
	var kept []edit
	for _, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.End > size {
			bad[e.owner] = "edit out of range"
			continue
		}
		if n := len(kept); n > 0 {
			last := kept[n-1]
			if last.Start == e.Start && last.End == e.End && last.New == e.New {
				continue // the same edit from two findings: apply once
			}
			if e.Start < last.End || (e.Start == last.Start && e.Start == e.End && last.Start == last.End) {
				bad[e.owner] = fmt.Sprintf("overlaps the fix of another finding at line %d", last.Line)
				continue
			}
		}
		kept = append(kept, e)
	}
	return kept, bad
}

func splice(src []byte, edits []edit) []byte {
	var buf bytes.Buffer
	last := 0
	for _, e := range edits {
		buf.Write(src[last:e.Start])
		buf.WriteString(e.New)
		last = e.End
	}
	buf.Write(src[last:])
	return buf.Bytes()
}

// writeAtomic replaces file by renaming a temporary file over it, so a
// crash never leaves a half-written source file.
func writeAtomic(file string, data []byte) error {
	info, err := os.Stat(file)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".obscheck-fix-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}
