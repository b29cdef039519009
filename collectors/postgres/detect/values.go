package detect

import (
	"encoding/json"
	"net"
	"regexp"
	"strings"
	"time"
)

var (
	emailRE       = regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$`)
	emailInTextRE = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	phoneInTextRE = regexp.MustCompile(`(?:\+|\b00)[1-9][0-9 \-]{6,16}[0-9]|\b[49][0-9]{2} ?[0-9]{2} ?[0-9]{3}\b|\b[49][0-9] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2}\b`)
	nidInTextRE   = regexp.MustCompile(`\b[0-9]{6} ?[0-9]{5}\b`)
	cardInTextRE  = regexp.MustCompile(`\b(?:[0-9][ \-]?){12,18}[0-9]\b`)
	ibanInTextRE  = regexp.MustCompile(`\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}\b`)
	acctInTextRE  = regexp.MustCompile(`\b[0-9]{4}[. ][0-9]{2}[. ][0-9]{5}\b`)
	ipv4InTextRE  = regexp.MustCompile(`\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}\b`)
	dateRE        = regexp.MustCompile(`^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T].*)?$|^([0-9]{2})\.([0-9]{2})\.([0-9]{4})$`)
	fourGroupsRE  = regexp.MustCompile(`^[0-9]{4}([ \-])[0-9]{4}(?:[ \-][0-9]{1,4}){1,3}$`)
	cardWordsRE   = regexp.MustCompile(`(?i)\b(kort|kortnr|kortnummer|card|visa|mastercard|amex|maestro|kredittkort|betalingskort)\b`)
	maskedCardRE  = regexp.MustCompile(`^[0-9]{0,6}[ \-]?(?:[*Xx•][ \-]?){6,12}[0-9]{4}$`)
	uuidRE        = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	compactStrip  = strings.NewReplacer(" ", "", "-", "", ".", "", "(", "", ")", "")
)

// hit is what one value showed: the kinds it carried and whether a national id was a
// synthetic test number.
type hit struct {
	kinds       map[string]bool
	synthetic   bool
	phoneShaped bool
}

func (h *hit) add(k string) {
	if h.kinds == nil {
		h.kinds = map[string]bool{}
	}
	h.kinds[k] = true
}

// context is what a column tells the value checks: cards only where the name, the value's
// format or the surrounding text says card, never in KID columns, nor phone numbers.
type context struct {
	cardName bool
	kid      bool
	now      time.Time
	// phones is the column's budget of numbering-plan checks; nil means unbounded.
	phones *phoneBudget
}

// classifyWhole checks a value that is one item (not free text). Dates are ruled out
// before any number check: an ISO date without its dashes reads as a phone number.
func classifyWhole(v string, cx context, h *hit) {
	t := strings.TrimSpace(v)
	if t == "" {
		return
	}
	if emailRE.MatchString(t) {
		h.add(KindEmail)
		return
	}
	if isIP(t) {
		h.add(KindIP)
		return
	}
	if looksLikeDate(t) {
		return
	}
	compact := compactStrip.Replace(t)
	switch {
	case strings.HasPrefix(compact, "+"), strings.HasPrefix(compact, "00") && len(compact) > 10:
		phone(t, cx, h)
		return
	case allDigits(compact):
		classifyDigits(t, compact, cx, h)
		return
	}
	if iban := strings.ReplaceAll(t, " ", ""); len(iban) >= 15 && ValidIBAN(iban) {
		h.add(KindBankAccount)
		return
	}
	if strings.ContainsAny(t, "()") {
		phone(t, cx, h)
	}
}

func phone(t string, cx context, h *hit) {
	switch checkPhone(t, cx) {
	case phoneValid:
		h.add(KindPhone)
	case phoneShaped:
		h.phoneShaped = true
	}
}

func classifyDigits(t, d string, cx context, h *hit) {
	switch len(d) {
	case 11:
		if id := CheckNationalID(d); id.Valid && (allDigits(t) || len(t) == 12 && t[6] == ' ') {
			h.add(KindNationalID)
			h.synthetic = id.Synthetic
			return
		}
		if ValidBankAccount(d) {
			h.add(KindBankAccount)
			return
		}
	case 13, 14, 15, 16, 17, 18, 19:
		if !cx.kid && ValidCard(d) && (cx.cardName || fourGroupsRE.MatchString(t)) {
			h.add(KindCard)
			return
		}
	}
	phone(t, cx, h)
}

// scanText finds personal data inside free text. Cheap counts decide which regular
// expressions can match at all: numbers need digits, addresses an @ or a dot.
func scanText(t string, cx context, h *hit) {
	digits := 0
	for i := 0; i < len(t); i++ {
		if t[i] >= '0' && t[i] <= '9' {
			digits++
		}
	}
	if strings.IndexByte(t, '@') >= 0 && emailInTextRE.MatchString(t) {
		h.add(KindEmail)
	}
	if digits < 6 {
		return
	}
	for _, m := range nidInTextRE.FindAllString(t, 8) {
		if id := CheckNationalID(strings.ReplaceAll(m, " ", "")); id.Valid {
			h.add(KindNationalID)
			h.synthetic = h.synthetic || id.Synthetic
			break
		}
	}
	for _, m := range phoneInTextRE.FindAllString(t, 8) {
		var probe hit
		classifyWhole(m, context{kid: cx.kid, phones: cx.phones}, &probe)
		if probe.kinds[KindPhone] {
			h.add(KindPhone)
			break
		}
	}
	if !cx.kid && (cx.cardName || cardWordsRE.MatchString(t)) {
		for _, m := range cardInTextRE.FindAllString(t, 8) {
			if ValidCard(compactStrip.Replace(m)) {
				h.add(KindCard)
				break
			}
		}
	}
	for _, m := range ibanInTextRE.FindAllString(t, 4) {
		if ValidIBAN(strings.ReplaceAll(m, " ", "")) {
			h.add(KindBankAccount)
			break
		}
	}
	for _, m := range acctInTextRE.FindAllString(t, 4) {
		if ValidBankAccount(compactStrip.Replace(m)) {
			h.add(KindBankAccount)
			break
		}
	}
	for _, m := range ipv4InTextRE.FindAllString(t, 4) {
		if isIP(m) {
			h.add(KindIP)
			break
		}
	}
}

// scanJSON walks a JSON document and checks each leaf; false when v is not JSON.
func scanJSON(v string, cx context, h *hit) bool {
	var doc any
	if err := json.Unmarshal([]byte(v), &doc); err != nil {
		return false
	}
	var walk func(any)
	walk = func(x any) {
		switch x := x.(type) {
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			classifyLeaf(x, cx, h)
		case float64:
			classifyLeaf(json.Number(formatNumber(x)).String(), cx, h)
		}
	}
	walk(doc)
	return true
}

func classifyLeaf(s string, cx context, h *hit) {
	n := len(h.kinds)
	classifyWhole(s, cx, h)
	if len(h.kinds) == n && isFreeText(s) {
		scanText(s, cx, h)
	}
}

func formatNumber(f float64) string {
	if f == float64(int64(f)) {
		b := make([]byte, 0, 20)
		return string(appendInt(b, int64(f)))
	}
	return ""
}

func appendInt(b []byte, v int64) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	var tmp [20]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return append(b, tmp[i:]...)
}

func isFreeText(s string) bool {
	if strings.ContainsAny(s, " \n\t") {
		return true
	}
	// One long word of a token alphabet (a hash, a token, an id) is not text.
	return len(s) > 24 && !tokenAlphabet(s)
}

func tokenAlphabet(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '+' || c == '/' || c == '=' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func isIP(t string) bool {
	if i := strings.IndexByte(t, '/'); i > 0 {
		t = t[:i]
	}
	if !strings.ContainsAny(t, ".:") {
		return false
	}
	ip := net.ParseIP(t)
	if ip == nil {
		return false
	}
	// Reject "1.0" style versions that ParseIP does not accept anyway, and the unspecified
	// and loopback addresses, which identify nobody.
	return !ip.IsUnspecified() && !ip.IsLoopback()
}

// tokenShaped: a value like a session id, API token or 2FA secret: one word of 16 to 512
// characters from a token alphabet, mixing letters and digits.
func tokenShaped(v string) bool {
	if len(v) < 16 || len(v) > 512 {
		return false
	}
	letters, digits := 0, 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letters++
		case c == '-' || c == '_' || c == '.' || c == '+' || c == '/' || c == '=':
		default:
			return false
		}
	}
	return letters >= 4 && digits >= 2 && !uuidRE.MatchString(v) && !IsPasswordHash(v)
}
