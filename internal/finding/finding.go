// Package finding is the driver's view of one reported diagnostic, the
// common input of every output format and of the baseline.
package finding

// Finding is one diagnostic, positioned in a file.
type Finding struct {
	Rule      string `json:"rule"`
	File      string `json:"file"` // relative to the working directory, slash-separated
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Message   string `json:"message"`
	// Severity is "error" or "warning" (rules.<rule>.severity in the
	// policy); only errors fail the run. Empty means error.
	Severity string `json:"severity,omitempty"`
	// Func is the enclosing function ("(*T).M", "F", or "" at package
	// level); the baseline fingerprints by it instead of line numbers.
	Func string `json:"-"`
	// Related are the other places the finding is about (the handler a
	// serve site serves, the declaration of a metric labelled elsewhere).
	// Messages never carry positions: these do, so a finding keeps its
	// identity (baseline, fingerprint) when lines move.
	Related []Related `json:"related"`
	Fixes   []Fix     `json:"suggested_fixes"`
	// Abs is the absolute file path (for applying fixes).
	Abs string `json:"-"`
	// PhysAbs and PhysLine are where the finding is in the file as it is
	// on disk, when a //line directive reports it elsewhere: changed-lines
	// mode looks at both, so a directive cannot move a new finding out of
	// the diff.
	PhysAbs  string `json:"-"`
	PhysLine int    `json:"-"`
	// Baselined is set when the baseline already knows the finding.
	Baselined bool `json:"-"`
}

// Related is another place a finding is about.
type Related struct {
	File    string `json:"file"` // relative to the working directory, like Finding.File
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
	Abs     string `json:"-"`
}

// Fix is one suggested fix: a message and its edits.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
	// Unsafe says what applying the fix can break beyond the code (a
	// metric rename breaks the dashboards and alerts that query the old
	// name); plain --fix leaves it, --fix=unsafe applies it. Set by the
	// driver from internal/fix's table.
	Unsafe string `json:"unsafe,omitempty"`
}

// Edit replaces bytes [Start, End) of File with New.
type Edit struct {
	File  string `json:"file"`
	Start int    `json:"start"` // byte offset
	End   int    `json:"end"`
	New   string `json:"new"`
	// Line/Column of Start, for humans reading JSON.
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Abs    string `json:"-"`
	// Hash is the SHA-256 of the file as it was analyzed: a file changed
	// since is never edited at offsets that no longer mean anything.
	Hash string `json:"-"`
}

// Compare is Less as a three-way comparison, for slices.SortFunc.
func Compare(a, b Finding) int {
	switch {
	case Less(a, b):
		return -1
	case Less(b, a):
		return 1
	}
	return 0
}

// Less orders findings by file, position, rule and message: every output
// is sorted the same way, so reports are byte-identical across runs.
func Less(a, b Finding) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Column != b.Column {
		return a.Column < b.Column
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return a.Message < b.Message
}
