package processors

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/alarmlink/vern/internal/evidence"
)

const dateExpr = `(\d{4}-\d{2}-\d{2}|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{1,2}\.?\s+[a-zæøå]+\s+\d{4}|[a-z]+\s+\d{1,2},\s+\d{4})`

var (
	partyLabelRe = regexp.MustCompile(`(?i)^\s*(?:\*\*)?(?:behandlingsansvarleg|behandlingsansvarlig|databehandlar|databehandler|controller|processor|the controller|the processor|joint controller|felles behandlingsansvarleg|felles behandlingsansvarlig|part \d|party \d)(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.+)$`)
	partiesRe    = regexp.MustCompile(`(?i)^\s*(?:\*\*)?(?:parties|parter|partar)(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.+?)\s+(?:\([^)]*\)\s*)?(?:og|and)\s+(.+?)(?:\s*\(|,|\.\s|\.$|$)`)
	betweenRe    = regexp.MustCompile(`(?i)\b(?:mellom|between)\s+(.+?)\s+(?:\([^)]*\)\s*)?(?:og|and)\s+(.+?)(?:\s*\(|,|\.\s|\.$|$)`)
	orgSuffixRe  = regexp.MustCompile(`(?i)\b(?:AS|ASA|SA|AB|ApS|A/S|Oy|Oyj|GmbH|AG|BV|NV|Ltd|Limited|Inc|LLC|plc|SE|KS|ANS|DA|NUF|SRL|SAS|Corp|Corporation|kommune|fylkeskommune|stiftelse|foundation)\.?\b`)
	roleSuffixRe = regexp.MustCompile(`(?i)\s(?:som|as|i egenskap av|acting as)\s`)
	signedRe     = regexp.MustCompile(`(?i)\b(?:signert|signed|undertegnet|underteikna|underskrevet|dato for signering|date of signature|inngått|inngått den|entered into on|dated|datert|signeringsdato|signing date)\b\D{0,25}` + dateExpr)
	expiresRe    = regexp.MustCompile(`(?i)\b(?:utløper|utløpsdato|expires?(?: on)?|expiry date|valid until|gyldig til|gjelder til|gjeld til|in force until|terminates on|opphører|opphøyrer)\b\D{0,25}` + dateExpr)
	termRe       = regexp.MustCompile(`(?i)\b(?:for a (?:fixed )?(?:term|period) of|initial term of|for en (?:fast )?periode på|for ein periode på|gjelder i|gjeld i|løper i|varer i|term of)\s+(\d+|one|two|three|four|five|ett|eitt|ein|en|to|tre|fire|fem)\s+(years?|months?|år|måneder|månader|mnd)\b`)
)

var monthNames = map[string]time.Month{
	"januar": 1, "january": 1, "jan": 1, "februar": 2, "february": 2, "feb": 2, "mars": 3, "march": 3,
	"april": 4, "mai": 5, "may": 5, "juni": 6, "june": 6, "juli": 7, "july": 7, "august": 8,
	"september": 9, "oktober": 10, "october": 10, "november": 11, "desember": 12, "december": 12,
}

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ett": 1, "eitt": 1, "ein": 1, "en": 1,
	"to": 2, "tre": 3, "fire": 4, "fem": 5,
}

// extract reads the parties, signing date, expiry and term from an agreement's lines.
// Parties are kept only when they read as organisations, never as people.
func extract(lines []Line) evidence.Extracted {
	var x evidence.Extracted
	seen := map[string]bool{}
	addParty := func(s string) {
		s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "*,.;"))
		if i := strings.IndexAny(s, "(,"); i > 0 {
			s = strings.TrimSpace(s[:i])
		}
		if loc := roleSuffixRe.FindStringIndex(s); loc != nil {
			s = strings.TrimSpace(s[:loc[0]])
		}
		loc := orgSuffixRe.FindStringIndex(s)
		if loc == nil {
			return
		}
		// The name ends at its company form: "X Ltd om bruk av ..." is X Ltd.
		s = strings.TrimSpace(s[:loc[1]])
		if len([]rune(s)) > 80 || seen[s] {
			return
		}
		seen[s] = true
		x.Parties = append(x.Parties, s)
	}
	for i, l := range lines {
		t := strings.Map(cleanRune, l.Text)
		if m := partyLabelRe.FindStringSubmatch(t); m != nil {
			addParty(m[1])
		}
		if m := partiesRe.FindStringSubmatch(t); m != nil {
			addParty(m[1])
			addParty(m[2])
		}
		if i < 40 && len(x.Parties) < 2 {
			if m := betweenRe.FindStringSubmatch(t); m != nil {
				addParty(m[1])
				addParty(m[2])
			}
		}
		if x.Signed == "" {
			if m := signedRe.FindStringSubmatch(t); m != nil {
				x.Signed = parseDate(m[1])
			}
		}
		if x.Expires == "" {
			if m := expiresRe.FindStringSubmatch(t); m != nil {
				x.Expires = parseDate(m[1])
			}
		}
		if x.Term == "" {
			if m := termRe.FindStringSubmatch(t); m != nil {
				x.Term = term(m[1], m[2])
			}
		}
	}
	return x
}

// parseDate turns the date forms agreements use into YYYY-MM-DD; "" when it is no date.
func parseDate(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, layout := range []string{"2006-01-02", "2.1.2006", "2. 1. 2006", "02.01.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	f := strings.Fields(strings.NewReplacer(".", " ", ",", " ").Replace(s))
	if len(f) != 3 {
		return ""
	}
	day, month, year := f[0], f[1], f[2]
	if _, err := strconv.Atoi(f[0]); err != nil {
		day, month = f[1], f[0]
	}
	m, ok := monthNames[month]
	d, err1 := strconv.Atoi(day)
	y, err2 := strconv.Atoi(year)
	if !ok || err1 != nil || err2 != nil || d < 1 || d > 31 {
		return ""
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return ""
	}
	return t.Format("2006-01-02")
}

// term normalises "3 år", "two years", "24 måneder" to "3 years" or "24 months".
func term(n, unit string) string {
	v, err := strconv.Atoi(n)
	if err != nil {
		v = numberWords[strings.ToLower(n)]
	}
	if v <= 0 {
		return ""
	}
	unit = strings.ToLower(unit)
	if strings.HasPrefix(unit, "y") || unit == "år" {
		return fmt.Sprintf("%d years", v)
	}
	return fmt.Sprintf("%d months", v)
}

// addTerm computes an expiry from a signing date and a term; "" when either is unusable.
func addTerm(signed, term string) string {
	t, err := time.Parse("2006-01-02", signed)
	if err != nil {
		return ""
	}
	var n int
	var unit string
	if _, err := fmt.Sscanf(term, "%d %s", &n, &unit); err != nil || n <= 0 {
		return ""
	}
	if unit == "years" {
		return t.AddDate(n, 0, 0).Format("2006-01-02")
	}
	return t.AddDate(0, n, 0).Format("2006-01-02")
}
