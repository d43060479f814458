package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/thelist/thelist/importer"
)

// newProgress reports an import's write pass on w: a bar with rows/s and
// ETA when w is a terminal, and a plain log line every few seconds when it is
// not (a CI log or a file), where a redrawn bar would be noise.
func newProgress(w *os.File) importer.Progress {
	return newProgressOf(w, "import", "writing", "rows")
}

// newProgressOf is newProgress for another long task: task names it in the
// log lines, doing describes the bar, and unit is what it counts.
func newProgressOf(w *os.File, task, doing, unit string) importer.Progress {
	if term.IsTerminal(int(w.Fd())) {
		return &barProgress{w: w, doing: doing, unit: unit}
	}
	return &lineProgress{w: w, every: 5 * time.Second, task: task, unit: unit}
}

// backfillProgress reports a stage of a first load's backfill on stderr
// (importer.Options.Backfill).
func backfillProgress(stage string) importer.Progress {
	return newProgressOf(os.Stderr, "backfill "+stage, "backfilling "+stage, "people")
}

type barProgress struct {
	w           io.Writer
	doing, unit string
	bar         *progressbar.ProgressBar
}

func (p *barProgress) Start(total int) {
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(p.doing),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString(p.unit),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *barProgress) Add(n int) {
	// A failed redraw of the bar is not worth stopping an import for.
	if err := p.bar.Add(n); err != nil {
		return
	}
}

func (p *barProgress) Finish() {
	if err := p.bar.Finish(); err != nil {
		return // as in Add
	}
}

type lineProgress struct {
	w           io.Writer
	every       time.Duration
	task, unit  string
	total, done int
	began, last time.Time
}

func (p *lineProgress) Start(total int) {
	p.total, p.began, p.last = total, time.Now(), time.Now()
}

func (p *lineProgress) Add(n int) {
	p.done += n
	if time.Since(p.last) >= p.every {
		p.last = time.Now()
		p.report()
	}
}

func (p *lineProgress) Finish() {
	if p.done > 0 {
		p.report()
	}
}

func (p *lineProgress) report() {
	elapsed := time.Since(p.began).Seconds()
	rate := float64(p.done) / max(elapsed, 1e-9)
	eta := "?"
	if rate > 0 {
		eta = (time.Duration(float64(p.total-p.done)/rate) * time.Second).Round(time.Second).String()
	}
	fmt.Fprintf(p.w, "%s: %d/%d %s (%.0f %s/s, %s left)\n", p.task, p.done, p.total, p.unit, rate, p.unit, eta)
}
