package detect

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/alarmlink/vern/internal/evidence"
)

// checkable kinds are those values can confirm or contradict.
var checkable = map[string]bool{
	KindEmail: true, KindPhone: true, KindNationalID: true, KindBankAccount: true, KindCard: true,
	KindIP: true, KindPassword: true, KindFax: true,
}

// Column accumulates what the sampled values of one column showed. It keeps counts only:
// a value is checked and forgotten.
type Column struct {
	name      string
	tc        string
	names     []NameHit
	cx        context
	json      bool
	password  bool
	sampled   int
	whole     map[string]int
	embedded  map[string]int
	shaped    int
	synthetic int
	hashed    int
	// orgNumbers counts values that are valid Norwegian organisation numbers; masked
	// counts masked card numbers (**** **** **** 2314), which are not full cards.
	orgNumbers int
	masked     int
	// credentialName is set when the name says session id, token or secret.
	credentialName bool
	birth          birthStats
	persons        personStats
}

// personStats counts values that are or list person names.
type personStats struct {
	full, given, surname int
}

// NewColumn starts a column of the given name and PostgreSQL type (format_type output).
// now bounds plausible birth dates.
func NewColumn(name, pgType string, now time.Time) *Column {
	c := &Column{name: name, tc: typeClass(pgType), names: ByName(name), whole: map[string]int{}, embedded: map[string]int{}}
	c.json = c.tc == typeJSON
	c.cx = context{kid: IsKIDName(name), now: now, phones: &phoneBudget{}}
	c.birth.now = now
	for _, h := range c.names {
		switch h.Kind {
		case KindCard:
			c.cx.cardName = true
		case KindCredentials:
			c.credentialName = true
		case KindPassword:
			// A boolean password_login or a numeric password_version holds no password.
			c.password = c.tc == typeText || c.tc == typeOther
		}
	}
	return c
}

// Add checks one non-null value.
func (c *Column) Add(v string) {
	c.sampled++
	if c.password {
		if v != "" {
			c.whole[KindPassword]++
			if IsPasswordHash(v) {
				c.hashed++
			}
		}
		return
	}
	switch c.tc {
	case typeDate:
		c.birth.add(v)
		return
	case typeBool, typeUUID:
		return
	case typeInet:
		if isIP(v) {
			c.whole[KindIP]++
		}
		return
	case typeInteger, typeNumeric:
		// Under seven digits a number is no phone, account, card or national id.
		if len(v) < 7 {
			return
		}
	}
	if d := compactStrip.Replace(strings.TrimSpace(v)); len(d) == 9 && ValidOrgNumber(d) {
		c.orgNumbers++
	}
	if maskedCardRE.MatchString(strings.TrimSpace(v)) {
		c.masked++
	}
	var h hit
	embedded := false
	if looksLikeDate(strings.TrimSpace(v)) {
		c.birth.add(v)
		return
	}
	classifyWhole(v, c.cx, &h)
	if len(h.kinds) == 0 && !h.phoneShaped && c.tc != typeInteger && c.tc != typeNumeric {
		if c.json || strings.HasPrefix(strings.TrimSpace(v), "{") {
			embedded = scanJSON(v, c.cx, &h)
		}
		if !embedded && isFreeText(v) {
			scanText(v, c.cx, &h)
			embedded = true
		}
	}
	if h.phoneShaped {
		c.shaped++
	}
	for k := range h.kinds {
		if embedded {
			c.embedded[k]++
		} else {
			c.whole[k]++
		}
		if k == KindNationalID && h.synthetic {
			c.synthetic++
		}
	}
	if c.tc == typeText && len(v) <= 1000 {
		p := checkPersonName(v)
		switch {
		case p.full:
			c.persons.full++
		case p.given && p.surname:
			c.persons.given++
			c.persons.surname++
		case p.given:
			c.persons.given++
		case p.surname:
			c.persons.surname++
		}
	}
	// Token-shaped values support a name that says credentials; alone they say nothing.
	if c.credentialName && c.tc == typeText && tokenShaped(v) {
		c.whole[KindCredentials]++
	}
}

