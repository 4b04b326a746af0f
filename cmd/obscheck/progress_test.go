package main

import (
	"bytes"
	"os"
	"testing"
	"time"
)

func TestProgress(t *testing.T) {
	now := time.Unix(0, 0)
	clock := func() time.Time { return now }

	// A CI log: nothing in the first seconds, then a line at most every 10s
	// or when the phase changes.
	var log bytes.Buffer
	p := newProgressTo(&log, false, clock)
	p.Update("loading", 0, 40)
	now = now.Add(2 * time.Second)
	p.Update("loading", 10, 40)
	if log.Len() != 0 {
		t.Fatalf("printed during the first seconds: %q", log.String())
	}
	now = now.Add(2 * time.Second)
	p.Update("loading", 20, 40)
	now = now.Add(time.Second)
	p.Update("loading", 30, 40) // too soon after the last line
	p.Update("analyzing", 1, 40)
	now = now.Add(11 * time.Second)
	p.Update("analyzing", 39, 40)
	p.Stop()
	p.Update("analyzing", 40, 40) // after Stop: nothing
	want := "obscheck: loading 20/40 packages (4s)\nobscheck: analyzing 1/40 packages (5s)\nobscheck: analyzing 39/40 packages (16s)\n"
	if log.String() != want {
		t.Errorf("CI log:\n%s\nwant:\n%s", log.String(), want)
	}

	// A terminal: one line rewritten in place, cleared at the end.
	var tty bytes.Buffer
	now = time.Unix(0, 0)
	p = newProgressTo(&tty, true, clock)
	now = now.Add(5 * time.Second)
	p.Update("checking", 0, 0)
	p.Stop()
	if got := tty.String(); got != "\r\x1b[Kobscheck: checking (5s)\r\x1b[K" {
		t.Errorf("terminal: %q", got)
	}

	// nil (--quiet, or neither a terminal nor CI) does nothing.
	var none *progress
	none.Update("loading", 1, 2)
	none.Start()
	none.Stop()
	if q := newProgress(true); q != nil {
		t.Error("--quiet still reports progress")
	}
	t.Setenv("CI", "")
	if q := newProgress(false); q != nil && !isTerminal(os.Stderr) {
		t.Error("progress shown on a stderr that is neither a terminal nor a CI log")
	}
	t.Setenv("CI", "true")
	if q := newProgress(false); q == nil {
		t.Error("no progress in CI")
	}
}
