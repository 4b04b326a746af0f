// Package fix applies suggested fixes to files, safely.
//
// It edits only what was analyzed, as it was analyzed: each edit carries
// the hash of its file at analysis time and a file that changed since is
// refused (Outcome.Stale). Each finding's first fix is taken whole or not
// at all; identical edits from different findings are merged, overlapping
// ones refused. Edits are applied to the original bytes: line endings are
// kept (a CRLF file stays CRLF), a gofmt-clean file is gofmt'ed again and
// any other file is left as it was around the edits, and a result that
// does not parse is refused. Files keep their mode; read-only files are
// refused, not replaced; a symlink is written through when its target is
// in the repository and refused otherwise. All files are written or none:
// every new content goes to a temporary file first, then each is renamed
// over its original.
package fix

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/obscheck/obscheck/internal/finding"
	"github.com/obscheck/obscheck/internal/safefile"
)

// maxSource caps a source file read for fixing.
const maxSource = 64 << 20

// Options says which fixes to apply and whether to write.
type Options struct {
	Unsafe bool // also apply fixes marked unsafe (--fix=unsafe)
	DryRun bool // compute the changes, write nothing (--fix --diff)
}

// Outcome says what happened to the fixes of a run.
type Outcome struct {
	Fixed   []int    // indexes of findings whose fix was applied
	Refused []string // why some fixes were not applied
	Stale   []string // files changed since they were analyzed: refused
	Files   []string // files written (or, in a dry run, to be written)
	Changes []Change // the new content of each file in Files
}

// Change is one file's content before and after the fixes.
type Change struct {
	File     string // as the findings name it (relative to the working directory)
	Abs      string // the file written (symlinks resolved)
	Old, New []byte
}

type edit struct {
	finding.Edit
	owner int // index of the finding
}

