// Package gitdiff finds the lines changed since a git revision, for
// reporting only new findings (--new-from-rev, --new-from-merge-base,
// pre-commit, PR gates).
//
// It fails closed: a file git lists as changed but whose diff cannot be
// read (binary attribute, odd name, unexpected output) counts as changed
// in full, never as unchanged, and git is called with the options that
// make its output canonical whatever the repository's configuration says.
package gitdiff

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Lines is the set of changed lines, by file. Files are keyed by their
// absolute, symlink-resolved path, and Contains resolves the path it is
// given the same way, so a module reached through a symlinked directory
// (macOS's /tmp) matches what git reports.
type Lines struct {
	files map[string][][2]int // nil ranges: the whole file is new

	mu       sync.Mutex
	resolved map[string]string // directory -> symlink-resolved directory
}

func newLines() *Lines { return &Lines{files: map[string][][2]int{}} }

// Contains reports whether line of file changed. file is absolute.
func (l *Lines) Contains(file string, line int) bool {
	ranges, ok := l.files[l.resolve(file)]
	if !ok {
		return false
	}
	if ranges == nil {
		return true
	}
	for _, r := range ranges {
		if line >= r[0] && line <= r[1] {
			return true
		}
	}
	return false
}

// Files returns the changed files (absolute, symlink-resolved), sorted.
func (l *Lines) Files() []string {
	var out []string
	for f := range l.files {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// resolve makes file absolute and resolves symlinks in its directory
// (the file itself may be gone: deleted files are looked up too).
func (l *Lines) resolve(file string) string {
	file = filepath.Clean(file)
	dir, base := filepath.Split(file)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.resolved == nil {
		l.resolved = map[string]string{}
	}
	real, ok := l.resolved[dir]
	if !ok {
		real = dir
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			real = r
		}
		l.resolved[dir] = real
	}
	return filepath.Join(real, base)
}

// wholeFile marks file (relative to root) as changed in full.
func (l *Lines) wholeFile(root, rel string) {
	l.files[filepath.Join(root, filepath.FromSlash(rel))] = nil
}

// Changed returns the lines of the work tree (including uncommitted and
// untracked files) that differ from rev.
func Changed(dir, rev string) (*Lines, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("unknown revision %q", rev)
	}
	out, err := git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("unknown revision %q (in a shallow clone, fetch the history: actions/checkout with fetch-depth: 0)", rev)
	}
	commit := strings.TrimSpace(string(out))
	root, err := toplevel(dir)
	if err != nil {
		return nil, err
	}

	// The options that make the output canonical: no external diff or
	// textconv, text even for files marked binary, a/ b/ prefixes, paths
	// from the top of the work tree, no rename pairs (a renamed file is
	// new in full), no colour.
	canonical := []string{"--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--no-relative", "--ignore-submodules"}
	names, err := git(dir, append(append([]string{"diff", "--name-only", "-z", "--diff-filter=d"}, canonical...), commit, "--")...)
	if err != nil {
		return nil, err
	}
	patch, err := git(dir, append(append([]string{"diff", "--text", "--unified=0", "--src-prefix=a/", "--dst-prefix=b/"}, canonical...), commit, "--")...)
	if err != nil {
		return nil, err
	}
	lines := Parse(root, patch)
	// Fail closed: a file git names as changed whose hunks were not read
	// from the patch is changed in full.
	for _, name := range splitZ(names) {
		abs := filepath.Join(root, filepath.FromSlash(name))
		if _, ok := lines.files[abs]; !ok {
			lines.wholeFile(root, name)
		}
	}
	untracked, err := git(dir, "ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", ":/")
	if err != nil {
		return nil, err
	}
	for _, name := range splitZ(untracked) {
		lines.wholeFile(root, name)
	}
	return lines, nil
}

