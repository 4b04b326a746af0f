// Package gitdiff finds the lines changed since a git revision, for
// reporting only new findings (--new-from-rev, pre-commit, PR gates).
package gitdiff

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Lines maps an absolute file path to its changed line ranges; a nil
// slice means the whole file is new.
type Lines map[string][][2]int

// Contains reports whether line of file changed.
func (l Lines) Contains(file string, line int) bool {
	ranges, ok := l[file]
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

// Changed returns the lines of the work tree (including uncommitted and
// untracked files) that differ from rev.
func Changed(dir, rev string) (Lines, error) {
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	root := strings.TrimSpace(string(top))
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("unknown revision %q", rev)
	}
	diff, err := git(dir, "diff", "--no-color", "--no-ext-diff", "--unified=0", rev, "--")
	if err != nil {
		return nil, err
	}
	lines := Parse(root, diff)
	untracked, err := git(dir, "ls-files", "--others", "--exclude-standard", "--full-name", ":/")
	if err != nil {
		return nil, err
	}
	for _, f := range strings.Split(strings.TrimSpace(string(untracked)), "\n") {
		if f != "" {
			lines[filepath.Join(root, filepath.FromSlash(f))] = nil
		}
	}
	return lines, nil
}

// Parse reads a unified diff with zero context whose paths are relative
// to root.
func Parse(root string, diff []byte) Lines {
	lines := Lines{}
	var file string
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 1024*1024), 64*1024*1024)
	for sc.Scan() {
		t := sc.Text()
		switch {
		case strings.HasPrefix(t, "+++ "):
			name := strings.TrimPrefix(t, "+++ ")
			if name == "/dev/null" {
				file = ""
				continue
			}
			name = strings.TrimPrefix(name, "b/")
			file = filepath.Join(root, filepath.FromSlash(name))
			if _, ok := lines[file]; !ok {
				lines[file] = [][2]int{}
			}
		case strings.HasPrefix(t, "@@ ") && file != "":
			// @@ -a,b +c,d @@
			fields := strings.Fields(t)
			if len(fields) < 3 {
				continue
			}
			start, count := hunk(strings.TrimPrefix(fields[2], "+"))
			if count > 0 {
				lines[file] = append(lines[file], [2]int{start, start + count - 1})
			}
		}
	}
	return lines
}

func hunk(s string) (start, count int) {
	a, b, ok := strings.Cut(s, ",")
	start, _ = strconv.Atoi(a)
	count = 1
	if ok {
		count, _ = strconv.Atoi(b)
	}
	return start, count
}

func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
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
