package policy

import (
	"errors"
	"path"
	"path/filepath"
	"strings"
)

// checkGlob reports a malformed exclude glob, and one that can never
// match: globs are relative to the module root and matched against
// cleaned slash paths, so an absolute glob or a "." or ".." segment would
// silently exclude nothing.
func checkGlob(g string) error {
	if g == "" {
		return path.ErrBadPattern
	}
	if strings.HasPrefix(g, "/") || filepath.IsAbs(g) {
		return errors.New("absolute: globs are relative to the module root")
	}
	for _, part := range strings.Split(strings.TrimSuffix(g, "/"), "/") {
		switch part {
		case "**":
			continue
		case "", ".", "..":
			return errors.New(`empty, "." or ".." segment: globs match cleaned paths below the module root, so it never matches`)
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

// matchParts matches path segments against glob segments. "**" is to
// segments what '*' is to characters, so it is matched the way wildcards
// are without backtracking blow-up: on a mismatch, only the most recent
// "**" takes one more segment. Time is O(len(g) × len(p)) however many
// "**" there are.
func matchParts(g, p []string) bool {
	gi, pi := 0, 0
	star, mark := -1, 0 // the last "**" seen, and where its match ends
	for pi < len(p) {
		switch {
		case gi < len(g) && g[gi] == "**":
			star, mark = gi, pi
			gi++
		case gi < len(g) && matchSegment(g[gi], p[pi]):
			gi++
			pi++
		case star >= 0:
			mark++
			gi, pi = star+1, mark
		default:
			return false
		}
	}
	for gi < len(g) && g[gi] == "**" {
		gi++
	}
	return gi == len(g)
}

func matchSegment(g, s string) bool {
	ok, _ := path.Match(g, s)
	return ok
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