// Apply applies the first suggested fix of each finding. Fixes are taken
// in finding order; a fix whose edits overlap an accepted one is refused
// whole, and an identical edit (two findings, one fix) is applied once.
// The error is a failure to write; the Outcome then still says what was
// refused and what, if anything, was written.
func Apply(findings []finding.Finding, opts Options) (*Outcome, error) {
	out := &Outcome{}
	refuse := func(i int, why string) {
		out.Refused = append(out.Refused, fmt.Sprintf("%s:%d: %s: fix not applied: %s",
			findings[i].File, findings[i].Line, findings[i].Rule, why))
	}
	accepted := map[string][]edit{} // file -> accepted edits
	var ok []int
	for i, f := range findings {
		if len(f.Fixes) == 0 {
			continue
		}
		fx := f.Fixes[0]
		if fx.Unsafe != "" && !opts.Unsafe {
			refuse(i, "unsafe: it "+fx.Unsafe+"; apply it with --fix=unsafe")
			continue
		}
		mine, why := take(fx.Edits, i, accepted, findings)
		if why != "" {
			refuse(i, why)
			continue
		}
		for _, e := range mine {
			accepted[e.Abs] = append(accepted[e.Abs], e)
		}
		ok = append(ok, i)
	}

	// Compute each file's new content. A file that cannot be fixed fails
	// every finding whose fix touches it, and those findings' edits are
	// taken out of the other files too (a fix is applied whole or not at
	// all): repeat until nothing more fails.
	failed := map[int]bool{}
	var changes map[string]*Change
	for {
		var more bool
		changes, more = contents(accepted, failed, refuse, out)
		if !more {
			break
		}
	}
	for _, i := range ok {
		if !failed[i] {
			out.Fixed = append(out.Fixed, i)
		}
	}
	var files []string
	for f, c := range changes {
		if !bytes.Equal(c.Old, c.New) {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	for _, f := range files {
		out.Files = append(out.Files, f)
		out.Changes = append(out.Changes, *changes[f])
	}
	sort.Strings(out.Refused)
	sort.Strings(out.Stale)
	if opts.DryRun || len(files) == 0 {
		return out, nil
	}
	written, err := writeAll(out.Changes)
	if err != nil {
		out.Files = written
		out.Fixed = nil
		return out, err
	}
	return out, nil
}

// take checks finding i's edits against the accepted ones: it returns the
// edits to add (duplicates dropped) or why the fix is refused.
func take(edits []finding.Edit, i int, accepted map[string][]edit, findings []finding.Finding) ([]edit, string) {
	var mine []edit
next:
	for _, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.Abs == "" {
			return nil, "edit out of range"
		}
		for _, a := range append(accepted[e.Abs], mine...) {
			if a.Start == e.Start && a.End == e.End && a.New == e.New {
				continue next // one fix, two findings
			}
			if overlap(a.Edit, e) {
				return nil, fmt.Sprintf("overlaps the fix of another finding at line %d", findings[a.owner].Line)
			}
		}
		mine = append(mine, edit{e, i})
	}
	return mine, ""
}

// contents computes the new content of every file with accepted edits of
// findings not yet failed. It reports whether it failed more findings.
func contents(accepted map[string][]edit, failed map[int]bool, refuse func(int, string), out *Outcome) (map[string]*Change, bool) {
	changes := map[string]*Change{}
	more := false
	fail := func(edits []edit, why string) {
		for _, e := range edits {
			if !failed[e.owner] {
				failed[e.owner] = true
				more = true
				refuse(e.owner, why)
			}
		}
	}
	var files []string
	for file := range accepted {
		files = append(files, file)
	}
	sort.Strings(files)
	for _, file := range files {
		var edits []edit
		for _, e := range accepted[file] {
			if !failed[e.owner] {
				edits = append(edits, e)
			}
		}
		if len(edits) == 0 {
			continue
		}
		c, stale, err := fixFile(file, edits)
		if stale {
			if !containsString(out.Stale, file) {
				out.Stale = append(out.Stale, file)
			}
		}
		if err != nil {
			fail(edits, err.Error())
			continue
		}
		c.File = edits[0].File
		if prev, ok := changes[c.Abs]; ok && !bytes.Equal(prev.New, c.New) {
			// Two names (a symlink and its target) for one file.
			fail(edits, "the file is also edited under another name")
			continue
		}
		changes[c.Abs] = c
	}
	return changes, more
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fixFile applies edits (sorted here) to file. stale reports that the
// file changed since it was analyzed.
func fixFile(file string, edits []edit) (c *Change, stale bool, err error) {
	real, err := safefile.Resolve(file)
	if err != nil {
		return nil, false, err
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, false, err
	}
	if !info.Mode().IsRegular() {
		return nil, false, errors.New("not a regular file")
	}
	if info.Mode().Perm()&0o200 == 0 {
		return nil, false, fmt.Errorf("%s is read-only", file)
	}
	src, err := safefile.Read(real, maxSource)
	if err != nil {
		return nil, false, err
	}
	h := Hash(src)
	for _, e := range edits {
		if e.Hash != h {
			return nil, true, fmt.Errorf("%s changed since it was analyzed; run obscheck again", file)
		}
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	if edits[len(edits)-1].End > len(src) {
		return nil, true, fmt.Errorf("edit beyond the end of %s", file)
	}
	fixed := splice(src, edits, crlf(src))
	if gofmtClean(src) {
		// Formatting changes nothing but what the edits touched.
		if fixed, err = format.Source(fixed); err != nil {
			return nil, false, fmt.Errorf("the fixed file would not parse: %v", err)
		}
	} else if _, err := parser.ParseFile(token.NewFileSet(), file, fixed, parser.SkipObjectResolution); err != nil {
		return nil, false, fmt.Errorf("the fixed file would not parse: %v", err)
	}
	return &Change{Abs: real, Old: src, New: fixed}, false, nil
}

// crlf reports whether src ends its lines with CRLF (its first line does).
func crlf(src []byte) bool {
	i := bytes.IndexByte(src, '\n')
	return i > 0 && src[i-1] == '\r'
}

func gofmtClean(src []byte) bool {
	f, err := format.Source(src)
	return err == nil && bytes.Equal(f, src)
}

// overlap reports whether two edits of one file conflict: their ranges
// intersect, or both insert at the same point (the order would be a guess).
func overlap(a, b finding.Edit) bool {
	if a.Start == a.End && b.Start == b.End {
		return a.Start == b.Start
	}
	return a.Start < b.End && b.Start < a.End
}

// splice applies sorted, disjoint edits to src; in a CRLF file, new lines
// in the inserted text are CRLF too.
func splice(src []byte, edits []edit, crlf bool) []byte {
	var buf bytes.Buffer
	last := 0
	for _, e := range edits {
		buf.Write(src[last:e.Start])
		text := e.New
		if crlf {
			text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")
		}
		buf.WriteString(text)
		last = e.End
	}
	buf.Write(src[last:])
	return buf.Bytes()
}

// writeAll writes every change or none: each new content goes to a
// temporary file beside its original (same mode) and only when all exist
// are they renamed over the originals. It returns the files written.
func writeAll(changes []Change) ([]string, error) {
	temps := make([]string, 0, len(changes))
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, c := range changes {
		info, err := os.Stat(c.Abs)
		if err != nil {
			cleanup()
			return nil, err
		}
		tmp, err := safefile.Temp(c.Abs, c.New, info.Mode().Perm())
		if err != nil {
			cleanup()
			return nil, fmt.Errorf("nothing written: %v", err)
		}
		temps = append(temps, tmp)
	}
	var written []string
	for i, c := range changes {
		if err := os.Rename(temps[i], c.Abs); err != nil {
			temps = temps[i:]
			cleanup()
			return written, fmt.Errorf("%s: %v (written before it: %s)", c.File, err, list(written))
		}
		written = append(written, c.Abs)
	}
	return written, nil
}

func list(files []string) string {
	if len(files) == 0 {
		return "none"
	}
	rel := make([]string, len(files))
	for i, f := range files {
		rel[i] = filepath.Base(f)
	}
	return strings.Join(rel, ", ")
}
