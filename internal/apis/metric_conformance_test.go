package apis_test

import (
	"fmt"
	"go/types"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/apis/apitest"
	"github.com/obscheck/obscheck/internal/apis/metricapi"
	"github.com/obscheck/obscheck/internal/funcname"
)

const (
	prom         = "github.com/prometheus/client_golang/prometheus"
	strategyType = "github.com/prometheus/otlptranslator.TranslationStrategyOption"
)

// TestMetricConformance resolves the keys of the metric tables
// (metricapi: each library's Definers and Users, the registry, exporter
// and option tables) and checks the argument indices and styles of each
// entry against its signature.
func TestMetricConformance(t *testing.T) {
	conform(t, metricKeys)
}

func metricKeys() ([]apitest.Key, []string) {
	return metricTableKeys(metricapi.Libraries, metricapi.Aux())
}

func metricTableKeys(libs []*metricapi.Knowledge, aux metricapi.AuxTables) (keys []apitest.Key, problems []string) {
	for _, lib := range libs {
		table := func(what string) string { return string(lib.Library) + ": " + what }
		for name, spec := range lib.Definers {
			keys = append(keys, apitest.Func(table("Definers"), name, definerCheck(spec)))
		}
		for name, style := range lib.Users {
			keys = append(keys, apitest.Func(table("Users"), name, userCheck(style)))
		}
	}
	registerer := apitest.Named(prom + ".Registerer")
	for _, name := range aux.Register {
		keys = append(keys, apitest.Func("registerFuncs", name, apitest.ArgIs(0, apitest.Named(prom+".Collector"))))
	}
	for _, name := range aux.PlainRegistries {
		keys = append(keys, apitest.Func("plainRegistries", name, apitest.ResultIs(0, apitest.Named("*"+prom+".Registry"))))
	}
	for _, name := range aux.LabelWrappers {
		keys = append(keys, apitest.Func("labelWrappers", name, apitest.All(paramCount(2), apitest.ArgIs(1, registerer))))
	}
	keys = append(keys,
		apitest.Func("prefixWrapper", aux.PrefixWrapper, apitest.All(paramCount(2), apitest.ArgIs(0, apitest.String), apitest.ArgIs(1, registerer))),
		apitest.Var("DefaultRegisterer", aux.DefaultRegisterer, apitest.ObjectType(registerer)))
	for name := range aux.ValueTypes {
		keys = append(keys, apitest.Const("promValueTypes", name, apitest.ObjectType(apitest.Named(prom+".ValueType"))))
	}
	for _, name := range aux.OTelOptions {
		keys = append(keys, apitest.Func("otel options", name, apitest.All(paramCount(1), apitest.ArgIs(0, apitest.String))))
	}
	for _, name := range aux.Exporter {
		keys = append(keys, apitest.Func("exporter options", name, nil))
	}
	for _, name := range aux.Strategies {
		keys = append(keys, apitest.Var("exporter strategies", name, apitest.ObjectType(apitest.Named(strategyType))))
	}
	return keys, problems
}

// definerCheck checks a definer's style and indices against its
// signature, and its kind against the type it returns.
func definerCheck(spec metricapi.DefSpec) func(types.Object) error {
	var checks []func(types.Object) error
	switch spec.Style {
	case metricapi.StyleOpts:
		checks = append(checks, apitest.ArgIs(0, apitest.Single, namedSuffix("Opts")))
	case metricapi.StyleVecOpts:
		checks = append(checks, apitest.ArgIs(0, apitest.Single, namedSuffix("VecOpts")))
	case metricapi.StyleDesc:
		checks = append(checks, apitest.ArgIs(0, apitest.String), apitest.ArgIs(1, apitest.String))
	case metricapi.StyleConst:
		checks = append(checks, apitest.ArgIs(0, apitest.Named("*"+prom+".Desc")), variadicAt(spec.Values), apitest.ArgIs(spec.Values, apitest.VarStrings))
		if spec.Kind == metricapi.KindUnknown {
			checks = append(checks, apitest.ArgIs(1, apitest.Named(prom+".ValueType")))
		}
	case metricapi.StyleOTel:
		checks = append(checks, apitest.ArgIs(0, apitest.String), variadicAt(1))
	case metricapi.StyleVM:
		checks = append(checks, apitest.ArgIs(0, apitest.String))
	default:
		checks = append(checks, func(types.Object) error { return fmt.Errorf("unknown style %d", spec.Style) })
	}
	if spec.Labels >= 0 {
		checks = append(checks, apitest.ArgIs(spec.Labels, apitest.StringList))
	}
	if spec.Style != metricapi.StyleConst && spec.Kind != metricapi.KindUnknown {
		checks = append(checks, kindCheck(spec.Kind))
	}
	return apitest.All(checks...)
}

