// Package plugin is obscheck as a golangci-lint v2 module plugin.
//
// Build a custom golangci-lint that imports this package (golangci-lint
// custom with a .custom-gcl.yml, or a blank import in the golangci-lint
// sources' cmd/golangci-lint/plugins.go), then enable it in .golangci.yml:
//
//	linters:
//	  enable: [obscheck]
//	  settings:
//	    custom:
//	      obscheck:
//	        type: module
//	        settings:
//	          config: .obscheck.yaml   # or the policy keys inline
//
// settings takes either config (a policy file; a relative path is resolved
// against the directory golangci-lint runs in) or the keys of
// .obscheck.yaml inline (version, policy, rules, exclude), decoded as
// strictly as the file: unknown keys are errors. Without settings each
// package uses the nearest .obscheck.yaml, as under go vet.
//
// golangci-lint names an issue by the linter that reported it, and
// //nolint:NAME matches that name only. To suppress one rule with
// //nolint:spanrequired (and have golangci-lint know the name instead of
// warning "unknown linters"), declare the rules as linters of their own:
// every rule name is registered as a module plugin too.
//
//	linters:
//	  enable: [spanrequired, metricnaming, execidfield, labelcardinality, sanitizeboundary, directive]
//	  settings:
//	    custom:
//	      spanrequired: &obscheck {type: module, settings: {config: .obscheck.yaml}}
//	      metricnaming: *obscheck
//	      execidfield: *obscheck
//	      labelcardinality: *obscheck
//	      sanitizeboundary: *obscheck
//	      directive: *obscheck
//
// Rules given the same settings share one set of analyzers, so each runs
// once however many are enabled. Use one form or the other: a rule enabled
// both ways is named after whichever linter golangci-lint lists last.
package plugin

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/golangci/plugin-module-register/register"
	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/report"
	"golang.org/x/tools/go/analysis"
	"gopkg.in/yaml.v3"
)

// Name is the linter name in .golangci.yml and in //nolint comments.
const Name = "obscheck"

func init() {
	report.OmitRelated = true // see its doc: related locations would shadow findings
	register.Plugin(Name, New)
	for _, r := range all.Rules {
		rule := r.Analyzer.Name
		register.Plugin(rule, func(settings any) (register.LinterPlugin, error) { return NewRule(rule, settings) })
	}
}

// Plugin is the golangci-lint linter plugin.
type Plugin struct {
	// Policy is the decoded settings, nil when each package's nearest
	// .obscheck.yaml governs it.
	Policy *policy.Policy
	key    string // the settings, canonically encoded: which analyzer set
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New decodes the settings golangci-lint passes (the value of
// linters.settings.custom.obscheck.settings).
func New(settings any) (register.LinterPlugin, error) {
	p, key, err := decode(Name, settings)
	if err != nil {
		return nil, err
	}
	return &Plugin{Policy: p, key: key}, nil
}

// BuildAnalyzers returns every obscheck analyzer, built from the policy of
// the settings, or reading each package's nearest .obscheck.yaml when there
// are none; disabled rules stay in the list and report nothing.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return analyzers(p.key, p.Policy), nil
}

// GetLoadMode: the rules need type information.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// Rule is one obscheck rule as a golangci-lint linter of its own, named
// after the rule, so that //nolint:RULE and golangci-lint's per-linter
// settings (exclusions, severity rules) work on it.
type Rule struct {
	Name   string
	Policy *policy.Policy // as Plugin.Policy
	key    string
}

// NewRule decodes the settings of linters.settings.custom.RULE.settings;
// they are those of the obscheck linter.
func NewRule(rule string, settings any) (register.LinterPlugin, error) {
	p, key, err := decode(rule, settings)
	if err != nil {
		return nil, err
	}
	return &Rule{Name: rule, Policy: p, key: key}, nil
}

// BuildAnalyzers returns the rule's analyzer, from the set shared by every
// linter with the same settings: the directive rule requires the other
// rules, which must be the very analyzers the other linters run.
func (r *Rule) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	for _, a := range analyzers(r.key, r.Policy) {
		if a.Name == r.Name {
			return []*analysis.Analyzer{a}, nil
		}
	}
	return nil, fmt.Errorf("obscheck has no rule %q", r.Name)
}

// GetLoadMode: the rules need type information.
func (r *Rule) GetLoadMode() string { return register.LoadModeTypesInfo }

// sets holds the analyzer set built for each distinct settings.
var sets = struct {
	sync.Mutex
	m map[string][]*analysis.Analyzer
}{m: map[string][]*analysis.Analyzer{}}

// analyzers returns the analyzers for a policy decoded from settings
// encoded as key, built once per key; the package-level analyzers (each
// package's nearest .obscheck.yaml) when there is no policy.
func analyzers(key string, p *policy.Policy) []*analysis.Analyzer {
	if p == nil {
		return all.Analyzers()
	}
	sets.Lock()
	defer sets.Unlock()
	if as, ok := sets.m[key]; ok {
		return as
	}
	as := all.New(policy.Fixed(p))
	sets.m[key] = as
	return as
}

// settingsName names the settings of the obscheck linter in error messages.
var settingsName = settingsOf(Name)

func settingsOf(linter string) string { return "linters.settings.custom." + linter + ".settings" }

// Decode turns golangci-lint settings into a policy: nil for no settings,
// the file named by config, or the inline policy keys.
func Decode(settings any) (*policy.Policy, error) {
	p, _, err := decode(Name, settings)
	return p, err
}

// decode is Decode for the settings of the named linter; it also returns
// the settings canonically encoded (JSON sorts keys), which tells which
// linters can share analyzers.
func decode(linter string, settings any) (*policy.Policy, string, error) {
	p, raw, err := decodeSettings(settingsOf(linter), settings)
	return p, string(raw), err
}

func decodeSettings(settingsName string, settings any) (*policy.Policy, []byte, error) {
	if settings == nil {
		return nil, nil, nil
	}
	// golangci-lint hands over what its YAML/viper decoding produced; JSON
	// normalises it to plain maps, slices and scalars.
	raw, err := json.Marshal(settings)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", settingsName, err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, nil, fmt.Errorf("%s: want a mapping of %s keys or config: FILE, got %s", settingsName, policy.FileName, raw)
	}
	if len(m) == 0 {
		return nil, nil, nil
	}
	if cfg, ok := m["config"]; ok {
		path, ok := cfg.(string)
		if !ok || path == "" {
			return nil, nil, fmt.Errorf("%s: config: want the path of a %s file", settingsName, policy.FileName)
		}
		if len(m) > 1 {
			return nil, nil, fmt.Errorf("%s: give either config or the policy keys inline, not both", settingsName)
		}
		if !filepath.IsAbs(path) {
			wd, err := os.Getwd()
			if err != nil {
				return nil, nil, err
			}
			path = filepath.Join(wd, path)
		}
		p, err := policy.Load(path)
		return p, []byte("config:" + path), err
	}
	data, err := yaml.Marshal(m)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", settingsName, err)
	}
	p, err := policy.Parse(settingsName, data)
	if err != nil {
		return nil, nil, withoutLines(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, nil, err
	}
	p.Root = policy.ModuleRoot(wd)
	p.Source = settingsName
	canon, err := json.Marshal(m) // map keys sorted: equal settings, equal key
	return p, canon, err
}

// withoutLines drops line numbers: they count lines of the re-encoded
// settings, not of .golangci.yml. Messages name the key.
func withoutLines(err error) error {
	var es policy.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			e.Line = 0
		}
	}
	return err
}
