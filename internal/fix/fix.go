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

// Apply applies the first suggested fix of each finding. Fixes are taken
// in finding order; a fix whose edits overlap an accepted one is refused
// whole, and an identical edit (two findings, one fix) is applied once.
func Apply(findings []finding.Finding) (*Outcome, error) {
	out := &Outcome{}
	accepted := map[string][]edit{} // file -> accepted edits
	owners := map[string][]int{}    // file -> findings whose fix touches it
	refuse := func(i int, why string) {
		out.Refused = append(out.Refused, fmt.Sprintf("%s:%d: %s: fix not applied: %s",
			findings[i].File, findings[i].Line, findings[i].Rule, why))
	}
	var ok []int
	for i, f := range findings {
		if len(f.Fixes) == 0 {
			continue
		}
		var mine []edit
		why := ""
		for _, e := range f.Fixes[0].Edits {
			if e.Start < 0 || e.End < e.Start {
				why = "edit out of range"
				break
			}
			dup := false
			for _, a := range append(accepted[e.Abs], mine...) {
				if a.Start == e.Start && a.End == e.End && a.New == e.New {
					dup = true
					break
				}
				if overlap(a.Edit, e) {
					why = fmt.Sprintf("overlaps the fix of another finding at line %d", findings[a.owner].Line)
					break
				}
			}
			if why != "" {
				break
			}
			if !dup {
				mine = append(mine, edit{e, i})
			}
		}
		if why != "" {
			refuse(i, why)
			continue
		}
		for _, e := range mine {
			accepted[e.Abs] = append(accepted[e.Abs], e)
		}
		for _, e := range f.Fixes[0].Edits {
			if fs := owners[e.Abs]; len(fs) == 0 || fs[len(fs)-1] != i {
				owners[e.Abs] = append(owners[e.Abs], i)
			}
		}
		ok = append(ok, i)
	}

	files := make([]string, 0, len(owners))
	for file := range owners {
		files = append(files, file)
	}
	sort.Strings(files)
	failed := map[int]bool{}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			return out, err
		}
		edits := accepted[file]
		sort.Slice(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
		if n := len(edits); n > 0 && edits[n-1].End > len(src) {
			for _, i := range owners[file] {
				failed[i] = true
				refuse(i, "edit beyond the end of the file (was it changed during the run?)")
			}
			continue
		}
		formatted, err := format.Source(splice(src, edits))
		if err != nil {
			for _, i := range owners[file] {
				failed[i] = true
				refuse(i, fmt.Sprintf("the fixed file would not parse: %v", err))
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
	}
	for _, i := range ok {
		if !failed[i] {
			out.Fixed = append(out.Fixed, i)
		}
	}
	sort.Strings(out.Refused)
	return out, nil
}

// overlap reports whether two edits of one file conflict: their ranges
// intersect, or both insert at the same point (the order would be a guess).
func overlap(a, b finding.Edit) bool {
	if a.Start == a.End && b.Start == b.End {
		return a.Start == b.Start
	}
	return a.Start < b.End && b.Start < a.End
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
