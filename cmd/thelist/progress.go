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
	if term.IsTerminal(int(w.Fd())) {
		return &barProgress{w: w}
	}
	return &lineProgress{w: w, every: 5 * time.Second}
}

type barProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func (p *barProgress) Start(total int) {
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("writing"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("rows"),
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
	fmt.Fprintf(p.w, "import: %d/%d rows (%.0f rows/s, %s left)\n", p.done, p.total, rate, eta)
}
