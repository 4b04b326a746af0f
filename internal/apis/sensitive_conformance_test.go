package apis_test

import (
	"fmt"
	"go/types"
	"testing"

	"github.com/obscheck/obscheck/internal/apis/apitest"
	"github.com/obscheck/obscheck/internal/apis/otelattr"
	"github.com/obscheck/obscheck/internal/apis/sensitive"
)

// TestSensitiveConformance resolves the keys of internal/apis/sensitive
// (credential getters, hashes, propagators, span sinks, fields) and checks
// their argument and result indices.
func TestSensitiveConformance(t *testing.T) {
	conform(t, sensitiveKeys)
}

// TestOtelattrConformance resolves the attribute constructors, Key
// methods and carriers of internal/apis/otelattr.
func TestOtelattrConformance(t *testing.T) {
	conform(t, otelattrKeys)
}

func sensitiveKeys() (keys []apitest.Key, problems []string) {
	for name, g := range sensitive.KeyedGetters {
		keys = append(keys, apitest.Func("KeyedGetters", name, apitest.ArgIs(g.Arg, apitest.String)))
	}
	for name := range sensitive.KeyedMaps {
		keys = append(keys, apitest.Type("KeyedMaps", name))
	}
	for name, c := range sensitive.Credentials {
		keys = append(keys, apitest.Func("Credentials", name, resultAt(c.Result)))
	}
	fields := func(table string, m map[string]map[string]bool) {
		for typ, fs := range m {
			for f := range fs {
				keys = append(keys, apitest.Field(table, typ+"."+f, nil))
			}
		}
	}
	fields("SecretFields", sensitive.SecretFields)
	fields("PublicFields", sensitive.PublicFields)
	for typ, fs := range sensitive.CredentialFields {
		for f := range fs {
			keys = append(keys, apitest.Field("CredentialFields", typ+"."+f, nil))
		}
	}
	for name := range sensitive.Size {
		keys = append(keys, apitest.Func("Size", name, nil))
	}
	for name, p := range sensitive.Propagators {
		var checks []func(types.Object) error
		if p.Format >= 0 {
			checks = append(checks, apitest.ArgIs(p.Format, apitest.String))
		}
		for _, i := range p.Only {
			checks = append(checks, apitest.ArgIs(i))
		}
		if p.Recv {
			checks = append(checks, apitest.Method)
		}
		keys = append(keys, apitest.Func("Propagators", name, apitest.All(checks...)))
	}
	for name, s := range sensitive.SpanSinks {
		var checks []func(types.Object) error
		if s.Attrs >= 0 {
			checks = append(checks, variadicAt(s.Attrs), apitest.ArgIs(s.Attrs, apitest.Named(otelAttr+".KeyValue")))
		}
		for _, i := range s.Strs {
			checks = append(checks, apitest.ArgIs(i, apitest.String))
		}
		if s.Err >= 0 {
			checks = append(checks, apitest.ArgIs(s.Err, apitest.Error))
		}
		keys = append(keys, apitest.Func("SpanSinks", name, apitest.All(checks...)))
	}
	for path := range sensitive.OpaquePackages {
		keys = append(keys, apitest.Package("OpaquePackages", path))
	}
	return keys, problems
}

const otelAttr = "go.opentelemetry.io/otel/attribute"

func otelattrKeys() (keys []apitest.Key, problems []string) {
	kv := apitest.ResultIs(0, apitest.Named(otelAttr+".KeyValue"))
	for name := range otelattr.Constructors {
		keys = append(keys, apitest.Func("Constructors", name, apitest.All(paramCount(2), apitest.ArgIs(0, apitest.String), kv)))
	}
	for name := range otelattr.KeyMethods {
		keys = append(keys, apitest.Func("KeyMethods", name, apitest.All(apitest.Method, paramCount(1), kv)))
	}
	for name := range otelattr.Carriers {
		keys = append(keys, apitest.Func("Carriers", name, nil))
	}
	return keys, problems
}

// resultAt: the function has a result at index i.
func resultAt(i int) func(types.Object) error {
	return func(obj types.Object) error {
		sig, err := apitest.Signature(obj)
		if err != nil {
			return err
		}
		if i >= sig.Results().Len() {
			return fmt.Errorf("no result %d: it returns %s", i, sig.Results())
		}
		return nil
	}
}
