package policy

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/obscheck/obscheck/internal/funcname"
	"gopkg.in/yaml.v3"
)

// Parse decodes policy data strictly: unknown keys, wrong types and bad
// values are errors with the file and line, never silent defaults.
func Parse(file string, data []byte) (*Policy, error) {
	p := Default()
	doc, err := oneDocument(file, data)
	if err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 { // empty file: defaults
		return p, nil
	}
	d := &decoder{file: file}
	d.decode(doc.Content[0], reflect.ValueOf(p).Elem(), "", "")
	if len(d.errs) == 0 && p.Version != 1 {
		d.errs = append(d.errs, &Error{File: file, Line: versionLine(doc.Content[0]), Msg: fmt.Sprintf("unsupported version %d", p.Version), Hint: "this obscheck reads version: 1"})
	}
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return p, nil
}

// oneDocument decodes the YAML document of data; a second document
// ("---" and more) is an error: obscheck would read only the first, and
// the rest would silently not apply.
func oneDocument(file string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF { // empty file
			return &doc, nil
		}
		return nil, Errors{syntaxError(file, err)}
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
		return &doc, nil
	case err != nil:
		return nil, Errors{syntaxError(file, err)}
	}
	return nil, Errors{{File: file, Line: next.Line, Msg: "a second YAML document", Hint: "a policy file holds one document; remove the '---' and what follows, or merge it into the first"}}
}

func versionLine(n *yaml.Node) int {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "version" {
			return n.Content[i].Line
		}
	}
	return 0
}

func syntaxError(file string, err error) *Error {
	msg := err.Error()
	line := 0
	// yaml.v3 says "yaml: line N: ..."; lift the line into our position.
	if rest, ok := strings.CutPrefix(msg, "yaml: line "); ok {
		if _, scanErr := fmt.Sscanf(rest, "%d:", &line); scanErr == nil {
			msg = strings.TrimSpace(rest[strings.Index(rest, ":")+1:])
		}
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	return &Error{File: file, Line: line, Msg: "invalid YAML: " + msg}
}

type decoder struct {
	file string
	errs Errors
}

func (d *decoder) errorf(n *yaml.Node, hint, format string, args ...any) {
	d.errs = append(d.errs, &Error{File: d.file, Line: n.Line, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// decode stores node n in v; path names the key for messages, check is the
// field's validation tag.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path, check string) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // "key:" with no value keeps the default
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Pointer: // *bool: set means explicit
		elem := reflect.New(v.Type().Elem())
		d.decode(n, elem.Elem(), path, check)
		v.Set(elem)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, "write a list: [a, b] or one '- item' per line", "%s: want a list, got %s", path, describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i), check)
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.errorf(n, "", "%s: want a mapping of key: value, got %s", path, describe(n))
			return
		}
		m := reflect.MakeMap(v.Type())
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if seen[k.Value] {
				d.errorf(k, "", "key %s given twice", quoteShort(path+"."+k.Value))
				continue
			}
			seen[k.Value] = true
			elem := reflect.New(v.Type().Elem()).Elem()
			d.decode(val, elem, path+"."+k.Value, check)
			m.SetMapIndex(reflect.ValueOf(k.Value), elem)
		}
		v.Set(m)
	case reflect.String:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!str" && n.Tag != "!!int" && n.Tag != "!!float" {
			d.errorf(n, "", "%s: want a string, got %s", path, describe(n))
			return
		}
		if msg := validate(check, n.Value); msg != "" {
			d.errorf(n, hintFor(check), "%s: %s", path, msg)
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.errorf(n, "use true or false", "%s: want true or false, got %s", path, describe(n))
			return
		}
		v.SetBool(n.Value == "true")
	case reflect.Int:
		var i int
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&i) != nil {
			d.errorf(n, "", "%s: want a whole number, got %s", path, describe(n))
			return
		}
		v.SetInt(int64(i))
	default:
		panic("policy: unsupported field kind " + v.Kind().String())
	}
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		got := describe(n)
		if path == "" && n.Kind == yaml.ScalarNode {
			// The whole file is one value: not a policy file at all (a
			// token, /etc/passwd). Never echo it into a CI log.
			got = "text that is not YAML key: value pairs"
		}
		d.errorf(n, "", "%s: want a mapping of key: value, got %s", orTop(path), got)
		return
	}
	fields := map[string]int{}
	var names []string
	for i := 0; i < v.NumField(); i++ {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		fields[name] = i
		names = append(names, name)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := join(path, k.Value)
		idx, ok := fields[k.Value]
		if !ok {
			d.errorf(k, suggest(k.Value, names), "unknown key %s", quoteShort(key))
			continue
		}
		if seen[k.Value] {
			d.errorf(k, "", "key %s given twice", quoteShort(key))
			continue
		}
		seen[k.Value] = true
		f := v.Type().Field(idx)
		d.decode(val, v.Field(idx), key, f.Tag.Get("check"))
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func orTop(path string) string {
	if path == "" {
		return "the policy file"
	}
	return path
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return quoteShort(n.Value)
}

// quoteShort quotes a value from the file for an error message: its first
// line, at most 60 bytes. Errors go to CI logs; the file's content beyond
// the offending value must not.
func quoteShort(s string) string {
	const limit = 60
	cut := false
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s, cut = s[:i], true
	}
	if len(s) > limit {
		s, cut = strings.ToValidUTF8(s[:limit], ""), true
	}
	if cut {
		return strconv.Quote(s) + "..."
	}
	return strconv.Quote(s)
}

// validate checks one string value against its field's check tag.
func validate(check, s string) string {
	switch check {
	case "funcname":
		if _, err := funcname.Parse(s); err != nil {
			return "bad function name " + err.Error()
		}
	case "glob":
		if err := checkGlob(s); err != nil {
			return fmt.Sprintf("bad glob %s: %v", quoteShort(s), err)
		}
	case "signature":
		if err := checkSignature(s); err != nil {
			return fmt.Sprintf("bad signature %s: %v", quoteShort(s), err)
		}
	case "nonempty":
		if strings.TrimSpace(s) == "" {
			return "must not be empty"
		}
	case "level":
		if !validLevel(s) {
			return fmt.Sprintf("unknown level %s", quoteShort(s))
		}
	case "severity":
		if s != SeverityError && s != SeverityWarning {
			return fmt.Sprintf("unknown severity %q", s)
		}
	}
	return ""
}

func hintFor(check string) string {
	switch check {
	case "funcname":
		return "name functions as go/types prints them: example.com/pkg.Func or (*example.com/pkg.Type).Method"
	case "glob":
		return "globs use path.Match syntax plus '**' for any number of directories, relative to the module root"
	case "signature":
		return "write a function type with fully qualified types and no parameter names: 'func(context.Context, example.com/svc/queue.Message) error'"
	case "level":
		return "levels: " + strings.Join(Levels, ", ")
	case "severity":
		return "severities: error (fails the run), warning (reported only)"
	}
	return ""
}

// Levels are the log levels execidfield options may name, lowest first.
var Levels = []string{"debug", "info", "warn", "error", "dpanic", "panic", "fatal"}

func validLevel(s string) bool {
	for _, l := range Levels {
		if l == s {
			return true
		}
	}
	return false
}

// suggest names the closest known key, if one is close.
func suggest(key string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if dist := levenshtein(key, k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	return "known keys: " + strings.Join(sorted, ", ")
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
