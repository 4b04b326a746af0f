package metricnaming

import (
	"strings"
	"unicode"
)

// tokens splits a metric name into its snake_case words (dots too: OTel
// names exported verbatim keep them).
func tokens(n string) []string {
	return strings.FieldsFunc(n, func(r rune) bool { return r == '_' || r == '.' })
}

// validChars reports whether n uses only [a-zA-Z0-9_:] and does not start
// with a digit (the Prometheus metric name grammar).
func invalidChars(n string) (bad []rune) {
	seen := map[rune]bool{}
	for i, r := range n {
		ok := r == '_' || r == ':' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9'
		if !ok && !seen[r] {
			seen[r] = true
			bad = append(bad, r)
		}
	}
	return bad
}

func hasUpper(n string) bool {
	for _, r := range n {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// snake turns camelCase into snake_case and lower-cases the rest.
func snake(n string) string {
	var b strings.Builder
	rs := []rune(n)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]) ||
				i+1 < len(rs) && unicode.IsUpper(rs[i-1]) && unicode.IsLower(rs[i+1])) && rs[i-1] != '_' && rs[i-1] != '.' {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// promSafe replaces every character Prometheus does not allow in a metric
// name by '_' (what the OTel Prometheus exporter does, and the fix for
// dotted or dashed names).
func promSafe(n string, keepColon bool) string {
	var b strings.Builder
	for i, r := range n {
		ok := r == '_' || keepColon && r == ':' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9'
		if ok {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	s := b.String()
	for strings.Contains(s, "__") {
		s = strings.ReplaceAll(s, "__", "_")
	}
	return s
}

// unitFix maps a non-base unit word at the end of a name to the base unit
// suffix Prometheus uses, and what the code must do.
var unitFix = map[string]struct{ base, how string }{
	"ms":           {"seconds", "record seconds (d.Seconds()), not milliseconds"},
	"millis":       {"seconds", "record seconds (d.Seconds()), not milliseconds"},
	"milliseconds": {"seconds", "record seconds (d.Seconds()), not milliseconds"},
	"us":           {"seconds", "record seconds (d.Seconds()), not microseconds"},
	"micros":       {"seconds", "record seconds (d.Seconds()), not microseconds"},
	"microseconds": {"seconds", "record seconds (d.Seconds()), not microseconds"},
	"ns":           {"seconds", "record seconds (d.Seconds()), not nanoseconds"},
	"nanos":        {"seconds", "record seconds (d.Seconds()), not nanoseconds"},
	"nanoseconds":  {"seconds", "record seconds (d.Seconds()), not nanoseconds"},
	"minutes":      {"seconds", "record seconds, not minutes"},
	"hours":        {"seconds", "record seconds, not hours"},
	"days":         {"seconds", "record seconds, not days"},
	"kb":           {"bytes", "record bytes, not kilobytes"},
	"kilobytes":    {"bytes", "record bytes, not kilobytes"},
	"kib":          {"bytes", "record bytes, not kibibytes"},
	"mb":           {"bytes", "record bytes, not megabytes"},
	"megabytes":    {"bytes", "record bytes, not megabytes"},
	"mib":          {"bytes", "record bytes, not mebibytes"},
	"gb":           {"bytes", "record bytes, not gigabytes"},
	"gigabytes":    {"bytes", "record bytes, not gigabytes"},
	"gib":          {"bytes", "record bytes, not gibibytes"},
	"percent":      {"ratio", "record a 0-1 ratio, not a percentage"},
	"pct":          {"ratio", "record a 0-1 ratio, not a percentage"},
}

// otelUnitFix maps non-base UCUM units given to metric.WithUnit to the base
// unit, with the suffix the Prometheus exporter would append.
var otelUnitFix = map[string]struct{ base, suffix string }{
	"ms":   {"s", "milliseconds"},
	"us":   {"s", "microseconds"},
	"ns":   {"s", "nanoseconds"},
	"min":  {"s", "minutes"},
	"h":    {"s", "hours"},
	"d":    {"s", "days"},
	"kBy":  {"By", "kilobytes"},
	"KBy":  {"By", "kilobytes"},
	"KiBy": {"By", "kibibytes"},
	"MBy":  {"By", "megabytes"},
	"MiBy": {"By", "mebibytes"},
	"GBy":  {"By", "gigabytes"},
	"GiBy": {"By", "gibibytes"},
	"%":    {"1", "percent"},
}

// unitWord returns the unit word at the end of a name: the last token, or
// the one before a final "total".
func unitWord(n string) string {
	t := tokens(n)
	if len(t) > 1 && t[len(t)-1] == "total" {
		t = t[:len(t)-1]
	}
	if len(t) < 2 {
		return ""
	}
	return t[len(t)-1]
}

// baseUnits are the Prometheus base units a name may end in: a histogram
// of "..._time_ratio" states its unit.
var baseUnits = map[string]bool{"seconds": true, "bytes": true, "ratio": true, "celsius": true,
	"volts": true, "amperes": true, "joules": true, "grams": true, "meters": true}

// timeWords are the words that say a histogram measures time.
var timeWords = map[string]bool{"latency": true, "duration": true, "time": true, "elapsed": true}

// typeWords are metric types that must not appear in a name.
var typeWords = map[string]bool{"counter": true, "gauge": true, "histogram": true, "summary": true}

// reservedSuffixes are the series suffixes histograms and summaries expose.
var reservedSuffixes = []string{"_bucket", "_count", "_sum"}

func hasToken(n string, set map[string]bool) string {
	for _, t := range tokens(n) {
		if set[t] {
			return t
		}
	}
	return ""
}
