// Package policy holds the obscheck policy: the team's observability rules
// (.obscheck.yaml) with the NoETL defaults. Every analyzer reads it through
// For, which works the same under every driver: the obscheck CLI installs
// the policy it loaded, go vet / golangci-lint / gopls find .obscheck.yaml
// by walking up from the package's files, and nogo passes -config.
package policy

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// FileName is the policy file looked up from each package's directory.
const FileName = ".obscheck.yaml"

// EnvConfig names a policy file for every package, e.g. under go vet.
const EnvConfig = "OBSCHECK_CONFIG"

// Policy is the decoded policy file with defaults applied.
type Policy struct {
	Version int    `yaml:"version"`
	Policy  Common `yaml:"policy"`
	Rules   Rules  `yaml:"rules"`
	Exclude struct {
		Paths []string `yaml:"paths" check:"glob" doc:"globs of files never reported, relative to the module root ('**' matches any number of directories)"`
		Tests bool     `yaml:"tests" doc:"never report findings in _test.go files (tests are fixtures, not production telemetry); obscheck --tests sets it to false"`
	} `yaml:"exclude"`

	// Root is the directory exclude.paths are relative to: the module
	// root (where go.mod is), else the directory of the policy file.
	Root string `yaml:"-"`
	// Source is the file the policy came from, "" for built-in defaults.
	Source string `yaml:"-"`
}

// Common is the team-wide part of the policy every rule reads.
type Common struct {
	CorrelationKeys   []string `yaml:"correlation_keys" doc:"field every WARN/ERROR log needs; never a metric label"`
	MetricPrefix      string   `yaml:"metric_prefix" doc:"prefix of every metric name"`
	ForbiddenLabels   []string `yaml:"forbidden_labels" doc:"unbounded ids that must never be metric labels"`
	SensitiveKeys     []string `yaml:"sensitive_keys" doc:"keys and field names whose values must be sanitized before logs, spans and labels"`
	SpanStarters      []string `yaml:"span_starters" check:"funcname" doc:"extra functions that start a span, e.g. example.com/svc/middleware.StartSpan"`
	TracingMiddleware []string `yaml:"tracing_middleware" check:"funcname" doc:"extra functions whose result wraps handlers in a span"`
	Sanitizers        []string `yaml:"sanitizers" check:"funcname" doc:"extra functions whose result is safe to log"`
}

// Default returns the built-in policy: the NoETL observability rules.
func Default() *Policy {
	p := &Policy{Version: 1}
	p.Policy = Common{
		CorrelationKeys: []string{"execution_id"},
		MetricPrefix:    "noetl_",
		ForbiddenLabels: []string{"execution_id", "command_id", "event_id", "correlation_id", "request_id", "trace_id", "span_id"},
		SensitiveKeys: []string{"password", "password_hash", "access_token", "refresh_token", "id_token",
			"ssh_private_key", "ssh_private_key_enc", "stripe_customer_id", "payment_reference", "email",
			"username", "secret", "api_key", "authorization"},
		SpanStarters:      []string{},
		TracingMiddleware: []string{},
		Sanitizers:        []string{},
	}
	p.Rules = defaultRules()
	p.Exclude.Paths = []string{}
	p.Exclude.Tests = true
	return p
}

// Enabled reports whether the named rule is on.
func (p *Policy) Enabled(rule string) bool {
	if e := p.Rules.enabledFlag(rule); e != nil {
		return *e
	}
	return true
}

// SetEnabled turns a rule on or off; it reports false for unknown rules.
func (p *Policy) SetEnabled(rule string, on bool) bool {
	e := p.Rules.enabledFlag(rule)
	if e == nil {
		return false
	}
	*e = on
	return true
}

// CorrelationKey reports whether key is one of the correlation keys.
func (p *Policy) CorrelationKey(key string) bool {
	return slices.Contains(p.Policy.CorrelationKeys, key)
}

// --- How analyzers get the policy, under any driver ---

