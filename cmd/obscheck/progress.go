package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/obscheck/obscheck/internal/driver"
)

// startTimeout bounds the run by d (--timeout; 0 is no limit): the driver
// stops at the deadline (the go commands it runs are killed, no package
// is started), and the run ends with exit code 3. If anything is still
// running a few seconds later, the process exits anyway, as go test
// -timeout does. It returns the context to load with and the function
// that disarms it.
func startTimeout(d time.Duration, stderr io.Writer) (context.Context, func()) {
	if d <= 0 {
		return context.Background(), func() {}
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t := time.AfterFunc(d+5*time.Second, func() {
		fmt.Fprintf(stderr, "obscheck: --timeout %v reached; the run is incomplete, nothing was reported\n", d)
		os.Exit(exitIncomplete)
	})
	return ctx, func() { t.Stop(); cancel() }
}

// progress is told what a run is doing: the driver calls Update with its
// phase ("loading", "analyzing") and how many of total packages are done
// (total 0: unknown). Nothing is shown during the first few seconds, so
// quick runs stay quiet; then one line on stderr, rewritten in place on a
// terminal and repeated now and then in a CI log. A nil *progress does
// nothing, so callers need not check.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	tty     bool          // rewrite one line with \r
	delay   time.Duration // quiet for this long
	every   time.Duration // at most one line per interval
	now     func() time.Time
	start   time.Time
	last    time.Time // when a line was last printed
	shown   bool      // a line is on the terminal
	phase   string
	done    int
	total   int
	stopped bool
	ticker  *time.Ticker
}

// newProgress returns the progress reporter of a run, or nil when progress
// must not be shown: --quiet, or stderr is neither a terminal nor a CI log
// ($CI is set by GitHub Actions, GitLab CI and most others).
func newProgress(quiet bool) *progress {
	if quiet {
		return nil
	}
	tty := isTerminal(os.Stderr)
	if !tty && os.Getenv("CI") == "" {
		return nil
	}
	return newProgressTo(os.Stderr, tty, time.Now)
}

func newProgressTo(w io.Writer, tty bool, now func() time.Time) *progress {
	p := &progress{w: w, tty: tty, now: now, start: now(), delay: 3 * time.Second, every: 10 * time.Second}
	if tty {
		p.every = 250 * time.Millisecond
	}
	return p
}

// Start shows the elapsed time even while the driver reports nothing.
func (p *progress) Start() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ticker = time.NewTicker(time.Second)
	go func(t *time.Ticker) {
		for range t.C {
			p.mu.Lock()
			if p.stopped {
				p.mu.Unlock()
				return
			}
			p.print(false)
			p.mu.Unlock()
		}
	}(p.ticker)
}

// Update records the phase and the packages done of total.
func (p *progress) Update(phase string, done, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	changed := phase != p.phase
	p.phase, p.done, p.total = phase, done, total
	p.print(changed)
}

// driver is the driver's progress callback (driver.RunConfig.Progress).
func (p *progress) driver(dp driver.Progress) { p.Update(dp.Phase, dp.Done, dp.Total) }

// Stop clears the line from the terminal; the report follows.
func (p *progress) Stop() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopped = true
	if p.ticker != nil {
		p.ticker.Stop()
	}
	if p.tty && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// print writes the line if the run is slow enough and the last line old
// enough (or the phase changed). Called with p.mu held.
func (p *progress) print(phaseChanged bool) {
	if p.stopped || p.phase == "" {
		return
	}
	now := p.now()
	if now.Sub(p.start) < p.delay || !phaseChanged && now.Sub(p.last) < p.every {
		return
	}
	p.last = now
	line := "obscheck: " + p.phase
	if p.total > 0 {
		line += fmt.Sprintf(" %d/%d packages", p.done, p.total)
	}
	line += fmt.Sprintf(" (%ds)", int(now.Sub(p.start).Seconds()))
	if p.tty {
		fmt.Fprint(p.w, "\r\x1b[K"+line)
		p.shown = true
	} else {
		fmt.Fprintln(p.w, line)
	}
}
