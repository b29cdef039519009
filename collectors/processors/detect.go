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

// Detect finds where an agreement grants each element of its role, reading the lines in
// the language they are written in. See detect for the judgement.
func Detect(lines []Line, role string) map[string]evidence.Element {
	sents := segment(lines)
	return detect(sents, role, []string{languageOf(sents)}, nil)
}

// languageOf detects the language of a document's sentences, "" when it cannot tell (too
// little text): the rules then read it with every word list.
func languageOf(sents []sentence) string {
	var b strings.Builder
	for _, s := range sents {
		b.WriteString(s.text)
		b.WriteByte(' ')
		if b.Len() > 20000 {
			break
		}
	}
	return detectLanguage(b.String())
}

// unit is a sentence prepared for the rules: its tokens, its headings' tokens and what
// kind of text it is.
type unit struct {
	s    sentence
	toks []string
	ctx  []string
	lx   *lexicon
	skip bool // a definition, a placeholder or in a definitions section
	// definesSubjects is set on a definition of "data subjects" that names this agreement's
	// people ("Registrerte: Kundens sluttkunder ..."), not the Regulation's "identified or
	// identifiable natural person": it carries the categories of data subjects and nothing
	// else.
	definesSubjects bool
	label           bool // a heading with content after it, or a "Label: content" line
	ref             bool // points to an annex, schedule or cover page
	refDone         bool // ... which is supplied with the agreement
	// near is ctx with the rest of the sentence's paragraph: where a rule's other concepts
	// may stand.
	near []string
	// labelToks are the tokens of the label: the heading, or the text before the colon.
	labelToks []string
	// own are the tokens of the sentence without the lead-in it carries.
	own []string
	// catalogue: the sentence names three or more particulars at once (a paraphrase of
	// Art. 28(3), a form's instructions): it lists them, it specifies none.
	catalogue bool
}

// detect judges each element over sentences from one or more documents (langs[i] is the
// language of document i). A sentence counts only where it grants the element; a
// sentence that names the element to refuse it marks it negated, and a grant elsewhere with
// a refusal gives a conflict with both places; a particular left to an annex that is not on
// file is referenced, not missing. names, when the agreement has several files, names
// them by document index for the evidence.
func detect(sents []sentence, role string, langs []string, names []string) map[string]evidence.Element {
	units := prepare(sents, langs, nil)
	out := map[string]evidence.Element{}
	for _, el := range elementsFor(role) {
		e, at, other := detectElement(el, units)
		if len(names) > 1 {
			if at >= 0 {
				e.Document = names[units[at].s.doc]
			}
			if other >= 0 && e.Conflict != nil {
				e.Conflict.Document = names[units[other].s.doc]
			}
		}
		out[el.id] = e
	}
	return out
}

