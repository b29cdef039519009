package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Durations in the files are written "<n> <unit>" ("12 months", "5 years", "30 days",
// "2 weeks") and normalised to whole days with fixed lengths, so that results never depend
// on the calendar: a week is 7 days, a month 30 days and a year 365 days. Norwegian units
// (dag/dager, uke/uker, måned/måneder, år) are accepted as the statements are written in them.
var dayUnits = map[string]int{
	"day": 1, "days": 1, "d": 1, "dag": 1, "dager": 1, "døgn": 1,
	"week": 7, "weeks": 7, "w": 7, "uke": 7, "uker": 7,
	"month": 30, "months": 30, "måned": 30, "måneder": 30, "mnd": 30,
	"year": 365, "years": 365, "y": 365, "år": 365,
}

// maxDurationDays bounds durations so arithmetic on them can never overflow (1000 years).
const maxDurationDays = 365_000

// durationFormat is the fix shown when a duration cannot be read.
const durationFormat = `write a whole number and a unit, e.g. "30 days", "2 weeks", "12 months" or "5 years"`

// ParseDays reads a duration such as "12 months" and returns it in days (month = 30 days,
// year = 365 days, week = 7 days).
func ParseDays(s string) (int, error) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if i == 0 || s == "" {
		return 0, fmt.Errorf("no number")
	}
	if i < 0 {
		return 0, fmt.Errorf("no unit")
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil || n > maxDurationDays {
		return 0, fmt.Errorf("number out of range")
	}
	unit := strings.ToLower(strings.TrimSpace(s[i:]))
	per, ok := dayUnits[unit]
	if !ok {
		return 0, fmt.Errorf("unknown unit %s", quote(unit))
	}
	if n*per > maxDurationDays {
		return 0, fmt.Errorf("longer than 1000 years")
	}
	return n * per, nil
}

// dateLayout is the only date format the files accept.
const dateLayout = "2006-01-02"

// ParseDate reads a YYYY-MM-DD date.
func ParseDate(s string) (time.Time, error) {
	return time.Parse(dateLayout, s)
}
