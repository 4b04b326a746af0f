package gitdiff

import (
	"path/filepath"
	"strings"
	"testing"
)

const sample = `diff --git a/x.go b/x.go
index 1..2 100644
--- a/x.go
+++ b/x.go
@@ -3,0 +4,2 @@ func f() {
+	a()
+	b()
@@ -10 +12 @@
-old
+new
@@ -20,3 +21,0 @@
-gone
diff --git a/dead.go b/dead.go
--- a/dead.go
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git a/sp ace.go b/sp ace.go
--- a/sp ace.go	
+++ b/sp ace.go	
@@ -1 +1 @@
-x
+y
diff --git "a/q\"\303\251.go" "b/q\"\303\251.go"
--- "a/q\"\303\251.go"
+++ "b/q\"\303\251.go"
@@ -2 +2 @@
-x
+y
diff --git a/odd.go b/odd.go
--- a/odd.go
+++ b/odd.go
@@ -1 +zz @@
`

func TestParse(t *testing.T) {
	root := t.TempDir()
	l := Parse(root, []byte(sample))
	x := filepath.Join(root, "x.go")
	for line, want := range map[int]bool{3: false, 4: true, 5: true, 6: false, 12: true, 13: false, 21: false} {
		if got := l.Contains(x, line); got != want {
			t.Errorf("line %d: %v, want %v", line, got, want)
		}
	}
	if l.Contains(filepath.Join(root, "dead.go"), 1) || l.Contains(filepath.Join(root, "other.go"), 1) {
		t.Error("unchanged or deleted file reported as changed")
	}
	if !l.Contains(filepath.Join(root, "sp ace.go"), 1) || l.Contains(filepath.Join(root, "sp ace.go"), 2) {
		t.Error("name with a space (git adds a tab after it) not read")
	}
	if !l.Contains(filepath.Join(root, "q\"é.go"), 2) {
		t.Error("quoted name not read")
	}
	if !l.Contains(filepath.Join(root, "odd.go"), 99) {
		t.Error("a hunk header that cannot be read does not make the whole file changed")
	}
}

// FuzzParse: the diff parser never panics, and every file it reports is
// inside the root it was given.
func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("+++ b/../../etc/passwd\n@@ -1 +1,99999999999999999999 @@\n"))
	f.Add([]byte("+++ \"b/\\x\"\n@@ -1 +-3 @@\n+++ b/\n"))
	root := filepath.Join(string(filepath.Separator), "r")
	f.Fuzz(func(t *testing.T, diff []byte) {
		l := Parse(root, diff)
		for _, file := range l.Files() {
			if file != root && !strings.HasPrefix(file, root+string(filepath.Separator)) {
				t.Fatalf("file %q outside the root", file)
			}
			for _, r := range l.files[file] {
				if r[0] > r[1] {
					t.Fatalf("empty range %v", r)
				}
			}
		}
	})
}