// Detections combines the name and value signals into a confidence per kind, within what
// the column's type allows. Kinds below 0.2 are dropped.
func (c *Column) Detections() []evidence.Detection {
	nameOf := map[string]float64{}
	kinds := map[string]bool{}
	for _, h := range c.names {
		if h.Kind == kindKIDReference {
			continue
		}
		nameOf[h.Kind] = h.Strength
		kinds[h.Kind] = true
	}
	whole, embedded, shaped := copyCounts(c.whole), copyCounts(c.embedded), c.shaped
	// A fax column's numbers are fax numbers, not telephone numbers.
	if nameOf[KindFax] > 0 {
		whole[KindFax], embedded[KindFax] = whole[KindPhone], embedded[KindPhone]
		delete(whole, KindPhone)
		delete(embedded, KindPhone)
	}
	for k := range whole {
		kinds[k] = true
	}
	for k := range embedded {
		kinds[k] = true
	}
	if shaped > 0 {
		kinds[phoneKind(nameOf)] = true
	}
	for _, k := range []string{KindName, KindFirstName, KindLastName} {
		if c.personMatches(k) > 0 {
			kinds[k] = true
		}
	}
	if c.birth.n > 0 {
		kinds[KindDateOfBirth] = true
	}
	var out []evidence.Detection
	for k := range kinds {
		if !allowed(c.tc, k) {
			continue
		}
		// A bare number is a phone number only when the column's name says so.
		if (c.tc == typeInteger || c.tc == typeNumeric) && (k == KindPhone || k == KindFax) && nameOf[k] == 0 {
			continue
		}
		d, ok := c.detection(k, nameOf[k], whole[k], embedded[k], shaped)
		if ok {
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Confidence != out[j].Confidence {
			return out[i].Confidence > out[j].Confidence
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

func phoneKind(nameOf map[string]float64) string {
	if nameOf[KindFax] > 0 {
		return KindFax
	}
	return KindPhone
}

func (c *Column) detection(k string, n float64, w, e, shaped int) (evidence.Detection, bool) {
	var signals []string
	if n > 0 {
		signals = append(signals, "column_name")
	}
	matched := w + e
	v := 0.0
	switch {
	case k == KindDateOfBirth:
		matched = c.birth.inRange
		switch {
		case c.birth.plausible():
			v = valueStrength[k]
			signals = append(signals, "birth_range")
		case c.birth.n >= 5:
			n *= 0.3
			signals = append(signals, "contradicted_by_values")
		default:
			// The name alone, with too few dates to confirm it.
			n = math.Min(n, 0.6)
		}
	case k == KindName || k == KindFirstName || k == KindLastName:
		matched = c.personMatches(k)
		f := 0.0
		if c.sampled > 0 {
			f = float64(matched) / float64(c.sampled)
		}
		if f >= 0.15 {
			v = valueStrength[k] * math.Min(1, 2*f)
			signals = append(signals, "name_list")
		}
		// Text that names no person: a strong name stands unless twenty values hold no
		// name at all; a bare "name" needs a tenth of them to be person names.
		if n > 0 && c.sampled >= 20 && c.tc == typeText && (matched == 0 || n < 0.5 && f < 0.1) {
			n *= 0.5
			signals = append(signals, "contradicted_by_values")
		}
	case c.sampled > 0 && k != KindPassword:
		if k == KindPhone || k == KindFax {
			if w+e > 0 {
				signals = append(signals, "libphonenumber")
			}
			if shaped > 0 {
				signals = append(signals, "phone_shaped")
			}
			matched += shaped
		}
		fw := float64(w)
		if k == KindPhone || k == KindFax {
			fw += 0.5 * float64(shaped)
			// Past the budget of checks, the checked candidates' share stands for all.
			if b := c.cx.phones; b != nil && b.checked > 0 && b.candidates > b.checked {
				fw *= float64(b.candidates) / float64(b.checked)
				signals = append(signals, "libphonenumber_sampled")
			}
		}
		f := math.Max(math.Min(1, 2*fw/float64(c.sampled)), math.Min(1, 10*float64(e)/float64(c.sampled)))
		strength := valueStrength[k]
		if k == KindFax {
			strength = valueStrength[KindPhone]
		}
		v = strength * f
		if w > 0 && k != KindPhone && k != KindFax {
			signals = append(signals, "values")
		}
		if e > 0 {
			signals = append(signals, "values_in_text")
		}
		// A name the values contradict: twenty or more values and none of the kind, or
		// card numbers that are masked, not full.
		if n > 0 && checkable[k] && (c.sampled >= 20 && matched == 0 || k == KindCard && matched == 0 && 2*c.masked >= c.sampled) {
			n *= 0.5
			signals = append(signals, "contradicted_by_values")
		}
	}
	conf := 1 - (1-n)*(1-v)
	if conf < 0.2 {
		return evidence.Detection{}, false
	}
	d := evidence.Detection{Kind: k, Detector: detectorOf[k], Confidence: math.Round(conf*100) / 100,
		Name: n > 0, Matched: matched, Sampled: c.sampled, Signals: signals}
	if k == KindNationalID {
		d.Synthetic = c.synthetic
	}
	if k == KindPassword {
		d.Hashed = c.hashed
	}
	return d, true
}

func (c *Column) personMatches(k string) int {
	switch k {
	case KindName:
		return c.persons.full
	case KindFirstName:
		return c.persons.given
	case KindLastName:
		return c.persons.surname
	}
	return 0
}

func copyCounts(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// CardColumn reports whether exact card counting applies: the name says card, or sampled
// values held valid card numbers where the column allows cards at all.
func (c *Column) CardColumn() bool {
	return !c.cx.kid && allowed(c.tc, KindCard) && c.tc != typeDate &&
		(c.cx.cardName || c.whole[KindCard]+c.embedded[KindCard] > 0)
}

// PasswordColumn reports whether the column's name says it holds passwords and its type
// can hold one.
func (c *Column) PasswordColumn() bool { return c.password }

// CountCards reports whether a value (of a card column) holds a full card number, as the
// whole value or inside text. It is used to stream a whole column for the exact count, so
// it runs the card check alone.
func (c *Column) CountCards(v string) bool {
	if c.cx.kid {
		return false
	}
	t := strings.TrimSpace(v)
	if d := compactStrip.Replace(t); allDigits(d) {
		return len(d) >= 13 && len(d) <= 19 && ValidCard(d) && (c.cx.cardName || fourGroupsRE.MatchString(t))
	}
	if !isFreeText(t) || !(c.cx.cardName || cardWordsRE.MatchString(t)) {
		return false
	}
	for _, m := range cardInTextRE.FindAllString(t, 8) {
		if ValidCard(compactStrip.Replace(m)) {
			return true
		}
	}
	return false
}
