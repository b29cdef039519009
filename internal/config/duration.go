package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period is a duration as the law counts it: calendar months (a year is twelve of them)
// and days (a week is seven). "12 months" after 2025-03-31 is 2026-03-31, and a month
// after 31 January is the last day of February (Regulation (EEC, Euratom) No 1182/71,
// Art. 3(2)(c)); a period is never turned into an approximate number of days.
type Period struct {
	Months int `json:"months,omitempty"`
	Days   int `json:"days,omitempty"`
}

// periodUnit is what one unit word adds to a Period.
type periodUnit struct{ months, days int }

// periodUnits are the unit words the files accept. Norwegian units (dag/dager, uke/uker,
// måned/måneder, år) are accepted as the statements are written in them.
var periodUnits = map[string]periodUnit{
	"day": {0, 1}, "days": {0, 1}, "d": {0, 1}, "dag": {0, 1}, "dager": {0, 1}, "døgn": {0, 1},
	"week": {0, 7}, "weeks": {0, 7}, "w": {0, 7}, "uke": {0, 7}, "uker": {0, 7},
	"month": {1, 0}, "months": {1, 0}, "måned": {1, 0}, "måneder": {1, 0}, "mnd": {1, 0},
	"year": {12, 0}, "years": {12, 0}, "y": {12, 0}, "år": {12, 0},
}

// maxPeriodMonths and maxPeriodDays bound periods to 1000 years, so that date arithmetic on
// them can never overflow.
const (
	maxPeriodMonths = 12_000
	maxPeriodDays   = 365_000
)

// durationFormat is the fix shown when a duration cannot be read.
const durationFormat = `write a whole number and a unit, e.g. "30 days", "2 weeks", "12 months" or "5 years"`

// ParsePeriod reads a duration such as "12 months", "5 år" or "30 days".
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if i == 0 || s == "" {
		return Period{}, fmt.Errorf("no number")
	}
	if i < 0 {
		return Period{}, fmt.Errorf("no unit")
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil || n > maxPeriodDays {
		return Period{}, fmt.Errorf("number out of range")
	}
	unit := strings.ToLower(strings.TrimSpace(s[i:]))
	u, ok := periodUnits[unit]
	if !ok {
		return Period{}, fmt.Errorf("unknown unit %s", quote(unit))
	}
	p := Period{Months: n * u.months, Days: n * u.days}
	if p.Months > maxPeriodMonths || p.Days > maxPeriodDays {
		return Period{}, fmt.Errorf("longer than 1000 years")
	}
	return p, nil
}

// IsZero reports a period of no length (an unset duration).
func (p Period) IsZero() bool { return p.Months == 0 && p.Days == 0 }

// String writes the period in English words: "5 years", "12 months", "13 months",
// "30 days". Twelve months stay months, as statements and laws usually write them.
func (p Period) String() string {
	var parts []string
	switch {
	case p.Months > 12 && p.Months%12 == 0:
		parts = append(parts, plural(p.Months/12, "year"))
	case p.Months > 0:
		parts = append(parts, plural(p.Months, "month"))
	}
	if p.Days > 0 || len(parts) == 0 {
		parts = append(parts, plural(p.Days, "day"))
	}
	return strings.Join(parts, " ")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

// AddTo returns the end of the period that starts at t: the same day of the month Months
// later, or that month's last day when it is shorter, then Days days on.
func (p Period) AddTo(t time.Time) time.Time {
	y, m, d := t.Date()
	target := time.Date(y, m+time.Month(p.Months), 1, 0, 0, 0, 0, t.Location())
	if last := daysIn(target.Year(), target.Month(), t.Location()); d > last {
		d = last
	}
	h, mi, s := t.Clock()
	end := time.Date(target.Year(), target.Month(), d, h, mi, s, t.Nanosecond(), t.Location())
	return end.AddDate(0, 0, p.Days)
}

func daysIn(y int, m time.Month, loc *time.Location) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, loc).Day()
}

// FinancialYearEnd returns the instant the financial year containing t ends: the start of
// the month after endMonth (1-12, December when 0) in t's year, or in the next year when t
// falls after endMonth.
func FinancialYearEnd(t time.Time, endMonth int) time.Time {
	if endMonth < 1 || endMonth > 12 {
		endMonth = 12
	}
	y := t.Year()
	if int(t.Month()) > endMonth {
		y++
	}
	return time.Date(y, time.Month(endMonth)+1, 1, 0, 0, 0, 0, t.Location())
}

// dateLayout is the only date format the files accept.
const dateLayout = "2006-01-02"

// ParseDate reads a YYYY-MM-DD date.
func ParseDate(s string) (time.Time, error) {
	return time.Parse(dateLayout, s)
}
