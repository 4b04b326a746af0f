package gitdiff

import (
	"path/filepath"
	"testing"
)

func TestParse(t *testing.T) {
	diff := `diff --git a/x.go b/x.go
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
`
	l := Parse("/r", []byte(diff))
	x := filepath.Join("/r", "x.go")
	for line, want := range map[int]bool{3: false, 4: true, 5: true, 6: false, 12: true, 13: false, 21: false} {
		if got := l.Contains(x, line); got != want {
			t.Errorf("line %d: %v, want %v", line, got, want)
		}
	}
	if l.Contains(filepath.Join("/r", "dead.go"), 1) || l.Contains(filepath.Join("/r", "other.go"), 1) {
		t.Error("unchanged or deleted file reported as changed")
	}
	l[filepath.Join("/r", "new.go")] = nil
	if !l.Contains(filepath.Join("/r", "new.go"), 99) {
		t.Error("new file not entirely changed")
	}
}
