package processors

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/alarmlink/vern/internal/evidence"
)

// RoleJointController is the registry role whose document is an Art. 26 arrangement.
const RoleJointController = "joint_controller"

// maxExcerpt bounds the contract text kept beside an element.
const maxExcerpt = 120

// ElementIDs lists the element ids judged for a role, in report order.
func ElementIDs(role string) []string {
	var ids []string
	for _, e := range elementsFor(role) {
		ids = append(ids, e.id)
	}
	return ids
}

func elementsFor(role string) []element {
	if role == RoleJointController {
		return jointElements
	}
	return processorElements
}

// Detect finds where an agreement grants each element of its role. A sentence counts only
// where it grants the element: a heading that merely names a lettered clause does not, and a
// sentence that names the element to refuse it marks the element negated, which outweighs a
// grant elsewhere (a contract that both promises and takes away has not promised).
func Detect(lines []Line, role string) map[string]evidence.Element {
	sents := segment(lines)
	out := map[string]evidence.Element{}
	for _, el := range elementsFor(role) {
		out[el.id] = detectElement(el, sents)
	}
	return out
}

type hit struct {
	ok  bool
	idx int
}

func detectElement(el element, sents []sentence) evidence.Element {
	// Each grant list (the element's, or each part's) is matched once per sentence.
	lists := [][]pattern{el.grant}
	if len(el.parts) > 0 {
		lists = lists[:0]
		for _, pt := range el.parts {
			lists = append(lists, pt.grant)
		}
	}
	matches := make([][]bool, len(lists))
	for k, ps := range lists {
		matches[k] = make([]bool, len(sents))
		for i, s := range sents {
			matches[k][i] = anyMatch(ps, s.text)
		}
	}
	for i, s := range sents {
		if s.heading {
			continue
		}
		granted := false
		for k := range matches {
			granted = granted || matches[k][i]
		}
		if anyMatch(el.deny, s.text) || granted && generallyDenied(s.text) {
			return located(evidence.Element{Negated: true}, s)
		}
	}
	if len(el.parts) == 0 {
		if h := findGrant(el.particular, matches[0], sents); h.ok {
			return located(evidence.Element{Found: true}, sents[h.idx])
		}
		return evidence.Element{}
	}
	var first hit
	var missing []string
	for k, pt := range el.parts {
		h := findGrant(el.particular, matches[k], sents)
		if !h.ok {
			missing = append(missing, pt.name)
			continue
		}
		if !first.ok {
			first = h
		}
	}
	e := evidence.Element{Found: len(missing) == 0, Missing: missing}
	if first.ok {
		return located(e, sents[first.idx])
	}
	return e
}

// findGrant finds the first sentence that grants: matched holds, per sentence, whether a
// grant pattern matched it.
func findGrant(particular bool, matched []bool, sents []sentence) hit {
	for i, s := range sents {
		if !matched[i] {
			continue
		}
		if s.heading {
			// A particular's heading counts when content follows it; a clause's never does.
			if particular && i+1 < len(sents) && !sents[i+1].heading {
				return hit{true, i}
			}
			continue
		}
		return hit{true, i}
	}
	return hit{}
}

func anyMatch(ps []pattern, s string) bool {
	for _, p := range ps {
		if p.match(s) {
			return true
		}
	}
	return false
}

func generallyDenied(s string) bool {
	for _, r := range generalDenials {
		if r.MatchString(s) {
			return !doubleNegation.MatchString(s)
		}
	}
	return false
}

func located(e evidence.Element, s sentence) evidence.Element {
	e.Page, e.Line = s.page, s.line
	e.Excerpt = excerpt(s.raw)
	return e
}

var (
	emailRe  = regexp.MustCompile(`[^\s@]+@[^\s@]+`)
	digitsRe = regexp.MustCompile(`\+?\d[\d .-]{5,}\d`)
)

// excerpt keeps at most maxExcerpt characters of contract text, with e-mail addresses,
// long digit runs (telephone, organisation or identity numbers) and what reads as a
// person's name masked, so no contact details reach the evidence.
func excerpt(raw string) string {
	s := strings.Join(strings.Fields(raw), " ")
	s = emailRe.ReplaceAllString(s, "[e-post]")
	s = digitsRe.ReplaceAllString(s, "[nr]")
	s = maskNames(s)
	if utf8.RuneCountInString(s) <= maxExcerpt {
		return s
	}
	r := []rune(s)
	return string(r[:maxExcerpt-1]) + "…"
}

var (
	nameWordRe = regexp.MustCompile(`^[A-ZÆØÅ][a-zæøåéü]+$`)
	// contractWords are capitalised words contracts use as defined terms, never names.
	contractWords = map[string]bool{
		"the": true, "this": true, "processor": true, "controller": true, "personal": true, "data": true,
		"sub-processor": true, "subprocessor": true, "agreement": true, "member": true, "state": true,
		"union": true, "article": true, "articles": true, "main": true, "service": true, "services": true,
		"party": true, "parties": true, "schedule": true, "addendum": true, "customer": true, "supplier": true,
		"privacy": true, "framework": true, "standard": true, "contractual": true, "clauses": true,
		"commission": true, "european": true, "chapter": true, "annex": true, "appendix": true, "clause": true,
		"databehandler": true, "databehandleren": true, "databehandlar": true, "databehandlaren": true,
		"behandlingsansvarlig": true, "behandlingsansvarlige": true, "behandlingsansvarleg": true,
		"behandlingsansvarlege": true, "avtalen": true, "avtale": true, "partene": true, "partane": true,
		"datatilsynet": true, "leverandøren": true, "kunden": true, "vedlegg": true, "bilag": true,
	}
)

// maskNames replaces runs of two or more capitalised words that are neither contract terms
// nor followed by a company form (AS, Ltd, ...) with "[navn]": such runs read as people.
func maskNames(s string) string {
	words := strings.Split(s, " ")
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && isNameWord(words[j]) {
			j++
			if strings.ContainsAny(words[j-1], ".,;") {
				break // a name does not run on past punctuation
			}
		}
		if j-i >= 2 && !(j < len(words) && orgSuffixRe.MatchString(strings.Trim(words[j], ".,;:()"))) {
			trail := strings.TrimLeft(words[j-1], "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅabcdefghijklmnopqrstuvwxyzæøåéü")
			out = append(out, "[navn]"+trail)
			i = j
			continue
		}
		if j == i {
			j = i + 1
		}
		out = append(out, words[i:j]...)
		i = j
	}
	return strings.Join(out, " ")
}

func isNameWord(w string) bool {
	if strings.HasSuffix(w, ":") {
		return false // a label, "Varighet:", not a name
	}
	w = strings.TrimRight(w, ".,;)")
	return nameWordRe.MatchString(w) && !contractWords[strings.ToLower(w)]
}
