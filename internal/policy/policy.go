// Package policy holds the obscheck policy: the team's observability rules
// (.obscheck.yaml) with the NoETL defaults. Analyzers are built from a
// Source, which decides the policy of each package the same way under
// every driver: the nearest .obscheck.yaml above the package's files (see
// Find), unless a flag, $OBSCHECK_CONFIG or the caller fixes one.
package policy

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
	OtelSetup         []string `yaml:"otel_setup" check:"funcname" doc:"the team's functions that initialize OpenTelemetry, e.g. example.com/svc/middleware.SetupOTel (functions installing a global provider are known)"`
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
		OtelSetup:         []string{},
	}
	p.Rules = defaultRules()
	defaultSeverities(&p.Rules)
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

// Find returns the policy file governing dir: the first .obscheck.yaml
// found walking up from dir to the repository root (the directory holding
// .git), or to the module root when dir is not in a repository. A monorepo
// can so keep one policy at its root for every module below it, and a
// package can refine it with a file of its own. Find returns "" if there
// is none. A name that exists but cannot be read (a dangling symlink, a
// directory) is still returned: Load reports it rather than letting the
// defaults apply silently.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	limit := RepoRoot(dir)
	if limit == "" {
		limit = ModuleRoot(dir)
	}
	for {
		candidate := filepath.Join(dir, FileName)
		if _, err := os.Lstat(candidate); err == nil {
			return candidate, nil
		}
		parent := filepath.Dir(dir)
		if dir == limit || parent == dir || !within(dir, limit) {
			return "", nil
		}
		dir = parent
	}
}

// RepoRoot returns the nearest directory at or above dir holding .git (a
// directory, or a file for worktrees and submodules), or "".
func RepoRoot(dir string) string {
	dir, _ = filepath.Abs(dir)
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// within reports whether dir is root or below it.
func within(dir, root string) bool {
	rel, err := filepath.Rel(root, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
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
	data, err := readPolicyFile(path)
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
