package apis_test

import (
	"maps"
	"strings"
	"sync"
	"testing"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/apis/apitest"
	"github.com/obscheck/obscheck/internal/apis/metricapi"
	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/testutil"
)

// The conformance tests resolve every key of the knowledge tables (the
// logging files and lifecycle.go here, metricapi, traceapi, sensitive,
// otelattr) against the real modules: testdata/conformance pins their
// versions, testdata/older the older releases of names newer ones
// dropped. Each table has a key builder; the packages of every builder's
// keys are loaded once, from export data, and shared by the tests.
var builders = []func() ([]apitest.Key, []string){
	logKeys, lifecycleKeys, metricKeys, traceKeys, sensitiveKeys, otelattrKeys,
}

var shared struct {
	once sync.Once
	u    *apitest.Universe
	err  error
}

// universe returns the shared load of every table's packages.
func universe(t *testing.T) *apitest.Universe {
	t.Helper()
	dirs := map[string]string{
		"":      testutil.Module(t, "testdata/conformance"),
		"older": testutil.Module(t, "testdata/older"),
	}
	shared.once.Do(func() {
		var all [][]apitest.Key
		for _, b := range builders {
			keys, _ := b()
			all = append(all, keys)
		}
		shared.u, shared.err = apitest.LoadModules(dirs, all...)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.u
}

// conform checks one table's keys: what its builder finds wrong with the
// table itself, then every key against the modules.
func conform(t *testing.T, build func() ([]apitest.Key, []string)) {
	t.Parallel()
	keys, problems := build()
	for _, p := range problems {
		t.Error(p)
	}
	universe(t).Run(t, keys)
}

// TestConformanceFails: the check fails on what a table can get wrong,
// in copies of the real tables with one entry broken each: a misspelled
// function, a misspelled package, a method on the wrong receiver, an
// argument index off by one, a wrong kind or style, a name only an older
// release has resolved against the newest one, and stale lists.
func TestConformanceFails(t *testing.T) {
	t.Parallel()
	u := universe(t)
	var promLib *metricapi.Knowledge
	for _, l := range metricapi.Libraries {
		if l.Library == metricapi.Prometheus {
			promLib = l
		}
	}
	metric := func(edit func(defs map[string]metricapi.DefSpec, users map[string]metricapi.UseStyle)) func() []apitest.Key {
		return func() []apitest.Key {
			lib := *promLib
			lib.Definers, lib.Users = maps.Clone(lib.Definers), maps.Clone(lib.Users)
			edit(lib.Definers, lib.Users)
			keys, _ := metricTableKeys([]*metricapi.Knowledge{&lib}, metricapi.Aux())
			return keys
		}
	}
	trace := func(edit func(l *traceapi.Lib)) func() []apitest.Key {
		return func() []apitest.Key {
			l := traceapi.GinLib
			l.Registrations, l.Derivations = maps.Clone(l.Registrations), maps.Clone(l.Derivations)
			edit(&l)
			keys, _ := traceLibKeys([]*traceapi.Lib{&l})
			return keys
		}
	}
	gin := "github.com/gin-gonic/gin"
	cases := []struct {
		name string
		keys func() []apitest.Key
		want string // the one error expected
	}{
		{"metric misspelled", metric(func(d map[string]metricapi.DefSpec, _ map[string]metricapi.UseStyle) {
			d[prom+".NewCounterVecc"] = d[prom+".NewCounterVec"]
		}), "prometheus: Definers: " + prom + ".NewCounterVecc: no such function"},
		{"metric misspelled package", metric(func(d map[string]metricapi.DefSpec, _ map[string]metricapi.UseStyle) {
			d[prom+"s.NewCounterVec"] = d[prom+".NewCounterVec"]
		}), "prometheus: Definers: " + prom + "s.NewCounterVec: package " + prom + "s not loaded"},
		{"metric labels index", metric(func(d map[string]metricapi.DefSpec, _ map[string]metricapi.UseStyle) {
			s := d[prom+".NewGaugeVec"]
			s.Labels = 2
			d[prom+".NewGaugeVec"] = s
		}), "prometheus: Definers: " + prom + ".NewGaugeVec: argument 2: the function has 2 parameters"},
		{"metric values index", metric(func(d map[string]metricapi.DefSpec, _ map[string]metricapi.UseStyle) {
			s := d[prom+".MustNewConstMetric"]
			s.Values = 2
			d[prom+".MustNewConstMetric"] = s
		}), "prometheus: Definers: " + prom + ".MustNewConstMetric: the table reads variadic arguments from index 2"},
		{"metric kind", metric(func(d map[string]metricapi.DefSpec, _ map[string]metricapi.UseStyle) {
			s := d[prom+".NewCounter"]
			s.Kind = metricapi.Gauge
			d[prom+".NewCounter"] = s
		}), "prometheus: Definers: " + prom + ".NewCounter: returns " + prom + ".Counter; the table says it defines a gauge"},
		{"metric use style", metric(func(_ map[string]metricapi.DefSpec, u map[string]metricapi.UseStyle) {
			u["(*"+prom+".CounterVec).With"] = metricapi.UseValues
		}), "prometheus: Users: (*" + prom + ".CounterVec).With: the table reads variadic arguments from index 0"},
		{"trace misspelled", trace(func(l *traceapi.Lib) {
			l.Registrations["(*"+gin+".RouterGroup).GETT"] = l.Registrations["(*"+gin+".RouterGroup).GET"]
		}), "gin: Registrations: (*" + gin + ".RouterGroup).GETT: no such method"},
		{"trace receiver", trace(func(l *traceapi.Lib) {
			l.Registrations["("+gin+".RouterGroup).GET"] = l.Registrations["(*"+gin+".RouterGroup).GET"]
		}), "gin: Registrations: (" + gin + ".RouterGroup).GET: no such method: go/types names it (*" + gin + ".RouterGroup).GET"},
		{"trace handler index", trace(func(l *traceapi.Lib) {
			r := l.Registrations["(*"+gin+".RouterGroup).GET"]
			r.Handler = 0
			l.Registrations["(*"+gin+".RouterGroup).GET"] = r
		}), "gin: Registrations: (*" + gin + ".RouterGroup).GET: argument 0 is string, not a handler of gin"},
		{"trace framework", trace(func(l *traceapi.Lib) {
			r := l.Registrations["(*"+gin+".RouterGroup).GET"]
			r.Framework = traceapi.HTTP
			l.Registrations["(*"+gin+".RouterGroup).GET"] = r
		}), "gin: Registrations: (*" + gin + ".RouterGroup).GET: argument -1 is ..." + gin + ".HandlerFunc, not a handler of net/http"},
		{"trace route index", trace(func(l *traceapi.Lib) {
			d := l.Derivations["(*"+gin+".RouterGroup).Group"]
			d.Route = 1
			l.Derivations["(*"+gin+".RouterGroup).Group"] = d
		}), "gin: Derivations: (*" + gin + ".RouterGroup).Group: argument 1 is ..." + gin + ".HandlerFunc, not a string"},
		{"older release in the newest", func() []apitest.Key {
			return []apitest.Key{apitest.Func("OTel: Wrappers", traceapi.Otelhttp+".WithRouteTag", nil)}
		}, "OTel: Wrappers: " + traceapi.Otelhttp + ".WithRouteTag: no such function"},
		{"log misspelled", func() []apitest.Key {
			return []apitest.Key{apitest.Func("zap: Log.Calls", "(*go.uber.org/zap.Logger).Infoo", nil)}
		}, "zap: Log.Calls: (*go.uber.org/zap.Logger).Infoo: no such method"},
		{"log roles", func() []apitest.Key {
			f := apis.LogFunc{Level: apis.Info, Args: "msg kv..."}
			return []apitest.Key{apitest.Func("zap: Log.Calls", "(*go.uber.org/zap.Logger).Info", rolesCheck(f, nil, false))}
		}, "zap: Log.Calls: (*go.uber.org/zap.Logger).Info: role kv... does not fit parameter 1"},
		{"sensitive index", func() []apitest.Key {
			keys, _ := sensitiveKeys()
			return append(keys, apitest.Func("KeyedGetters", "(net/http.Header).Get", apitest.ArgIs(1, apitest.String)))
		}, "KeyedGetters: (net/http.Header).Get: argument 1: the function has 1 parameters"},
	}
	for _, c := range cases {
		errs := u.Check(c.keys())
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), c.want) {
			t.Errorf("%s: want one error %q, got %v", c.name, c.want, errs)
			continue
		}
		t.Logf("%s: %v", c.name, errs[0])
	}

	// Stale lists: an olderReleases or unserved entry no table uses.
	_, problems := routeKeys(nil, nil)
	if len(problems) != len(olderReleases)+len(unserved) {
		t.Errorf("routeKeys of no keys: want a problem per olderReleases and unserved entry, got %q", problems)
	}
}
