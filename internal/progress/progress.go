// Package progress shows progress bars for long collections when stdout is a terminal and
// stays silent otherwise, so logs of nightly jobs are not filled with bar redraws.
package progress

import (
	"io"
	"os"
	"sync"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Bars shows one bar per target.
type Bars struct {
	mu   sync.Mutex
	out  io.Writer
	bars map[string]*progressbar.ProgressBar
}

// ForTerminal returns bars drawing on f when f is a terminal, and nil otherwise (callers
// treat a nil collect.Progress as "no progress").
func ForTerminal(f *os.File) *Bars {
	if f == nil || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &Bars{out: f, bars: map[string]*progressbar.ProgressBar{}}
}

// Step implements collect.Progress.
func (b *Bars) Step(target string, done, total int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	bar, ok := b.bars[target]
	if !ok {
		bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(b.out),
			progressbar.OptionSetDescription(target),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionShowCount())
		b.bars[target] = bar
	}
	if bar.GetMax() != total {
		bar.ChangeMax(total)
	}
	_ = bar.Set(done)
}
