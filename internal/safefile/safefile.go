// Package safefile reads and writes the files obscheck touches besides
// source code (policy, baseline, reports) so that a hostile repository
// cannot reach outside itself: a symlink whose target leaves the
// repository is refused, only regular files are read (a FIFO would hang,
// /dev/zero would never end), reads are capped, and files obscheck
// creates on its own account never follow a symlink.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Root is the repository holding dir: the nearest directory at or above
// it with a .git entry, else the nearest with go.mod, else "" (dir is in
// no repository or module).
func Root(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	mod := ""
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if mod == "" {
			if _, err := os.Lstat(filepath.Join(d, "go.mod")); err == nil {
				mod = d
			}
		}
		if filepath.Dir(d) == d {
			return mod
		}
	}
}

// Within reports whether path is root or below it (both cleaned, absolute).
func Within(path, root string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// ErrTooLarge is returned by Read for a file over its limit.
var ErrTooLarge = errors.New("file too large")

// Resolve returns path's real location, refusing one that leaves the
// repository path lies in (a symlink to ~/.bashrc, /etc/passwd or
// /dev/zero) and dangling or looping symlinks. A path in no repository
// resolves wherever it points: the user named it.
func Resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if fi, lerr := os.Lstat(abs); lerr == nil && fi.Mode()&os.ModeSymlink != 0 {
			return "", fmt.Errorf("%s: dangling or looping symlink", path)
		}
		return "", err
	}
	root := Root(filepath.Dir(abs))
	if root == "" {
		return real, nil
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	if !Within(real, realRoot) {
		return "", fmt.Errorf("%s: symlink to %s, outside the repository %s: refused (name the target itself if you mean it)", path, real, root)
	}
	return real, nil
}

// Read reads a regular file of at most limit bytes through Resolve.
func Read(path string, limit int64) ([]byte, error) {
	real, err := Resolve(path)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(real)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%s)", path, kind(fi.Mode()))
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s: %w: %d bytes, the limit is %d", path, ErrTooLarge, fi.Size(), limit)
	}
	f, err := os.OpenFile(real, os.O_RDONLY|nonblock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: %w: over %d bytes", path, ErrTooLarge, limit)
	}
	return data, nil
}

func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeNamedPipe != 0:
		return "a FIFO"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	}
	return m.Type().String()
}

// Mode says how Write may treat an existing file.
type Mode int

const (
	// Named: the user named the path (--output, baseline -f). A symlink
	// is written through when its target stays in the repository; a path
	// in no repository is written as the user asked (/dev/stdout).
	Named Mode = iota
	// Own: obscheck chose the path (the default baseline file). A symlink
	// there is refused, never followed; a regular file is replaced.
	Own
	// Create: like Own, and an existing file is refused (O_EXCL).
	Create
)

// Write writes data to path atomically (a temporary file renamed over
// it, so a reader never sees half a report), keeping an existing file's
// permissions, under the rules of mode.
func Write(path string, data []byte, mode Mode) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	fi, lerr := os.Lstat(abs)
	exists := lerr == nil
	if mode != Named && exists {
		if fi.Mode()&os.ModeSymlink != 0 {
			return fmt.Errorf("%s is a symlink: refused (obscheck does not follow symlinks for files it names itself; give the path explicitly)", path)
		}
		if mode == Create {
			return fmt.Errorf("%s exists", path)
		}
	}
	if mode == Named && Root(filepath.Dir(abs)) == "" {
		return writeInPlace(abs, data)
	}
	target := abs
	if exists && fi.Mode()&os.ModeSymlink != 0 {
		if target, err = linkTarget(abs); err != nil {
			return err
		}
		fi, lerr = os.Lstat(target)
		exists = lerr == nil
	}
	if exists {
		if target, err = Resolve(target); err != nil {
			return err
		}
		fi, err = os.Stat(target)
		if err != nil {
			return err
		}
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file (%s)", path, kind(fi.Mode()))
		}
	} else if real, err := Resolve(filepath.Dir(target)); err != nil {
		return err
	} else {
		target = filepath.Join(real, filepath.Base(target))
	}
	perm := os.FileMode(0o644)
	if exists {
		perm = fi.Mode().Perm()
	}
	return Atomic(target, data, perm)
}

// linkTarget is where the symlink at path points, one level deep; a
// target that does not exist yet is fine if its directory resolves
// inside the repository (the caller then creates it).
func linkTarget(path string) (string, error) {
	if real, err := Resolve(path); err == nil {
		return real, nil
	} else if _, serr := os.Stat(path); !errors.Is(serr, os.ErrNotExist) {
		return "", err // looping, or leaving the repository
	}
	t, err := os.Readlink(path)
	if err != nil {
		return "", err
	}
	if !filepath.IsAbs(t) {
		t = filepath.Join(filepath.Dir(path), t)
	}
	if _, err := os.Lstat(t); err == nil {
		return "", fmt.Errorf("%s: a chain of symlinks to a missing file: refused", path)
	}
	dir, err := Resolve(filepath.Dir(t))
	if err != nil {
		return "", err
	}
	if root := Root(filepath.Dir(path)); root != "" {
		realRoot, err := filepath.EvalSymlinks(root)
		if err != nil || !Within(dir, realRoot) {
			return "", fmt.Errorf("%s: symlink to %s, outside the repository %s: refused (name the target itself if you mean it)", path, t, root)
		}
	}
	return filepath.Join(dir, filepath.Base(t)), nil
}

// writeInPlace writes a file the user named outside any repository: a
// device or a pipe (/dev/stdout) cannot be replaced by a rename.
func writeInPlace(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Atomic replaces (or creates) the regular file path with data and mode
// perm through a temporary file in its directory and a rename, so a crash
// never leaves it half written and a symlink at path is replaced, never
// followed.
func Atomic(path string, data []byte, perm os.FileMode) error {
	tmp, err := Temp(path, data, perm)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// Temp writes data to a new temporary file beside path, synced, with mode
// perm, and returns its name; the caller renames it over path or removes
// it.
func Temp(path string, data []byte, perm os.FileMode) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".obscheck-*")
	if err != nil {
		return "", err
	}
	name := tmp.Name()
	fail := func(err error) (string, error) {
		tmp.Close()
		os.Remove(name)
		return "", err
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}
