package policy

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// Option describes one rule option, for `obscheck explain`.
type Option struct {
	Key     string // rules.<rule>.<key>
	Default string // YAML flow form
	Doc     string
}

// RuleOptions lists the options of rule with their defaults.
func RuleOptions(rule string) []Option {
	rules := reflect.ValueOf(Default().Rules)
	for i := 0; i < rules.NumField(); i++ {
		if yamlName(rules.Type().Field(i)) != rule {
			continue
		}
		v := rules.Field(i)
		var opts []Option
		for j := 0; j < v.NumField(); j++ {
			f := v.Type().Field(j)
			opts = append(opts, Option{
				Key:     "rules." + rule + "." + yamlName(f),
				Default: flow(v.Field(j)),
				Doc:     f.Tag.Get("doc"),
			})
		}
		return opts
	}
	return nil
}

// Template returns a commented .obscheck.yaml with every default spelled
// out; Parse(Template()) yields Default().
func Template() string {
	var b strings.Builder
	b.WriteString("# obscheck policy: https://github.com/obscheck/obscheck#configuration\n")
	b.WriteString("# Every value below is the built-in default; delete what you do not change.\n")
	b.WriteString("# Functions are named as go/types prints them: pkg/path.Func, (*pkg/path.Type).Method.\n")
	writeStruct(&b, reflect.ValueOf(*Default()), 0)
	return b.String()
}

func writeStruct(b *strings.Builder, v reflect.Value, depth int) {
	indent := strings.Repeat("  ", depth)
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		name := yamlName(f)
		if name == "" || name == "-" {
			continue
		}
		fv := v.Field(i)
		if doc := f.Tag.Get("doc"); doc != "" {
			fmt.Fprintf(b, "%s# %s\n", indent, doc)
		}
		if fv.Kind() == reflect.Struct {
			fmt.Fprintf(b, "%s%s:\n", indent, name)
			writeStruct(b, fv, depth+1)
			continue
		}
		fmt.Fprintf(b, "%s%s: %s\n", indent, name, flow(fv))
	}
}

func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return name
}

// flow prints a value in YAML flow style.
func flow(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = flow(v.Index(i))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case reflect.Map:
		keys := make([]string, 0, v.Len())
		for _, k := range v.MapKeys() {
			keys = append(keys, k.String())
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = quote(k) + ": " + flow(v.MapIndex(reflect.ValueOf(k)))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case reflect.String:
		return quote(v.String())
	case reflect.Pointer:
		if v.IsNil() {
			return "null"
		}
		return flow(v.Elem())
	}
	return fmt.Sprint(v.Interface())
}

// quote leaves plain words bare and quotes anything YAML could misread.
func quote(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r == '_' || r == '.' || r == '/' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			plain = false
		}
	}
	switch s {
	case "true", "false", "null", "yes", "no", "on", "off", "~":
		plain = false
	}
	if plain && !strings.HasPrefix(s, "-") {
		return s
	}
	return fmt.Sprintf("%q", s)
}