var (
	installed *Policy // set by the obscheck CLI before analysis starts
	cache     sync.Map
)

// Install makes p the policy of every analyzer in this process. The
// obscheck CLI calls it once, before analysis, after applying its flags.
func Install(p *Policy) { installed = p }

// RegisterFlags adds the flags every analyzer carries (nogo and go vet
// pass configuration only through analyzer flags): -config names a policy
// file, -policy gives the policy YAML itself (for sandboxes such as
// Bazel's, where no file is at hand).
func RegisterFlags(fs *flag.FlagSet) {
	fs.String("config", "", "path to "+FileName+" (default: found by walking up from each package's directory)")
	fs.String("policy", "", "the policy as YAML text, instead of a file")
}

// For returns the policy governing pass: the installed one, the YAML of
// the analyzer's -policy flag, the file named by its -config flag or
// $OBSCHECK_CONFIG, or the nearest .obscheck.yaml above the
// package's files (stopping at the module root), else the defaults.
func For(pass *analysis.Pass) (*Policy, error) {
	if installed != nil {
		return installed, nil
	}
	if f := pass.Analyzer.Flags.Lookup("policy"); f != nil && f.Value.String() != "" {
		return parseCached(f.Value.String())
	}
	if f := pass.Analyzer.Flags.Lookup("config"); f != nil && f.Value.String() != "" {
		return loadCached(f.Value.String())
	}
	if env := os.Getenv(EnvConfig); env != "" {
		return loadCached(env)
	}
	dir := packageDir(pass)
	if dir == "" {
		return Default(), nil
	}
	path, err := Find(dir)
	if err != nil {
		return nil, err
	}
	if path == "" {
		return Default(), nil
	}
	return loadCached(path)
}

type cached struct {
	p   *Policy
	err error
}

// loadCached parses each file once per process: analyzers of many packages
// share it read-only.
func loadCached(path string) (*Policy, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if v, ok := cache.Load(abs); ok {
		c := v.(cached)
		return c.p, c.err
	}
	p, err := Load(abs)
	v, _ := cache.LoadOrStore(abs, cached{p, err})
	c := v.(cached)
	return c.p, c.err
}

// parseCached parses policy text given in a flag, once per text.
func parseCached(text string) (*Policy, error) {
	key := "policy-flag\x00" + text
	if v, ok := cache.Load(key); ok {
		c := v.(cached)
		return c.p, c.err
	}
	p, err := Parse("-policy flag", []byte(text))
	if p != nil {
		p.Source = "-policy flag"
	}
	v, _ := cache.LoadOrStore(key, cached{p, err})
	c := v.(cached)
	return c.p, c.err
}

func packageDir(pass *analysis.Pass) string {
	for _, f := range pass.Files {
		if name := pass.Fset.File(f.Pos()).Name(); filepath.IsAbs(name) {
			return filepath.Dir(name)
		}
	}
	return ""
}

// Find walks up from dir to the module root (the first directory holding
// go.mod) and returns the first policy file found, or "" if there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		candidate := filepath.Join(dir, FileName)
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// ModuleRoot returns the nearest directory at or above dir holding go.mod.
func ModuleRoot(dir string) string {
	dir, _ = filepath.Abs(dir)
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

// Load reads and validates a policy file.
func Load(path string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error()}
	}
	p, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	p.Source = path
	p.Root = ModuleRoot(filepath.Dir(path))
	return p, nil
}

// Error is a configuration error at a place in the policy file.
type Error struct {
	File string
	Line int
	Msg  string
	Hint string
}

func (e *Error) Error() string {
	s := e.File
	if e.Line > 0 {
		s = fmt.Sprintf("%s:%d", s, e.Line)
	}
	s += ": " + e.Msg
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// Errors is every problem found in one policy file.
type Errors []*Error

func (es Errors) Error() string {
	s := ""
	for i, e := range es {
		if i > 0 {
			s += "\n"
		}
		s += e.Error()
	}
	return s
}
