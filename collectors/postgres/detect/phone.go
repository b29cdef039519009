package detect

import (
	"regexp"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// defaultRegion is the region numbers without a country code are read in.
const defaultRegion = "NO"

var (
	// phoneShapeRE is a number written the way people write telephone numbers: digits in
	// groups, perhaps a + or parentheses. It carries a weaker signal than a number the
	// numbering plan confirms.
	phoneShapeRE = regexp.MustCompile(`^\+?\(?[0-9]{1,4}\)?(?:[ .\-]?\(?[0-9]{1,5}\)?){1,5}$`)
	timeRE       = regexp.MustCompile(`[0-9]{1,2}:[0-9]{2}`)
	slashDateRE  = regexp.MustCompile(`^[0-9]{1,4}[./\-][0-9]{1,2}[./\-][0-9]{1,4}$`)
)

// phoneVerdict is what the phone check made of one value.
type phoneVerdict int

const (
	notPhone phoneVerdict = iota
	// phoneShaped: written like a telephone number, but the numbering plan does not
	// confirm it (fictional 555 numbers, unknown ranges).
	phoneShaped
	// phoneValid: a valid number of its country's numbering plan, read with NO as the
	// default region.
	phoneValid
	// phoneUnchecked: a candidate past the column's budget of checks.
	phoneUnchecked
)

// checkPhone validates a value as a telephone number through libphonenumber's metadata.
// Dates, times, KID numbers and organisation numbers are ruled out first: "2026-11-01"
// without its dashes looks like a Norwegian number.
func checkPhone(t string, cx context) phoneVerdict {
	t = strings.TrimSpace(t)
	if cx.kid || len(t) < 7 || len(t) > 24 || looksLikeDate(t) {
		return notPhone
	}
	digits := 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+' || c == '/':
		default:
			return notPhone
		}
	}
	if digits < 7 || digits > 15 {
		return notPhone
	}
	compact := compactStrip.Replace(t)
	if len(compact) == 9 && allDigits(compact) && ValidOrgNumber(compact) {
		return notPhone
	}
	if cx.phones != nil {
		cx.phones.candidates++
		if cx.phones.checked >= phoneChecksPerColumn {
			return phoneUnchecked
		}
		cx.phones.checked++
	}
	if n, err := phonenumbers.Parse(t, defaultRegion); err == nil && phonenumbers.IsValidNumber(n) {
		return phoneValid
	}
	return shapeOnly(t)
}

// phoneChecksPerColumn bounds the numbering-plan checks of one column's sample: each
// costs tens of microseconds, and twenty tell a phone column from another as well as a
// hundred do. Candidates past it are counted, and the share the checked ones showed
// stands for them.
const phoneChecksPerColumn = 20

// phoneBudget counts one column's phone candidates and the checks spent on them.
type phoneBudget struct {
	candidates, checked int
}

// shapeOnly is the verdict without the numbering plan: written like a phone number, or not.
func shapeOnly(t string) phoneVerdict {
	if phoneShapeRE.MatchString(t) && (strings.ContainsAny(t, "()+") || strings.Count(t, "-")+strings.Count(t, " ")+strings.Count(t, ".") >= 2) {
		return phoneShaped
	}
	return notPhone
}

// looksLikeDate rules out dates and times in the usual written forms.
func looksLikeDate(t string) bool {
	// Every written date and time begins with a digit: most values are ruled out here,
	// before any regular expression runs.
	if t == "" || t[0] < '0' || t[0] > '9' {
		return false
	}
	if len(t) != 8 && !strings.ContainsAny(t, "-./:") {
		return false
	}
	if dateRE.MatchString(t) || slashDateRE.MatchString(t) || timeRE.MatchString(t) {
		return true
	}
	// Eight digits that read as a calendar date, yyyymmdd or ddmmyyyy.
	if len(t) == 8 && allDigits(t) {
		y, m, d := atoi(t[:4]), atoi(t[4:6]), atoi(t[6:])
		if y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			return true
		}
		d, m, y = atoi(t[:2]), atoi(t[2:4]), atoi(t[4:])
		if y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			return true
		}
	}
	return false
}

// ValidOrgNumber checks a Norwegian organisation number: nine digits, the first 8 or 9,
// the last the mod-11 control digit of the first eight.
func ValidOrgNumber(d string) bool {
	if len(d) != 9 || !allDigits(d) || (d[0] != '8' && d[0] != '9') {
		return false
	}
	w := [8]int{3, 2, 7, 6, 5, 4, 3, 2}
	s := 0
	for i, x := range w {
		s += x * int(d[i]-'0')
	}
	k := 11 - s%11
	if k == 11 {
		k = 0
	}
	return k != 10 && k == int(d[8]-'0')
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
