package metricapi

import (
	"maps"
	"slices"
)

// AuxTables are the names metricapi's tables hold besides the libraries'
// Definers and Users (Libraries), by go/types full name, for the
// conformance test (internal/apis), which resolves each against the real
// modules.
type AuxTables struct {
	Register          []string        // register their collector arguments
	PlainRegistries   []string        // return registries adding no prefix
	LabelWrappers     []string        // (labels, Registerer): wrap a registerer, names unchanged
	PrefixWrapper     string          // prometheus' own function of the name prefixWrapper matches
	DefaultRegisterer string          // the default registry's variable
	ValueTypes        map[string]Kind // const metrics' value type constants
	OTelOptions       []string        // instrument options read from definitions (one string argument)
	Exporter          []string        // the OTel Prometheus exporter's functions matched by name
	Strategies        []string        // the translation strategy variables matched by name
}

// Aux returns the auxiliary tables.
func Aux() AuxTables {
	a := AuxTables{
		Register:          slices.Sorted(maps.Keys(registerFuncs)),
		PlainRegistries:   slices.Sorted(maps.Keys(plainRegistries)),
		LabelWrappers:     slices.Sorted(maps.Keys(labelWrappers)),
		PrefixWrapper:     prom + "." + prefixWrapper,
		DefaultRegisterer: prom + "." + defaultRegisterer,
		ValueTypes:        map[string]Kind{},
		OTelOptions:       []string{otelWithUnit, otelWithDescription},
	}
	for name, k := range promValueTypes {
		a.ValueTypes[prom+"."+name] = k
	}
	for _, f := range []string{expNew, expWithNamespace, expWithoutUnits, expWithoutCounterSuffixes, expWithTranslationStrategy} {
		a.Exporter = append(a.Exporter, otelProm+"."+f)
	}
	for _, s := range []string{strategyUnderscoreSuffixes, strategyUnderscoreNoSuffixes, strategyNoEscapingSuffixes} {
		a.Strategies = append(a.Strategies, otlpTranslator+"."+s)
	}
	return a
}
