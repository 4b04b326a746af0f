// Package ruledoc is the shape of a rule's long-form documentation. The
// `obscheck explain` command and docs/rules.md are generated from it, so
// the docs cannot drift from the analyzers.
package ruledoc

// Explain is the documentation of one rule beyond Analyzer.Doc.
type Explain struct {
	// Why the rule exists: what goes wrong in production without it.
	Rationale string
	// Bad and Good are short Go examples.
	Bad, Good string
	// Notes are extra paragraphs (library specifics, limits).
	Notes string
}