// ChangedFromMergeBase returns the lines changed since the merge base of
// branch and HEAD: what a pull request from HEAD into branch changes,
// however far branch has moved on since.
func ChangedFromMergeBase(dir, branch string) (*Lines, error) {
	if strings.HasPrefix(branch, "-") {
		return nil, fmt.Errorf("unknown revision %q", branch)
	}
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", branch+"^{commit}"); err != nil {
		return nil, fmt.Errorf("unknown revision %q (in CI, fetch it: actions/checkout with fetch-depth: 0, or git fetch origin %s)", branch, branch)
	}
	out, err := git(dir, "merge-base", "--end-of-options", branch, "HEAD")
	if err != nil {
		return nil, fmt.Errorf("no merge base of %s and HEAD (a shallow clone? fetch the history: actions/checkout with fetch-depth: 0)", branch)
	}
	return Changed(dir, strings.TrimSpace(string(out)))
}

// toplevel is the root of dir's work tree, symlinks resolved.
func toplevel(dir string) (string, error) {
	out, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", err
	}
	root := strings.TrimSuffix(string(out), "\n")
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	return root, nil
}

func splitZ(b []byte) []string {
	var out []string
	for _, s := range strings.Split(string(b), "\x00") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Parse reads a unified diff with zero context, a/ and b/ prefixes and
// paths relative to root (which should be symlink-resolved). A file whose
// name cannot be read is left out; Changed then counts it as changed in
// full.
func Parse(root string, diff []byte) *Lines {
	lines := newLines()
	var file string
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	for sc.Scan() {
		t := sc.Text()
		switch {
		case strings.HasPrefix(t, "diff "):
			file = "" // a new file's header: nothing is known until +++
		case strings.HasPrefix(t, "+++ "):
			file = ""
			name, ok := diffName(strings.TrimPrefix(t, "+++ "))
			if !ok {
				continue
			}
			file = filepath.Join(root, filepath.FromSlash(name))
			if _, ok := lines.files[file]; !ok {
				lines.files[file] = [][2]int{}
			}
		case strings.HasPrefix(t, "@@ ") && file != "":
			// @@ -a,b +c,d @@
			fields := strings.Fields(t)
			if len(fields) < 3 {
				lines.files[file] = nil // unreadable hunk: the whole file
				continue
			}
			start, count, ok := hunk(strings.TrimPrefix(fields[2], "+"))
			if !ok {
				lines.files[file] = nil
				continue
			}
			if count > 0 && lines.files[file] != nil {
				lines.files[file] = append(lines.files[file], [2]int{start, start + count - 1})
			}
		}
	}
	return lines
}

// diffName reads the name on a "+++ " line: b/name, "b/quoted\tname" as
// git quotes unusual names, or b/name followed by a tab (git adds one
// when the name has a space). /dev/null (a deleted file) is not a name.
func diffName(s string) (string, bool) {
	if strings.HasPrefix(s, `"`) {
		u, err := strconv.Unquote(s)
		if err != nil {
			return "", false
		}
		s = u
	} else {
		s = strings.TrimSuffix(s, "\t")
	}
	name, ok := strings.CutPrefix(s, "b/")
	if !ok || name == "" {
		return "", false
	}
	clean := filepath.ToSlash(filepath.Clean(filepath.FromSlash(name)))
	if clean == ".." || strings.HasPrefix(clean, "../") || filepath.IsAbs(name) {
		return "", false
	}
	return clean, true
}

func hunk(s string) (start, count int, ok bool) {
	a, b, hasCount := strings.Cut(s, ",")
	start, err := strconv.Atoi(a)
	if err != nil || start < 0 {
		return 0, 0, false
	}
	count = 1
	if hasCount {
		if count, err = strconv.Atoi(b); err != nil || count < 0 {
			return 0, 0, false
		}
	}
	return start, count, true
}

// git runs git in dir with the configuration that could run programs or
// change its output turned off (core.fsmonitor runs a hook; a clone never
// brings .git/config, but a CI workspace may be reused).
func git(dir string, args ...string) ([]byte, error) {
	full := append([]string{"-C", dir, "-c", "core.fsmonitor=false", "-c", "core.quotePath=true"}, args...)
	cmd := exec.Command("git", full...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", args[0], msg)
	}
	return out, nil
}
