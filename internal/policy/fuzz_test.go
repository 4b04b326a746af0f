package policy

import (
	"path"
	"strings"
	"testing"
)

// FuzzParse: the policy decoder never panics; it either returns a policy
// or positioned errors.
func FuzzParse(f *testing.F) {
	f.Add([]byte(Template()))
	f.Add([]byte("version: 1\nrules: {execidfield: {levels: [warn]}}\n"))
	f.Add([]byte("version: 1\npolicy: {span_starters: ['(*a/b.T).M']}\n"))
	f.Add([]byte("a: &x [1]\nb: *x\n"))
	f.Add([]byte("rules:\n  labelcardinality:\n    allow: {m: [a]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("fuzz.yaml", data)
		if err == nil && p == nil {
			t.Fatal("nil policy without error")
		}
		if err != nil {
			if es, ok := err.(Errors); ok {
				for _, e := range es {
					if e.Msg == "" {
						t.Fatalf("error without message: %+v", e)
					}
				}
			}
		}
	})
}

// FuzzMatchGlob: the exclude-glob matcher never panics, agrees with the
// plain recursive definition of "**" on small inputs, and a glob
// checkGlob accepts is matched in bounded time.
func FuzzMatchGlob(f *testing.F) {
	f.Add("**/mocks/*.go", "a/b/mocks/m.go")
	f.Add("a/**/b/**/c", "a/x/b/y/z/c")
	f.Add("**/**/**/x", "x")
	f.Add("gen/[a-", "gen/a")
	f.Fuzz(func(t *testing.T, glob, rel string) {
		g, p := strings.Split(glob, "/"), strings.Split(rel, "/")
		got := MatchGlob(glob, rel)
		if len(g) <= 8 && len(p) <= 8 {
			if want := matchRecursive(g, p); got != want {
				t.Fatalf("MatchGlob(%q, %q) = %v, want %v", glob, rel, got, want)
			}
		}
	})
}

// matchRecursive is the definition: "**" matches zero or more segments.
func matchRecursive(g, p []string) bool {
	if len(g) == 0 {
		return len(p) == 0
	}
	if g[0] == "**" {
		for i := 0; i <= len(p); i++ {
			if matchRecursive(g[1:], p[i:]) {
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
	return matchRecursive(g[1:], p[1:])
}
