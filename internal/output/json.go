package output

import (
	"encoding/json"
	"io"

	"github.com/obscheck/obscheck/internal/finding"
)

func writeJSON(w io.Writer, findings []finding.Finding) error {
	// Consumers index into these arrays: never write null for "none".
	out := make([]finding.Finding, len(findings))
	for i, f := range findings {
		fixes := make([]finding.Fix, len(f.Fixes))
		for j, fx := range f.Fixes {
			if fx.Edits == nil {
				fx.Edits = []finding.Edit{}
			}
			fixes[j] = fx
		}
		f.Fixes = fixes
		if f.Related == nil {
			f.Related = []finding.Related{}
		}
		out[i] = f
	}
	return encode(w, out)
}

// encode writes v as indented JSON without HTML escaping: reports are
// read by people and tools, never embedded in HTML.
func encode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
