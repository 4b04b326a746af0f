package safefile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteModes(t *testing.T) {
	repo := t.TempDir()
	os.Mkdir(filepath.Join(repo, ".git"), 0o755)
	outside := filepath.Join(t.TempDir(), "victim")
	os.WriteFile(outside, []byte("keep"), 0o644)
	link := filepath.Join(repo, "link")
	os.Symlink(outside, link)
	for _, mode := range []Mode{Named, Own, Create} {
		if err := Write(link, []byte("x"), mode); err == nil {
			t.Errorf("mode %d wrote through a symlink out of the repository", mode)
		}
	}
	if data, _ := os.ReadFile(outside); string(data) != "keep" {
		t.Fatalf("victim overwritten: %q", data)
	}
	// Own never follows a symlink, even one inside the repository.
	os.WriteFile(filepath.Join(repo, "target"), []byte("t"), 0o600)
	os.Symlink("target", filepath.Join(repo, "in"))
	if err := Write(filepath.Join(repo, "in"), []byte("x"), Own); err == nil || !strings.Contains(err.Error(), "symlink") {
		t.Errorf("Own followed a symlink: %v", err)
	}
	// Named writes through it, keeping the target's mode.
	if err := Write(filepath.Join(repo, "in"), []byte("x"), Named); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(filepath.Join(repo, "target")); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
	// Create refuses an existing file.
	if err := Write(filepath.Join(repo, "target"), []byte("y"), Create); err == nil {
		t.Error("Create replaced an existing file")
	}
	if err := Write(filepath.Join(repo, "new"), []byte("y"), Create); err != nil {
		t.Error(err)
	}
}

func TestReadCapsAndRefuses(t *testing.T) {
	repo := t.TempDir()
	os.WriteFile(filepath.Join(repo, "go.mod"), []byte("module m\n"), 0o644)
	big := filepath.Join(repo, "big")
	os.WriteFile(big, make([]byte, 100), 0o644)
	if _, err := Read(big, 99); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("cap: %v", err)
	}
	if data, err := Read(big, 100); err != nil || len(data) != 100 {
		t.Errorf("at the cap: %v", err)
	}
	if _, err := Read(repo, 100); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("directory: %v", err)
	}
}
