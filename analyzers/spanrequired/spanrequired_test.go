package spanrequired_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/analyzers/spanrequired"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestAnalyzer is one analysistest run over every fixture package: each
// run loads the real libraries from source (most of the test's time), so
// the fixtures share one. Packages with their own policy carry an
// .obscheck.yaml (policycfg); fixes/ has the golden file of the
// suggested fix. The same run checks that no router's verdict leaks
// into another's (see leakVariants) and the inventory (checkInventory).
func TestAnalyzer(t *testing.T) {
	t.Parallel()
	dir := testutil.CopyDir(t, testutil.Module(t, "testdata"))
	variants := leakVariants(t, dir, "svc")
	ft := &skipT{T: t, prefix: filepath.Join(dir, "leak") + string(filepath.Separator)}
	results := analysistest.RunWithSuggestedFixes(ft, dir, spanrequired.New(nil), "./...")
	checkInventory(t, results)

	// Findings per variant: file (relative to the variant), line, message.
	found := map[string][]string{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			p := r.Action.Package.Fset.Position(d.Pos)
			rel, ok := strings.CutPrefix(p.Filename, ft.prefix)
			if !ok {
				continue
			}
			v, file, _ := strings.Cut(rel, string(filepath.Separator))
			found[v] = append(found[v], fmt.Sprintf("%s:%d: %s", file, p.Line, d.Message))
		}
	}
	base := found["base"]
	if len(base) < 6 {
		t.Errorf("leak base variant: %d findings, want the fixture's:\n%s", len(base), strings.Join(base, "\n"))
	}
	for _, v := range variants {
		// The variant dropped router v.tag's registrations: every other
		// router's findings must stay exactly as they were.
		var want []string
		for _, f := range base {
			if !v.owns(f) {
				want = append(want, f)
			}
		}
		got := found[v.tag]
		sort.Strings(want)
		sort.Strings(got)
		if strings.Join(want, "\n") != strings.Join(got, "\n") {
			t.Errorf("removing router %q's registrations changed the verdict on other routers:\nwant\n\t%s\ngot\n\t%s",
				v.tag, strings.Join(want, "\n\t"), strings.Join(got, "\n\t"))
		}
	}
}

// skipT forwards analysistest's complaints except those about the
// generated leak variants, which carry no want comments.
type skipT struct {
	*testing.T
	prefix string
}

func (s *skipT) Errorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if strings.HasPrefix(msg, s.prefix) {
		return
	}
	s.T.Helper()
	s.T.Error(msg)
}

type variant struct {
	tag    string
	routes []string // the routes its registrations serve
}

// owns reports whether a finding is about one of v's routes.
func (v variant) owns(finding string) bool {
	for _, r := range v.routes {
		if strings.Contains(finding, r+" without a span") {
			return true
		}
	}
	return false
}

var (
	leakTag  = regexp.MustCompile(`// leak:(\w+)\s*$`)
	wantRE   = regexp.MustCompile(`\s*// want .*$`)
	routeLit = regexp.MustCompile(`"([A-Z]* ?/[^"]*)"`)
)

// leakVariants writes copies of the fixture module tree pkg under
// dir/leak: base (the fixture without want comments) and, for every
// router tag (lines ending in "// leak:TAG": its registrations and
// middleware), a copy with that router's lines commented out. Line
// numbers are kept, so findings compare by position.
func leakVariants(t *testing.T, dir, pkg string) []variant {
	t.Helper()
	root := filepath.Join(dir, pkg)
	type file struct {
		rel   string
		lines []string
	}
	var files []file
	tags := map[string]*variant{}
	err := filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		lines := strings.Split(string(data), "\n")
		for _, l := range lines {
			if m := leakTag.FindStringSubmatch(l); m != nil {
				v := tags[m[1]]
				if v == nil {
					v = &variant{tag: m[1]}
					tags[m[1]] = v
				}
				if r := routeLit.FindStringSubmatch(l); r != nil {
					v.routes = append(v.routes, r[1])
				}
			}
		}
		files = append(files, file{rel, lines})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, drop string) {
		for _, f := range files {
			out := make([]string, len(f.lines))
			for i, l := range f.lines {
				l = wantRE.ReplaceAllString(l, "")
				l = strings.ReplaceAll(l, `"example.com/sr/`+pkg+`/`, `"example.com/sr/leak/`+name+`/`)
				if m := leakTag.FindStringSubmatch(f.lines[i]); m != nil && m[1] == drop {
					l = "// " + l
				}
				out[i] = l
			}
			path := filepath.Join(dir, "leak", name, f.rel)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	write("base", "")
	var vs []variant
	for tag, v := range tags {
		write(tag, tag)
		vs = append(vs, *v)
	}
	if len(vs) < 4 {
		t.Fatalf("leak fixture %s: %d routers tagged, want several", pkg, len(vs))
	}
	sort.Slice(vs, func(i, j int) bool { return vs[i].tag < vs[j].tag })
	return vs
}
