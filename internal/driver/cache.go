package driver

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// typeCache is obscheck's own store of dependencies' export data, for runs
// where the build cache is cold: a dependency checked from declarations-only
// source once is read from here the next time, so the second run on a
// fresh CI runner is as fast as a warm one without compiling anything.
//
// An entry's key hashes everything its types depend on: the Go and
// obscheck versions, the target, the package's files (size and time for
// the read-only module cache and GOROOT, content otherwise) and its
// imports' keys.
type typeCache struct {
	dir string // "" when disabled
	env goEnv

	mu   sync.Mutex
	keys map[*packages.Package]string // "" when not cacheable
}

// cacheFormat changes when what the cache stores changes.
const cacheFormat = "obscheck-types/2"

// goEnv is what the go command says about the build configuration.
type goEnv struct {
	GOVERSION, GOARCH, GOEXPERIMENT, GOROOT, GOMODCACHE, GOCACHE, GODEBUG string
}

var goEnvs sync.Map // environment -> goEnv

func readGoEnv(dir string, env []string) (goEnv, error) {
	k := strings.Join(env, "\x00") + "\x00" + dir
	if v, ok := goEnvs.Load(k); ok {
		return v.(goEnv), nil
	}
	cmd := exec.Command("go", "env", "-json", "GOVERSION", "GOARCH", "GOEXPERIMENT", "GOROOT", "GOMODCACHE", "GOCACHE", "GODEBUG")
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.Output()
	if err != nil {
		return goEnv{}, fmt.Errorf("go env: %v", err)
	}
	var e goEnv
	if err := json.Unmarshal(out, &e); err != nil {
		return goEnv{}, fmt.Errorf("go env: %v", err)
	}
	goEnvs.Store(k, e)
	return e, nil
}

// cacheDir is $OBSCHECK_CACHE, else obscheck/ under the user's cache
// directory; "off" disables the cache.
func cacheDir(env []string) string {
	dir := ""
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "OBSCHECK_CACHE="); ok {
			dir = v // the last one wins, as in os/exec
		}
	}
	if dir == "off" {
		return ""
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(base, "obscheck")
	}
	return filepath.Join(dir, "types")
}

func newTypeCache(dir string, env goEnv) *typeCache {
	return &typeCache{dir: dir, env: env, keys: map[*packages.Package]string{}}
}

// key returns p's cache key, or "" if p cannot be cached: a package of
// the user's own modules, a test variant, or one importing either.
func (c *typeCache) key(p *packages.Package) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.keyLocked(p, map[*packages.Package]bool{})
}

func (c *typeCache) keyLocked(p *packages.Package, visiting map[*packages.Package]bool) string {
	if k, ok := c.keys[p]; ok {
		return k
	}
	if c.dir == "" || userCode(p) || p.ID != p.PkgPath || len(p.Errors) > 0 || visiting[p] {
		return ""
	}
	visiting[p] = true
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00", cacheFormat, runtime.Version(),
		c.env.GOVERSION, c.env.GOARCH, c.env.GOEXPERIMENT, c.env.GODEBUG, p.ID, p.Name)
	if p.Module != nil {
		fmt.Fprintf(h, "%s\x00", p.Module.GoVersion)
	}
	// The files as listed: a cgo file's output follows from it, and is
	// only known once the package is checked.
	for _, f := range p.GoFiles {
		id, ok := c.fileID(f)
		if !ok {
			c.keys[p] = ""
			return ""
		}
		fmt.Fprintf(h, "%s\x00%s\x00", filepath.Base(f), id)
	}
	paths := make([]string, 0, len(p.Imports))
	for path := range p.Imports {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		if path == "unsafe" {
			continue
		}
		k := c.keyLocked(p.Imports[path], visiting)
		if k == "" {
			c.keys[p] = ""
			return ""
		}
		fmt.Fprintf(h, "%s\x00%s\x00", path, k)
	}
	k := hex.EncodeToString(h.Sum(nil))
	c.keys[p] = k
	return k
}

// carryKeys gives each package of the graph to the key of the package of
// the graph from with the same ID.
func (c *typeCache) carryKeys(from, to []*packages.Package) {
	byID := map[string]string{}
	packages.Visit(from, nil, func(p *packages.Package) { byID[p.ID] = c.key(p) })
	c.mu.Lock()
	defer c.mu.Unlock()
	packages.Visit(to, nil, func(p *packages.Package) {
		if k, ok := byID[p.ID]; ok {
			c.keys[p] = k
		}
	})
}

// fileID identifies a file's content: size and modification time where
// files are never edited in place (module cache, GOROOT, the build
// cache's cgo output), a hash of the content elsewhere.
func (c *typeCache) fileID(name string) (string, bool) {
	for _, root := range []string{c.env.GOMODCACHE, c.env.GOROOT, c.env.GOCACHE} {
		if root != "" && strings.HasPrefix(name, root+string(filepath.Separator)) {
			st, err := os.Stat(name)
			if err != nil {
				return "", false
			}
			return fmt.Sprintf("%d-%d", st.Size(), st.ModTime().UnixNano()), true
		}
	}
	f, err := os.Open(name)
	if err != nil {
		return "", false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", false
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

func (c *typeCache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key)
}

// lookup returns the cached export data file of p, or "".
func (c *typeCache) lookup(p *packages.Package) string {
	k := c.key(p)
	if k == "" {
		return ""
	}
	path := c.path(k)
	st, err := os.Stat(path)
	if err != nil {
		return ""
	}
	// Entries unused for cacheTTL are trimmed: mark this one used, at
	// most once a day so reads stay reads.
	if now := time.Now(); now.Sub(st.ModTime()) > 24*time.Hour {
		os.Chtimes(path, now, now)
	}
	return path
}

// store writes the export data of p, checked from source, to the cache,
// and returns it (nil when p cannot be cached). A failure to write only
// costs the next run time: it is ignored.
func (c *typeCache) store(p *packages.Package) []byte {
	k := c.key(p)
	if k == "" || p.Types == nil || len(p.Errors) > 0 {
		return nil
	}
	var buf bytes.Buffer
	if err := gcexportdata.Write(&buf, p.Fset, p.Types); err != nil {
		return nil
	}
	path := c.path(k)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return buf.Bytes()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return buf.Bytes()
	}
	_, err = tmp.Write(buf.Bytes())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return buf.Bytes()
}

// cacheTTL is how long an unused entry is kept.
const cacheTTL = 14 * 24 * time.Hour

// trim removes entries unused for cacheTTL, at most once a day.
func (c *typeCache) trim() {
	if c.dir == "" {
		return
	}
	marker := filepath.Join(c.dir, "trimmed")
	if st, err := os.Stat(marker); err == nil && time.Since(st.ModTime()) < 24*time.Hour {
		return
	}
	os.MkdirAll(c.dir, 0o755)
	os.WriteFile(marker, nil, 0o644)
	cutoff := time.Now().Add(-cacheTTL)
	filepath.WalkDir(c.dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || path == marker {
			return nil
		}
		if info, err := d.Info(); err == nil && info.ModTime().Before(cutoff) {
			os.Remove(path)
		}
		return nil
	})
}
