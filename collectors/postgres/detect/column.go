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
	KindIP: true, KindPassword: true,
}

// Column accumulates what the sampled values of one column showed. It keeps counts only:
// a value is checked and forgotten.
type Column struct {
	name      string
	names     []NameHit
	cx        context
	json      bool
	password  bool
	sampled   int
	whole     map[string]int
	embedded  map[string]int
	synthetic int
	hashed    int
}

// NewColumn starts a column of the given name and PostgreSQL type (format_type output).
// now bounds plausible birth dates.
func NewColumn(name, pgType string, now time.Time) *Column {
	c := &Column{name: name, names: ByName(name), whole: map[string]int{}, embedded: map[string]int{}}
	t := strings.ToLower(pgType)
	c.json = strings.HasPrefix(t, "json")
	c.cx = context{kid: IsKIDName(name), now: now,
		dates: t == "date" || strings.HasPrefix(t, "text") || strings.HasPrefix(t, "character")}
	for _, h := range c.names {
		switch h.Kind {
		case KindCard:
			c.cx.cardName = true
		case KindPassword:
			c.password = true
		}
	}
	return c
}

// Sampleable reports whether values of this PostgreSQL type can carry what the sampler
// looks for.
func Sampleable(pgType string) bool {
	t := strings.ToLower(pgType)
	for _, p := range []string{"text", "character", "citext", "json", "inet", "cidr", "bigint", "numeric", "date", "name", "bpchar"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
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
	var h hit
	embedded := false
	classifyWhole(v, c.cx, &h)
	if len(h.kinds) == 0 {
		if c.json || strings.HasPrefix(strings.TrimSpace(v), "{") {
			embedded = scanJSON(v, c.cx, &h)
		}
		if !embedded && isFreeText(v) {
			scanText(v, c.cx, &h)
			embedded = true
		}
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
}

// Detections combines the name and value signals into a confidence per kind. Kinds below
// 0.2 are dropped.
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
	for k := range c.whole {
		kinds[k] = true
	}
	for k := range c.embedded {
		kinds[k] = true
	}
	var out []evidence.Detection
	for k := range kinds {
		n := nameOf[k]
		w, e := c.whole[k], c.embedded[k]
		matched := w + e
		v := 0.0
		if c.sampled > 0 && k != KindPassword {
			f := math.Max(math.Min(1, 2*float64(w)/float64(c.sampled)), math.Min(1, 10*float64(e)/float64(c.sampled)))
			v = valueStrength[k] * f
		}
		// A name the values contradict: twenty or more values and none of the kind.
		if n > 0 && checkable[k] && c.sampled >= 20 && matched == 0 {
			n *= 0.5
		}
		conf := 1 - (1-n)*(1-v)
		if conf < 0.2 {
			continue
		}
		d := evidence.Detection{Kind: k, Detector: detectorOf[k], Confidence: math.Round(conf*100) / 100,
			Name: n > 0, Matched: matched, Sampled: c.sampled}
		if k == KindNationalID {
			d.Synthetic = c.synthetic
		}
		if k == KindPassword {
			d.Hashed = c.hashed
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Confidence != out[j].Confidence {
			return out[i].Confidence > out[j].Confidence
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// CardColumn reports whether exact card counting applies: the name says card, or sampled
// values held valid card numbers where the column allows cards at all.
func (c *Column) CardColumn() bool {
	return !c.cx.kid && (c.cx.cardName || c.whole[KindCard]+c.embedded[KindCard] > 0)
}

// PasswordColumn reports whether the column's name says it holds passwords.
func (c *Column) PasswordColumn() bool { return c.password }

// CountCards reports whether a value (of a card column) holds a full card number, as the
// whole value or inside text. It is used to stream a whole column for the exact count.
func (c *Column) CountCards(v string) bool {
	var h hit
	classifyWhole(v, c.cx, &h)
	if !h.kinds[KindCard] && isFreeText(v) {
		scanText(v, c.cx, &h)
	}
	return h.kinds[KindCard]
}
