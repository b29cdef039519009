package detect

import (
	"math"
	"strings"
	"time"
)

// birthStats summarises the years of a column's dates in constant memory: how many fall
// in the range a living person's birth date can take, and their spread. Birth dates span
// decades; the dates a system stamps (created, hired, sent) cluster in its own lifetime.
type birthStats struct {
	now              time.Time
	n, inRange       int
	sum, sumSq       float64
	future, lastYear int
}

// minSpreadYears is the standard deviation of birth years below which dates are taken
// for events, not births.
const minSpreadYears = 4

func (b *birthStats) add(v string) {
	y, ok := leadingYear(strings.TrimSpace(v))
	if !ok {
		return
	}
	b.n++
	now := b.now.Year()
	switch {
	case y > now:
		b.future++
	case y >= now-1:
		b.lastYear++
	}
	if y >= now-120 && y <= now {
		b.inRange++
	}
	f := float64(y)
	b.sum += f
	b.sumSq += f * f
}

// plausible: at least five dates, nine in ten in range, none in the future, few from the
// last year, and years spread like a population's.
func (b *birthStats) plausible() bool {
	if b.n < 5 || b.future > 0 || float64(b.inRange) < 0.9*float64(b.n) || float64(b.lastYear) > 0.2*float64(b.n) {
		return false
	}
	mean := b.sum / float64(b.n)
	sd := math.Sqrt(math.Max(0, b.sumSq/float64(b.n)-mean*mean))
	return sd >= minSpreadYears
}

// leadingYear reads the year of "yyyy-mm-dd…" or "dd.mm.yyyy".
func leadingYear(t string) (int, bool) {
	m := dateRE.FindStringSubmatch(t)
	if m == nil {
		return 0, false
	}
	y := m[1]
	if y == "" {
		y = m[6]
	}
	return atoi(y), true
}
