package metricapi

// What obscheck knows about VictoriaMetrics/metrics (verified against
// v1.35): the functions that define metrics, in the default set and in a
// metrics.Set. A name carries its labels (`name{k="v"}`, vm.go); the
// library has no help text.

const vm = "github.com/VictoriaMetrics/metrics"

var victoriaMetricsLib = &Knowledge{
	Library: VictoriaMetrics,
	Definers: map[string]DefSpec{
		"(*" + vm + ".Set).GetOrCreateCounter":      {Kind: Counter, Style: StyleVM, Labels: -1},
		"(*" + vm + ".Set).GetOrCreateFloatCounter": {Kind: Counter, Style: StyleVM, Labels: -1},
		"(*" + vm + ".Set).GetOrCreateGauge":        {Kind: Gauge, Style: StyleVM, Labels: -1},
		"(*" + vm + ".Set).GetOrCreateHistogram":    {Kind: Histogram, Style: StyleVM, Labels: -1},
		"(*" + vm + ".Set).GetOrCreateSummary":      {Kind: Summary, Style: StyleVM, Labels: -1},
		"(*" + vm + ".Set).GetOrCreateSummaryExt":   {Kind: Summary, Style: StyleVM, Labels: -1},
		"(*" + vm + ".Set).NewCounter":              {Kind: Counter, Style: StyleVM, Labels: -1},
		"(*" + vm + ".Set).NewFloatCounter":         {Kind: Counter, Style: StyleVM, Labels: -1},
		"(*" + vm + ".Set).NewGauge":                {Kind: Gauge, Style: StyleVM, Labels: -1},
		"(*" + vm + ".Set).NewHistogram":            {Kind: Histogram, Style: StyleVM, Labels: -1},
		"(*" + vm + ".Set).NewSummary":              {Kind: Summary, Style: StyleVM, Labels: -1},
		"(*" + vm + ".Set).NewSummaryExt":           {Kind: Summary, Style: StyleVM, Labels: -1},
		vm + ".GetOrCreateCounter":                  {Kind: Counter, Style: StyleVM, Labels: -1},
		vm + ".GetOrCreateFloatCounter":             {Kind: Counter, Style: StyleVM, Labels: -1},
		vm + ".GetOrCreateGauge":                    {Kind: Gauge, Style: StyleVM, Labels: -1},
		vm + ".GetOrCreateHistogram":                {Kind: Histogram, Style: StyleVM, Labels: -1},
		vm + ".GetOrCreateSummary":                  {Kind: Summary, Style: StyleVM, Labels: -1},
		vm + ".GetOrCreateSummaryExt":               {Kind: Summary, Style: StyleVM, Labels: -1},
		vm + ".NewCounter":                          {Kind: Counter, Style: StyleVM, Labels: -1},
		vm + ".NewFloatCounter":                     {Kind: Counter, Style: StyleVM, Labels: -1},
		vm + ".NewGauge":                            {Kind: Gauge, Style: StyleVM, Labels: -1},
		vm + ".NewHistogram":                        {Kind: Histogram, Style: StyleVM, Labels: -1},
		vm + ".NewSummary":                          {Kind: Summary, Style: StyleVM, Labels: -1},
		vm + ".NewSummaryExt":                       {Kind: Summary, Style: StyleVM, Labels: -1},
	},
}
