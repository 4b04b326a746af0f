package apis_test

import (
	"fmt"
	"go/types"
	"slices"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/apis/apitest"
	"github.com/obscheck/obscheck/internal/funcname"
)

// TestLogConformance resolves every key of the logging knowledge files
// against the real libraries (testdata/conformance/go.mod pins their
// versions) and checks each function's argument roles against its
// signature and each level constant's value against Levels.
func TestLogConformance(t *testing.T) {
	conform(t, logKeys)
}

// logKeys turns every entry of the logging knowledge files into a key;
// problems are what is wrong with the tables before any lookup.
func logKeys() (keys []apitest.Key, problems []string) {
	var loggers []string
	for _, lib := range apis.Logging() {
		loggers = append(loggers, lib.Log.Loggers...)
	}
	for _, lib := range apis.Logging() {
		l := lib.Log
		table := func(what string) string { return lib.Name + ": " + what }
		funcs := func(what string, m map[string]apis.LogFunc, derive bool) {
			for name, f := range m {
				if n, err := funcname.Parse(name); err != nil || !lib.Covers(n.Pkg) {
					problems = append(problems, fmt.Sprintf("%s: %s is not a function of the library's packages %v", table(what), name, lib.Paths))
				}
				keys = append(keys, apitest.Func(table(what), name, rolesCheck(f, loggers, derive)))
			}
		}
		funcs("Calls", l.Calls, false)
		funcs("Starters", l.Starters, false)
		funcs("Derives", l.Derives, true)
		for _, ty := range l.Loggers {
			keys = append(keys, apitest.Type(table("Loggers"), ty))
		}
		for _, ty := range l.SugarLoggers {
			if !slices.Contains(l.Loggers, ty) {
				problems = append(problems, fmt.Sprintf("%s: %s is not in Loggers", table("SugarLoggers"), ty))
			}
		}
		for name, lv := range l.LevelConsts {
			keys = append(keys, apitest.Const(table("LevelConsts"), name, levelCheck(l, lv)))
		}
		for name := range l.FieldCtors {
			keys = append(keys, apitest.Func(table("FieldCtors"), name, nil))
		}
		for name := range l.FieldRender {
			keys = append(keys, apitest.Func(table("FieldRender"), name, nil))
		}
		if c := l.Chain; c != nil {
			keys = append(keys, apitest.Type(table("Chain.Event"), c.Event), apitest.Type(table("Chain.Context"), c.Context))
			for _, name := range append(slices.Clone(c.Open), c.Dicts...) {
				keys = append(keys, apitest.Func(table("Chain"), name, nil))
			}
			for m := range c.Methods {
				keys = append(keys, apitest.Func(table("Chain.Methods"), "(*"+c.Event+")."+m, nil))
			}
		}
		if b := l.Builders; b != nil {
			if b.Result != "" {
				keys = append(keys, apitest.Type(table("Builders.Result"), b.Result))
			}
			for ty := range b.Receivers {
				keys = append(keys, apitest.Type(table("Builders.Receivers"), ty))
			}
		}
	}
	return keys, problems
}

// rolesCheck checks a function's Args against its signature: one role per
// parameter, variadic roles on variadic parameters, and each role's type.
// A derivation must return a logger.
func rolesCheck(f apis.LogFunc, loggers []string, derive bool) func(types.Object) error {
	return func(obj types.Object) error {
		sig, err := apitest.Signature(obj)
		if err != nil {
			return err
		}
		roles, err := f.Roles()
		if err != nil {
			return err
		}
		params := sig.Params()
		if len(roles) != params.Len() {
			return fmt.Errorf("Args %q has %d roles; the function has %d parameters %s", f.Args, len(roles), params.Len(), params)
		}
		for i, r := range roles {
			p := params.At(i)
			variadic := sig.Variadic() && i == params.Len()-1
			if r.Variadic() != variadic {
				return fmt.Errorf("role %s for parameter %d (%s): variadic mismatch", r, i, p.Type())
			}
			t := p.Type()
			if variadic {
				t = t.(*types.Slice).Elem()
			}
			if !roleFits(r, t, loggers) {
				return fmt.Errorf("role %s does not fit parameter %d of type %s", r, i, p.Type())
			}
		}
		if derive && (sig.Results().Len() == 0 || !isLogger(sig.Results().At(0).Type(), loggers)) {
			return fmt.Errorf("a derivation must return a logger; it returns %s", sig.Results())
		}
		return nil
	}
}

func roleFits(r apis.Role, t types.Type, loggers []string) bool {
	basic := func(info types.BasicInfo) bool {
		b, ok := t.Underlying().(*types.Basic)
		return ok && b.Info()&info != 0
	}
	emptyIface := func() bool {
		i, ok := t.Underlying().(*types.Interface)
		return ok && i.Empty()
	}
	switch r {
	case apis.RoleOther, apis.RoleRest:
		return true
	case apis.RoleCtx:
		return funcname.IsNamed(t, "context", "Context")
	case apis.RoleLevel, apis.RoleDepth:
		return basic(types.IsInteger)
	case apis.RoleMsg, apis.RoleFormat, apis.RoleKey, apis.RoleGroup:
		return basic(types.IsString)
	case apis.RoleMsgFunc:
		_, ok := t.Underlying().(*types.Signature)
		return ok
	case apis.RoleErr:
		return types.Identical(t, types.Universe.Lookup("error").Type())
	case apis.RoleValue, apis.RoleKV, apis.RoleArgs:
		return emptyIface()
	case apis.RoleFieldMap:
		_, ok := t.Underlying().(*types.Map)
		return ok || emptyIface()
	case apis.RoleLogger:
		return isLogger(t, loggers)
	case apis.RoleFields:
		return funcname.IsNamed(t, "go.uber.org/zap/zapcore", "Field")
	case apis.RoleAttrs:
		return funcname.IsNamed(t, "log/slog", "Attr")
	}
	return false
}

func isLogger(t types.Type, loggers []string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	for _, l := range loggers {
		if funcname.TypeIs(t, l) {
			return true
		}
	}
	return false
}

// levelCheck: Levels maps the constant's value to the level LevelConsts says.
func levelCheck(l *apis.Log, want apis.Level) func(types.Object) error {
	return func(obj types.Object) error {
		c := obj.(*types.Const)
		v, ok := constInt(c)
		if !ok {
			return fmt.Errorf("not an integer constant: %s", c.Val())
		}
		if got, ok := l.LevelOf(v); !ok || got != want {
			return fmt.Errorf("value %d: Levels gives %v, LevelConsts says %v", v, got, want)
		}
		return nil
	}
}

func constInt(c *types.Const) (int64, bool) {
	s := c.Val().ExactString()
	var v int64
	_, err := fmt.Sscan(strings.TrimSpace(s), &v)
	return v, err == nil
}

// TestRoles: every Args of every logging knowledge file parses.
func TestRoles(t *testing.T) {
	t.Parallel()
	for _, lib := range apis.Logging() {
		for _, m := range []map[string]apis.LogFunc{lib.Log.Calls, lib.Log.Starters, lib.Log.Derives} {
			for name, f := range m {
				if _, err := f.Roles(); err != nil {
					t.Errorf("%s: %s: %v", lib.Name, name, err)
				}
			}
		}
	}
}
