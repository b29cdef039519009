package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/alarmlink/vern/internal/evidence"
)

// fillStatement hashes the statement's text (whitespace collapsed) and reads the "last
// updated" date it shows. The text is public; only its hash and date are kept.
func fillStatement(st *evidence.SiteStatement, source, text string) {
	norm := strings.Join(strings.Fields(text), " ")
	sum := sha256.Sum256([]byte(norm))
	st.SHA256 = hex.EncodeToString(sum[:])
	st.TextSource = source
	st.Chars = len([]rune(norm))
	st.Updated, st.UpdatedText = updatedDate(norm)
}

// TextSHA256 is the hash vern takes of a statement's text, so a declaration can pin it.
func TextSHA256(text string) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return hex.EncodeToString(sum[:])
}

var (
	updatedLabel = regexp.MustCompile(`(?i)(sist\s+oppdatert|sist\s+endret|oppdatert|revidert|last\s+updated|last\s+modified|last\s+revised|updated|effective\s+date)\s*(?:den|on)?\s*:?\s*`)
	numericDate  = regexp.MustCompile(`^(\d{1,2})[./](\d{1,2})[./](\d{4})`)
	isoDate      = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)
	dayMonthYear = regexp.MustCompile(`(?i)^(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})`)
	monthDayYear = regexp.MustCompile(`(?i)^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`)
)

var months = map[string]int{
	"januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8,
	"september": 9, "oktober": 10, "november": 11, "desember": 12,
	"january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10,
	"oct": 10, "nov": 11, "des": 12, "dec": 12,
}

// updatedDate finds the first "last updated" label followed by a date, in Norwegian or
// English formats (10.09.2025, 10. september 2025, 2025-09-10, September 10, 2025,
// 10 September 2025), and returns it as YYYY-MM-DD with the words it was read from.
func updatedDate(text string) (string, string) {
	for _, loc := range updatedLabel.FindAllStringIndex(text, -1) {
		rest := text[loc[1]:]
		if d, n := parseDate(rest); d != "" {
			return d, strings.TrimSpace(text[loc[0] : loc[1]+n])
		}
	}
	return "", ""
}

func parseDate(s string) (string, int) {
	if m := numericDate.FindStringSubmatch(s); m != nil {
		return ymd(m[3], atoi(m[2]), m[1]), len(m[0])
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		return ymd(m[1], atoi(m[2]), m[3]), len(m[0])
	}
	if m := dayMonthYear.FindStringSubmatch(s); m != nil {
		if mon, ok := months[strings.ToLower(m[2])]; ok {
			return ymd(m[3], mon, m[1]), len(m[0])
		}
	}
	if m := monthDayYear.FindStringSubmatch(s); m != nil {
		if mon, ok := months[strings.ToLower(m[1])]; ok {
			return ymd(m[3], mon, m[2]), len(m[0])
		}
	}
	return "", 0
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func ymd(year string, month int, day string) string {
	d := fmt.Sprintf("%s-%02d-%02d", year, month, atoi(day))
	if _, err := time.Parse("2006-01-02", d); err != nil {
		return ""
	}
	return d
}
