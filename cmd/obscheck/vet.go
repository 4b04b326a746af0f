package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/internal/policy"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// vetMain runs obscheck as `go vet -vettool`.
func vetMain(args []string) {
	if slices.Contains(args, "-V=full") {
		// go vet caches results by this ID. The policy file is an input the
		// go command cannot see, so it is hashed into the ID: editing
		// .obscheck.yaml re-runs the analysis instead of replaying stale
		// results.
		id, err := toolID()
		if err != nil {
			fmt.Fprintln(os.Stderr, "obscheck: "+err.Error())
			os.Exit(1)
		}
		fmt.Printf("obscheck version devel comments-go-here buildID=%x\n", id)
		os.Exit(0)
	}
	if cfg := args[len(args)-1]; filepath.Ext(cfg) == ".cfg" {
		// A bad policy would otherwise fail every analyzer separately and
		// show only as "failed prerequisites".
		if err := checkVetPolicy(cfg); err != nil {
			fmt.Fprintln(os.Stderr, "obscheck: "+err.Error())
			os.Exit(1)
		}
		if vetDependency(cfg) {
			os.Exit(0)
		}
	}
	unitchecker.Main(all.Analyzers()...) // never returns
}

func toolID() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	f, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	root := policy.ModuleRoot(".")
	for i, path := range policyFiles() {
		// Read as Load reads: a policy symlinked to /dev/zero or a FIFO
		// must not hang every package's vet run; its error is hashed
		// (and reported when a package loads it).
		data, err := policy.ReadFile(path)
		if err != nil {
			data = []byte("error: " + err.Error())
		}
		// Where a file sits relative to the module says which packages
		// it governs; where the module sits does not. Two checkouts with
		// the same policies share one ID, so the go command's vet cache
		// serves the dependencies of the second from the first.
		name := path
		if rel, err := filepath.Rel(root, path); err == nil {
			name = filepath.ToSlash(rel)
		}
		if i == 0 && os.Getenv(policy.EnvConfig) != "" {
			name = policy.EnvConfig + "=" + name // governs every package
		}
		fmt.Fprintf(h, "\x00%s\x00%s", name, data)
	}
	return h.Sum(nil), nil
}

// policyFiles lists every policy file that can govern a package of the
// current module: $OBSCHECK_CONFIG, the nearest .obscheck.yaml at or above
// the module root (up to the repository root), and each one below it
// (nested modules, vendor, testdata and hidden directories excluded, as
// the go command excludes them from ./...).
func policyFiles() []string {
	var files []string
	if env := os.Getenv(policy.EnvConfig); env != "" {
		files = append(files, env)
	}
	root := policy.ModuleRoot(".")
	if up, _ := policy.Find(root); up != "" {
		files = append(files, up)
	}
	policy.WalkModule(root, func(path string, d fs.DirEntry) {
		if d.Name() == policy.FileName {
			files = append(files, path)
		}
	})
	return files
}

// vetPolicyPath is the policy file governing dir: $OBSCHECK_CONFIG if set,
// else the nearest .obscheck.yaml up to the module root.
func vetPolicyPath(dir string) string {
	if env := os.Getenv(policy.EnvConfig); env != "" {
		return env
	}
	path, _ := policy.Find(dir)
	return path
}

// checkVetPolicy loads the policy governing the package of a vet config.
func checkVetPolicy(cfgFile string) error {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return nil // unitchecker reports it
	}
	var cfg struct{ GoFiles []string }
	if json.Unmarshal(data, &cfg) != nil || len(cfg.GoFiles) == 0 {
		return nil
	}
	path := vetPolicyPath(filepath.Dir(cfg.GoFiles[0]))
	if path == "" {
		return nil
	}
	_, err = policy.Load(path)
	return err
}
