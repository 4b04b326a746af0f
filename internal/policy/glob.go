package policy

import (
	"path"
	"path/filepath"
	"strings"
)

// checkGlob reports a malformed exclude glob.
func checkGlob(g string) error {
	if g == "" {
		return path.ErrBadPattern
	}
	for _, part := range strings.Split(g, "/") {
		if part == "**" {
			continue
		}
		if _, err := path.Match(part, ""); err != nil {
			return err
		}
	}
	return nil
}

// MatchGlob reports whether the slash-separated relative path rel matches
// glob g, where "**" stands for any number of directories.
func MatchGlob(g, rel string) bool {
	return matchParts(strings.Split(g, "/"), strings.Split(rel, "/"))
}

func matchParts(g, p []string) bool {
	for len(g) > 0 {
		if g[0] == "**" {
			for i := 0; i <= len(p); i++ {
				if matchParts(g[1:], p[i:]) {
					return true
				}
			}
			return false
		}
		if len(p) == 0 {
			return false
		}
		if ok, _ := path.Match(g[0], p[0]); !ok {
			return false
		}
		g, p = g[1:], p[1:]
	}
	return len(p) == 0
}

// Excluded reports whether the file at absolute path file matches one of
// exclude.paths. A glob naming a directory excludes everything below it.
func (p *Policy) Excluded(file string) bool {
	if len(p.Exclude.Paths) == 0 || p.Root == "" {
		return false
	}
	rel, err := filepath.Rel(p.Root, file)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, g := range p.Exclude.Paths {
		if MatchGlob(g, rel) || MatchGlob(strings.TrimSuffix(g, "/")+"/**", rel) {
			return true
		}
	}
	return false
}
