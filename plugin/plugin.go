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
package plugin

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/golangci/plugin-module-register/register"
	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/internal/policy"
	"golang.org/x/tools/go/analysis"
	"gopkg.in/yaml.v3"
)

// Name is the linter name in .golangci.yml and in //nolint comments.
const Name = "obscheck"

func init() {
	register.Plugin(Name, New)
}

// Plugin is the golangci-lint linter plugin.
type Plugin struct {
	// Policy is the decoded settings, nil when each package's nearest
	// .obscheck.yaml governs it.
	Policy *policy.Policy
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New decodes the settings golangci-lint passes (the value of
// linters.settings.custom.obscheck.settings).
func New(settings any) (register.LinterPlugin, error) {
	p, err := Decode(settings)
	if err != nil {
		return nil, err
	}
	return &Plugin{Policy: p}, nil
}

// BuildAnalyzers returns every obscheck analyzer, built from the policy of
// the settings, or reading each package's nearest .obscheck.yaml when there
// are none; disabled rules stay in the list and report nothing.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	if p.Policy == nil {
		return all.Analyzers(), nil
	}
	return all.New(policy.Fixed(p.Policy)), nil
}

// GetLoadMode: the rules need type information.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// settingsName names the settings in error messages.
const settingsName = "linters.settings.custom.obscheck.settings"

// Decode turns golangci-lint settings into a policy: nil for no settings,
// the file named by config, or the inline policy keys.
func Decode(settings any) (*policy.Policy, error) {
	if settings == nil {
		return nil, nil
	}
	// golangci-lint hands over what its YAML/viper decoding produced; JSON
	// normalises it to plain maps, slices and scalars.
	raw, err := json.Marshal(settings)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", settingsName, err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s: want a mapping of %s keys or config: FILE, got %s", settingsName, policy.FileName, raw)
	}
	if len(m) == 0 {
		return nil, nil
	}
	if cfg, ok := m["config"]; ok {
		path, ok := cfg.(string)
		if !ok || path == "" {
			return nil, fmt.Errorf("%s: config: want the path of a %s file", settingsName, policy.FileName)
		}
		if len(m) > 1 {
			return nil, fmt.Errorf("%s: give either config or the policy keys inline, not both", settingsName)
		}
		if !filepath.IsAbs(path) {
			wd, err := os.Getwd()
			if err != nil {
				return nil, err
			}
			path = filepath.Join(wd, path)
		}
		return policy.Load(path)
	}
	data, err := yaml.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", settingsName, err)
	}
	p, err := policy.Parse(settingsName, data)
	if err != nil {
		return nil, withoutLines(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	p.Root = policy.ModuleRoot(wd)
	p.Source = settingsName
	return p, nil
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