func prepare(sents []sentence, langs []string, supplied map[string]bool) []unit {
	if supplied == nil {
		supplied = suppliedAnnexes(sents)
	}
	// A provision is its paragraph: the other sentences of it are context for each.
	paraText := map[[2]int]string{}
	for _, s := range sents {
		if !s.heading {
			k := [2]int{s.doc, s.para}
			paraText[k] += " " + strings.TrimPrefix(s.text, s.lead)
		}
	}
	externalSupplied := externalDocsSupplied(sents, langs)
	units := make([]unit, len(sents))
	for i, s := range sents {
		lang, lx := vocabularyOf(s.doc, langs)
		u := unit{s: s, toks: tokens(s.text), ctx: tokens(s.context), lx: lx}
		u.near = u.ctx
		if !s.heading {
			u.near = append(append([]string(nil), u.ctx...), tokens(paraText[[2]int{s.doc, s.para}])...)
		}
		defined := isDefinition(s.text) || lx.has("definitions", u.ctx) && !s.heading
		u.skip = isPlaceholder(s.raw) || formNoteRe.MatchString(s.text) || defined
		if s.heading {
			u.label = i+1 < len(sents) && !sents[i+1].heading && !isPlaceholder(sents[i+1].raw)
			u.labelToks = u.toks
		} else {
			u.label = labelLineRe.MatchString(s.text)
			if u.label {
				head, _, _ := strings.Cut(strings.TrimPrefix(s.text, s.lead), ":")
				u.labelToks = tokens(head)
			}
		}
		u.own = tokens(strings.TrimPrefix(s.text, s.lead))
		if term := definesSubjects(u); u.skip && defined && term != nil {
			// The defined term is the label of what follows it.
			u.skip, u.definesSubjects, u.label, u.labelToks = false, true, true, term
		}
		named := 0
		for _, id := range []string{"subject_matter", "duration", "nature_purpose", "data_types", "data_subjects"} {
			if lx.has(elementRules[id][0].all[0], u.toks) || id == "nature_purpose" && lx.has("purpose_label", u.toks) {
				named++
			}
		}
		u.catalogue = named >= 3
		refers := lx.has("reference", u.toks) || lx.has("refer_to", u.toks) || referenceVerbRe.MatchString(s.text)
		if !s.heading && refers && len(annexNames(s.text)) == 0 && lx.has("external_doc", u.toks) {
			// "For the types of data, we refer to our Privacy Policy": a pointer to a
			// document outside the agreement, answered only when that document is one of
			// its files.
			u.ref, u.refDone = true, externalSupplied[lang]
		}
		if names := annexNames(s.text); len(names) > 0 && (lx.has("reference", u.toks) || referenceVerbRe.MatchString(s.text) || strings.HasPrefix(strings.TrimPrefix(s.text, "- "), names[0])) {
			u.ref = true
			u.refDone = true
			for _, n := range names {
				if !supplied[n] {
					u.refDone = false
				}
			}
		}
		units[i] = u
	}
	return units
}

type hit struct {
	ok    bool
	idx   int
	score int
}

// grantScore ranks the places that grant an element: under a heading that names it, from
// the sentence alone, not a cross-reference. The best is cited; ties go to the first.
func grantScore(u unit, id string, self bool) int {
	score := 0
	rules := elementRules[id]
	if len(rules) > 0 && (u.lx.has(rules[0].all[0], u.toks) || elementIsParticular(id) && u.lx.has(rules[0].all[0], lastHeading(u))) {
		score++ // the element's own name ("subject matter", "duration")
	}
	if u.s.heading {
		score -= 2 // the clause itself is better cited than the heading above it
	}
	if u.lx.has("obliges", u.toks) {
		score++ // "shall", "skal", "ska": an obligation, not a description
	}
	if u.s.lead != "" && !saysAction(u, rules) {
		score-- // a list item whose lead-in, not the item, says the action
	}
	if !u.s.heading && len(rules) > 0 && len(annexNames(u.s.context)) > 0 && !elementIsParticular(id) {
		score-- // an annex restates what the body of the agreement provides
	}
	for _, c := range elementHeadings[id] {
		if u.lx.has(c, u.ctx) || u.s.heading && u.lx.has(c, u.toks) || inlineTitleHas(u, c) {
			score += 2
			break
		}
	}
	if self {
		score++
	}
	if u.ref {
		score -= 3
	}
	return score
}

// inlineTitleHas reports whether a paragraph's bold lead title ("**4.1 Confidentiality.**")
// names a concept: such a title is the provision's heading.
func inlineTitleHas(u unit, concept string) bool {
	m := inlineTitleRe.FindStringSubmatch(u.s.raw)
	if m == nil {
		return false
	}
	return u.lx.has(concept, tokens(strings.ToLower(m[1])))
}

// phrasePatterns keeps the phrase patterns of clauses/1 as a fallback to the word lists.
// The word lists alone carry every element of the in-house corpus and score the same on
// the real agreements' tuning split; the patterns stay because they still catch grants in
// the in-house held-out set that the lists miss (see TestWordListsAlone).
var phrasePatterns = true

