package output

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/obscheck/obscheck/internal/finding"
)

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	toolURI      = "https://github.com/obscheck/obscheck"
	// fingerprintKey names obscheck's partialFingerprints entry; bump the
	// version if what it hashes changes, so code scanning starts afresh.
	fingerprintKey = "obscheck/v1"
)

// The SARIF subset obscheck writes. Structs, not maps, keep the key order
// fixed.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool    sarifTool     `json:"tool"`
		Results []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Version        string      `json:"version,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string       `json:"id"`
		ShortDescription     sarifMessage `json:"shortDescription"`
		FullDescription      sarifMessage `json:"fullDescription"`
		HelpURI              string       `json:"helpUri"`
		Help                 *sarifHelp   `json:"help,omitempty"`
		DefaultConfiguration sarifConfig  `json:"defaultConfiguration"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifMessage      `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		RelatedLocations    []sarifRelated    `json:"relatedLocations,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints"` // one key: order is fixed
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifRelated struct {
		ID               int           `json:"id"`
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
		Message          sarifMessage  `json:"message"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
)

// writeSARIF writes one run whose rules are the given analyzers plus any
// rule a finding names that the list lacks (so every ruleIndex is valid).
func writeSARIF(w io.Writer, findings []finding.Finding, rules []RuleInfo, ext *extents, opts Options) error {
	byName := map[string]RuleInfo{}
	for _, r := range rules {
		byName[r.Name] = r
	}
	for _, f := range findings {
		if _, ok := byName[f.Rule]; !ok {
			byName[f.Rule] = RuleInfo{Name: f.Rule}
		}
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	slices.Sort(names)

	driver := sarifDriver{Name: "obscheck", InformationURI: toolURI, Version: opts.Version, Rules: []sarifRule{}}
	index := map[string]int{}
	for i, n := range names {
		r := byName[n]
		index[n] = i
		short := firstNonEmpty(r.Short, r.Name)
		help := firstNonEmpty(r.HelpURI, DocsURL+"#"+r.Name)
		var doc *sarifHelp
		if r.Help != "" || r.HelpMarkdown != "" {
			doc = &sarifHelp{Text: firstNonEmpty(r.Help, r.HelpMarkdown), Markdown: r.HelpMarkdown}
		}
		level := Error
		if r.Level == Warning {
			level = Warning
		}
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   r.Name,
			ShortDescription:     sarifMessage{short},
			FullDescription:      sarifMessage{firstNonEmpty(r.Full, short)},
			HelpURI:              help,
			Help:                 doc,
			DefaultConfiguration: sarifConfig{level},
		})
	}

	cols := columnMapper{ext}
	seen := map[string]int{}
	results := []sarifResult{}
	for _, f := range findings {
		p := repoPath(f, opts.Root)
		loc := sarifPhysical{ArtifactLocation: sarifArtifact{URI: uriOf(p), URIBaseID: "%SRCROOT%"}}
		if f.Line > 0 {
			loc.Region = region(cols, f.Abs, f.Line, f.Column, f.EndLine, f.EndColumn)
		}
		var related []sarifRelated
		for i, r := range f.Related {
			rl := sarifPhysical{ArtifactLocation: sarifArtifact{URI: uriOf(relatedPath(r, opts.Root)), URIBaseID: "%SRCROOT%"}}
			if r.Line > 0 {
				endLine, endCol := ext.end(r.Abs, r.Line, r.Column)
				rl.Region = region(cols, r.Abs, r.Line, r.Column, endLine, endCol)
			}
			related = append(related, sarifRelated{ID: i + 1, PhysicalLocation: rl, Message: sarifMessage{r.Message}})
		}
		fp := fingerprint(f, p)
		seen[fp]++
		results = append(results, sarifResult{
			RuleID:              f.Rule,
			RuleIndex:           index[f.Rule],
			Level:               severity(f),
			Message:             sarifMessage{f.Message},
			Locations:           []sarifLocation{{loc}},
			RelatedLocations:    related,
			PartialFingerprints: map[string]string{fingerprintKey: fmt.Sprintf("%s:%d", fp, seen[fp])},
		})
	}

	return encode(w, sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs:    []sarifRun{{Tool: sarifTool{driver}, Results: results}},
	})
}

// region is a SARIF region in UTF-16 columns. Where no end is known past
// the start (the file could not be read), the end is left out: SARIF then
// means the rest of the line, never an empty region.
func region(cols columnMapper, abs string, line, col, endLine, endCol int) *sarifRegion {
	r := &sarifRegion{StartLine: line, StartColumn: cols.utf16(abs, line, col)}
	if endLine > line || endLine == line && endCol > col {
		r.EndLine, r.EndColumn = endLine, cols.utf16(abs, endLine, endCol)
	}
	return r
}

// fingerprint identifies a finding without its line, so code scanning keeps
// tracking an alert when unrelated edits move it; the caller numbers
// identical ones in order.
func fingerprint(f finding.Finding, path string) string {
	h := sha256.New()
	for _, s := range []string{f.Rule, path, f.Func, f.Message} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// columnMapper converts go/token's byte columns to the UTF-16 code units
// SARIF counts by default, reading each file at most once. Where the file
// cannot be read the byte column is kept: exact for ASCII lines.
type columnMapper struct{ ext *extents }

func (m columnMapper) utf16(abs string, line, col int) int {
	if abs == "" || line < 1 || col < 1 {
		return col
	}
	s := m.ext.source(abs)
	if s == nil || line > len(s.lines) {
		return col
	}
	text := s.lines[line-1]
	if col-1 > len(text) {
		return col
	}
	units := 0
	for prefix := text[:col-1]; len(prefix) > 0; {
		r, size := utf8.DecodeRune(prefix)
		units += utf16.RuneLen(r)
		prefix = prefix[size:]
	}
	return units + 1
}