// userCheck checks where a label-supplying method takes its labels.
func userCheck(style metricapi.UseStyle) func(types.Object) error {
	switch style {
	case metricapi.UseValues:
		return apitest.All(apitest.Method, variadicAt(0), apitest.ArgIs(0, apitest.VarStrings))
	case metricapi.UseMap:
		return apitest.All(apitest.Method, paramCount(1), apitest.ArgIs(0, apitest.Named(prom+".Labels")))
	case metricapi.UseOTel:
		return apitest.All(apitest.Method, variadicAt(2))
	case metricapi.UseOTelObserve:
		return apitest.All(apitest.Method, variadicAt(1))
	}
	return func(types.Object) error { return fmt.Errorf("unknown use style %d", style) }
}

// kindCheck: the metric type a definer returns is named for its kind
// (NewCounterVec returns a *CounterVec, Int64UpDownCounter an
// Int64UpDownCounter), so a table giving a counter the kind Gauge fails.
func kindCheck(k metricapi.Kind) func(types.Object) error {
	word := map[metricapi.Kind]string{
		metricapi.Counter: "Counter", metricapi.Gauge: "Gauge", metricapi.Histogram: "Histogram",
		metricapi.Summary: "Summary", metricapi.Untyped: "Untyped", metricapi.UpDownCounter: "UpDownCounter",
	}[k]
	return func(obj types.Object) error {
		sig, err := apitest.Signature(obj)
		if err != nil {
			return err
		}
		if sig.Results().Len() == 0 {
			return fmt.Errorf("returns nothing; the table says it defines a %s", k)
		}
		t := sig.Results().At(0).Type()
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		key, ok := funcname.KeyOf(t)
		if !ok || !strings.Contains(key.Name, word) || k == metricapi.Counter && strings.Contains(key.Name, "UpDown") {
			return fmt.Errorf("returns %s; the table says it defines a %s", sig.Results().At(0).Type(), k)
		}
		return nil
	}
}

// namedSuffix: a named struct type whose name ends in suffix (CounterOpts,
// GaugeVecOpts).
func namedSuffix(suffix string) apitest.Pred {
	return apitest.Pred{What: "a struct type named *" + suffix, Fits: func(t types.Type, _ bool) bool {
		key, ok := funcname.KeyOf(t)
		_, isStruct := t.Underlying().(*types.Struct)
		return ok && isStruct && strings.HasSuffix(key.Name, suffix)
	}}
}

// variadicAt: the function's variadic parameter is argument i.
func variadicAt(i int) func(types.Object) error {
	return func(obj types.Object) error {
		sig, err := apitest.Signature(obj)
		if err != nil {
			return err
		}
		if !sig.Variadic() || sig.Params().Len()-1 != i {
			return fmt.Errorf("the table reads variadic arguments from index %d; the parameters are %s", i, sig.Params())
		}
		return nil
	}
}

// paramCount: the function has n parameters.
func paramCount(n int) func(types.Object) error {
	return func(obj types.Object) error {
		sig, err := apitest.Signature(obj)
		if err != nil {
			return err
		}
		if sig.Params().Len() != n {
			return fmt.Errorf("the table expects %d parameters; the function has %s", n, sig.Params())
		}
		return nil
	}
}