// grants reports whether unit u grants by the rules or the legacy patterns, and whether it
// did so from the sentence alone.
func grants(u unit, rules []conceptRule, legacy []pattern, particular bool) (bool, bool) {
	if u.skip {
		return false, false
	}
	best, self := false, false
	for _, r := range rules {
		if r.label && !u.label {
			continue
		}
		if !r.label && u.s.heading {
			continue
		}
		toks := u.toks
		if r.label {
			toks = u.labelToks
		}
		if ok, sf := matchRule(u.lx, r, toks, u.near); ok {
			best = true
			self = self || sf
		}
	}
	if phrasePatterns && !best && anyMatch(legacy, u.s.text) && !anyConcept(u.lx, firstNone(rules), u.toks) {
		if !u.s.heading || particular && u.label {
			// The phrase patterns of clauses/1 still count, but a concept rule's match
			// is the better citation.
			return true, false
		}
	}
	return best, self
}

// firstNone is what voids the element's first rule (its own name): a phrase pattern that
// names the element in such a sentence does not count either.
func firstNone(rules []conceptRule) []string {
	if len(rules) == 0 {
		return nil
	}
	return rules[0].none
}

func anyConcept(lx *lexicon, concepts []string, toks []string) bool {
	for _, c := range concepts {
		if lx.has(c, toks) {
			return true
		}
	}
	return false
}

// detectElement judges one element; it returns the unit cited (-1 for none) and, for a
// conflict, the refusing one.
func detectElement(el element, units []unit) (evidence.Element, int, int) {
	type list struct {
		name   string
		rules  []conceptRule
		legacy []pattern
	}
	lists := []list{{rules: elementRules[el.id], legacy: el.grant}}
	if len(el.parts) > 0 {
		lists = lists[:0]
		for _, pt := range el.parts {
			lists = append(lists, list{name: pt.name, rules: partRules[el.id][pt.name], legacy: pt.grant})
		}
	}
	best := make([]hit, len(lists))
	var refusal, ref hit
	for i, u := range units {
		if u.definesSubjects && el.id != "data_subjects" {
			continue // a definition carries no other element
		}
		matched := false
		for k, l := range lists {
			ok, self := grants(u, l.rules, l.legacy, el.particular)
			if !ok {
				if el.particular && u.ref && !u.refDone && !ref.ok && !u.skip && namesElement(u.lx, el.id, u.toks) {
					// "Types of data and categories of data subjects: see Annex 1."
					ref = hit{true, i, 0}
				}
				continue
			}
			matched = true
			if u.ref || el.particular && u.catalogue {
				if u.ref && !u.refDone && !ref.ok {
					ref = hit{true, i, 0}
				}
				if el.particular {
					continue // a pointer to an annex is not the particular itself
				}
			}
			at, sc := i, grantScore(u, el.id, self)
			if el.particular && u.s.heading && i+1 < len(units) {
				// A particular's heading is cited by the content under it, unless that
				// only points elsewhere.
				next := units[i+1]
				if next.ref || next.catalogue {
					if next.ref && !next.refDone && !ref.ok {
						ref = hit{true, i + 1, 0}
					}
					continue
				}
				at, sc = i+1, grantScore(next, el.id, true)+1
			}
			if !best[k].ok || sc > best[k].score {
				best[k] = hit{true, at, sc}
			}
		}
		if u.s.heading || u.skip {
			continue
		}
		if !refusal.ok && (anyMatch(el.deny, u.s.text) || matched && scopedDenial(u, el.id)) {
			refusal = hit{true, i, 0}
		}
	}
	var e evidence.Element
	var missing []string
	first := -1
	for k, l := range lists {
		// A sentence that grants and refuses at once does not grant.
		if best[k].ok && refusal.ok && best[k].idx == refusal.idx {
			best[k] = bestOther(units, el, l.rules, l.legacy, refusal.idx)
		}
		if !best[k].ok {
			if l.name != "" {
				missing = append(missing, l.name)
			}
			continue
		}
		if first < 0 {
			first = best[k].idx
		}
	}
	complete := len(missing) == 0 && first >= 0
	at, other := -1, -1
	switch {
	case complete && refusal.ok:
		e = located(evidence.Element{Negated: true, Status: evidence.ElementConflict}, units[first].s)
		c := located(evidence.Element{}, units[refusal.idx].s)
		e.Conflict = &evidence.Location{Page: c.Page, Line: c.Line, Excerpt: c.Excerpt}
		at, other = first, refusal.idx
	case complete:
		e = located(evidence.Element{Found: true, Status: evidence.ElementFound}, units[first].s)
		at = first
	case refusal.ok:
		e = located(evidence.Element{Negated: true, Status: evidence.ElementMissing}, units[refusal.idx].s)
		at = refusal.idx
	case ref.ok && first < 0:
		e = located(evidence.Element{Status: evidence.ElementReferenced}, units[ref.idx].s)
		at = ref.idx
	case first >= 0:
		e = located(evidence.Element{Status: evidence.ElementMissing}, units[first].s)
		at = first
	default:
		e = evidence.Element{Status: evidence.ElementMissing}
	}
	e.Missing = missing
	return e, at, other
}

// bestOther finds the best grant other than the sentence at skip.
func bestOther(units []unit, el element, rules []conceptRule, legacy []pattern, skip int) hit {
	var h hit
	for i, u := range units {
		if i == skip || (u.ref || u.catalogue) && el.particular {
			continue
		}
		if ok, self := grants(u, rules, legacy, el.particular); ok {
			if sc := grantScore(u, el.id, self); !h.ok || sc > h.score {
				h = hit{true, i, sc}
			}
		}
	}
	return h
}

func anyMatch(ps []pattern, s string) bool {
	for _, p := range ps {
		if p.match(s) {
			return true
		}
	}
	return false
}

// scopedDenial reports whether a sentence that grants an element also takes it away in
// the same clause: a general denial counts only in a clause that itself names the element,
// and not where it merely limits (a lead-in to conditions, "does not apply where ...").
func scopedDenial(u unit, id string) bool {
	if strings.HasSuffix(u.s.text, ":") {
		return false
	}
	for _, cl := range clauseSplitRe.Split(u.s.text, -1) {
		if !generallyDenied(cl) || limitationRe.MatchString(cl) {
			continue
		}
		ct := tokens(cl)
		if namesElement(u.lx, id, ct) {
			return true
		}
	}
	return false
}

// namesElement reports whether tokens carry one of the element's own concepts (the first of
// a rule: its action), or, for an element judged by the legacy patterns only, any of them.
func namesElement(lx *lexicon, id string, toks []string) bool {
	rules := elementRules[id]
	for _, parts := range partRules[id] {
		rules = append(rules, parts...)
	}
	for _, r := range rules {
		if len(r.all) > 0 && lx.has(r.all[0], toks) {
			return true
		}
	}
	for _, c := range elementHeadings[id] {
		if lx.has(c, toks) {
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

var (
	clauseSplitRe   = regexp.MustCompile(`[,;()]|\b(?:who|which|whom|whose|unless|except|provided that|som ikke|som ikkje|der ikke|som inte)\b`)
	limitationRe    = regexp.MustCompile(`\b(?:does|do|shall|will) not apply (?:where|if|when|to)\b|\bgjelder ikke (?:der|når|hvis)\b|\bgælder ikke (?:hvor|når|hvis)\b|\bgäller inte (?:där|när|om)\b`)
	formNoteRe      = regexp.MustCompile(`\(please specify\)|\bplease specify\b|\[insert\b|\bto be completed\b|\bfylles ut\b|\budfyldes\b|\bfylls i\b`)
	labelLineRe     = regexp.MustCompile(`^[^.:;]{2,60}: \S`)
	inlineTitleRe   = regexp.MustCompile(`^\s*(?:[\d.]+\s*)?\*\*\s*(?:[\d.]+\s*)?([^*]{2,80}?)\*\*`)
	definitionRe    = regexp.MustCompile(`^(?:\d+(?:\.\d+)*\.?\s+)?(?:"[^"]{1,60}"(?:\s*(?:/|or|and|eller|og|och)\s*"[^"]{1,60}")*\s*(?:\([^)]*\)\s*)?(?:means|shall mean|has the meaning|have the meaning|will have the meaning|shall have the meaning|refers to|betyr|betyder|avser|innebærer|er|is|are)\b|[\p{L}-]+(?: [\p{L}-]+){0,3}:\s*(?:all|any|den|det|enhver|alle|varje|tredje|en|ein|et)\b)`)
	placeholderRe   = regexp.MustCompile("^(?:`[^`]*`|'[^']*'|_{3,}|\\[[^\\]]*\\]|<[^>]*>|\\.{3,}|tbd|xx+|\\s)+$")
	referenceVerbRe = regexp.MustCompile(`\b(?:describes|sets out|specifies|contains|set out in|set forth in|specified in|described in|listed in|detailed in|fremgår|framgår|angitt i|angivet i|anges i|beskrevet i|beskrivs i)\b`)
)

// isDefinition reports whether a sentence defines a term ("Processor" means ...): a
// definition names clauses without granting or refusing any.
func isDefinition(s string) bool { return definitionRe.MatchString(s) }

// externalDocsSupplied tells, per language, whether one of the agreement's files is itself
// a document agreements refer outside themselves to (a privacy policy, the main agreement):
// a file whose first sentence names one. Then a reference to it is answered on file.
func externalDocsSupplied(sents []sentence, langs []string) map[string]bool {
	got := map[string]bool{}
	lastDoc := -1
	for _, s := range sents {
		if s.doc == lastDoc {
			continue
		}
		lastDoc = s.doc
		lang, lx := vocabularyOf(s.doc, langs)
		if s.doc > 0 && lx.has("external_doc", tokens(s.text)) {
			got[lang] = true
		}
	}
	return got
}

// definesSubjects returns the defined term of a definition that defines the data subjects
// by naming who they are in this agreement, nil for any other: its term is the data
// subjects and it does not restate the Regulation's definition.
func definesSubjects(u unit) []string {
	if isPlaceholder(u.s.raw) || formNoteRe.MatchString(u.s.text) || u.lx.has("generic_subject", u.toks) {
		return nil
	}
	term := u.labelToks
	if !u.label {
		head := strings.TrimPrefix(u.s.text, u.s.lead)
		if i := strings.IndexAny(head, "\"”»"); i >= 0 {
			if j := strings.IndexAny(head[i+1:], "\"”»"); j > 0 {
				term = tokens(head[i+1 : i+1+j])
			}
		}
	}
	if len(term) > 0 && len(term) <= 4 && u.lx.has("subjects_label", term) && !u.lx.has("rights_or_requests", term) {
		return term
	}
	return nil
}

// isPlaceholder reports whether text is a blank of a template: `field`, ____, [ ... ].
func isPlaceholder(raw string) bool {
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(raw), "-*•"))
	return t != "" && placeholderRe.MatchString(t)
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

// saysAction reports whether a list item's own words (without its lead-in) carry the
// action of one of the rules.
func saysAction(u unit, rules []conceptRule) bool {
	for _, r := range rules {
		if len(r.all) > 0 && u.lx.has(r.all[0], u.own) {
			return true
		}
	}
	return false
}

func elementIsParticular(id string) bool {
	switch id {
	case "subject_matter", "duration", "nature_purpose", "data_types", "data_subjects":
		return true
	}
	return false
}

// lastHeading is the tokens of the nearest heading above a sentence.
func lastHeading(u unit) []string {
	ctx := u.s.context
	if i := strings.LastIndex(ctx, " | "); i >= 0 {
		ctx = ctx[i+3:]
	}
	return tokens(ctx)
}

// vocabularyOf is document doc's language and its word list, or the language-neutral list
// when its language is unknown or has none.
func vocabularyOf(doc int, langs []string) (string, *lexicon) {
	lang := ""
	if doc < len(langs) {
		lang = langs[doc]
	}
	if lx := vocabularies[lang]; lx != nil {
		return lang, lx
	}
	return lang, vocabularies[""]
}
