package processors

import "strings"

// conceptRule is one way an agreement grants an element, as concepts of the word lists
// (lexicon/*.txt): who acts is the sentence's subject, so the rules name the obligation,
// the action and its object. All concepts must occur in the sentence or, unless self is
// set, in the headings it stands under; the first concept (the action) must always be in
// the sentence itself, so a heading alone never grants a lettered clause.
type conceptRule struct {
	all  []string
	none []string
	// self: every concept must be in the sentence itself.
	self bool
	// label: the rule reads a particular's label, and counts only on a heading followed by
	// its content or on a "Label: content" line; it is matched on the label alone.
	label bool
	// short: the label is at most a few words ("Personal data:", "## 3. Registrerte"), so
	// a general word in a longer heading ("Processing of Personal Data") does not count.
	short bool
	// lead: the first concept opens the sentence and the others follow in order ("This
	// agreement governs the processing ...").
	lead bool
}

// elementRules are the concept rules per element; d has its parts in partRules instead.
var elementRules = map[string][]conceptRule{
	// Art. 26(1) and (2) between joint controllers: the allocation of responsibilities,
	// who answers the data subjects and informs them, and the essence made available.
	"responsibilities": {
		{all: []string{"allocation"}, self: true},
		{all: []string{"joint_control", "responsibility"}, self: true},
	},
	"rights_information": {
		{all: []string{"rights_or_requests", "data_subject", "obliges"}, self: true},
		{all: []string{"inform_subjects", "obliges"}, self: true},
	},
	"essence": {
		{all: []string{"essence", "made_available"}, self: true},
	},
	"subject_matter": {
		{all: []string{"subject_matter"}, none: []string{"governing_law"}, self: true},
		{all: []string{"subject_matter"}, none: []string{"governing_law"}, label: true},
		{all: []string{"doc_ref", "regulates", "processing"}, none: []string{"governing_law"}, self: true, lead: true},
	},
	"duration": {
		{all: []string{"duration"}, none: []string{"audit"}, self: true},
		{all: []string{"duration"}, label: true},
		{all: []string{"processing", "continues", "as_long_as"}, none: []string{"audit"}, self: true},
		{all: []string{"doc_ref", "in_force", "as_long_as"}, none: []string{"audit"}, self: true, lead: true},
		{all: []string{"doc_ref", "in_force", "from", "until"}, none: []string{"audit"}, self: true, lead: true},
	},
	"nature_purpose": {
		{all: []string{"nature_purpose"}, none: []string{"hedge"}, self: true},
		{all: []string{"purpose_label"}, none: []string{"hedge", "special"}, label: true, short: true},
	},
	"data_types": {
		{all: []string{"data_types"}, none: []string{"special", "data_subjects"}, self: true},
		{all: []string{"data_types"}, none: []string{"data_subjects"}, label: true},
		{all: []string{"data_label"}, none: []string{"special", "data_subjects", "subjects_label", "art32_36", "delete_return"}, label: true, short: true},
	},
	"data_subjects": {
		{all: []string{"data_subjects"}, self: true},
		{all: []string{"subjects_are"}, none: []string{"rights_or_requests", "generic_subject"}, self: true},
		{all: []string{"data_subjects"}, label: true},
		{all: []string{"subjects_label"}, none: []string{"rights_or_requests"}, label: true, short: true},
	},
	"a": {
		{all: []string{"instructions", "only_documented"}},
	},
	"b": {
		{all: []string{"confidentiality", "personnel"}},
	},
	"c": {
		{all: []string{"security_measures"}, none: []string{"assist", "data_subject"}},
		{all: []string{"protect", "against_loss"}, none: []string{"assist", "data_subject", "delete_return"}, self: true},
		{all: []string{"measure_item", "security_label"}, none: []string{"assist", "audit"}},
	},
	"e": {
		{all: []string{"assist", "data_subject", "rights_or_requests"}},
		{all: []string{"assist", "dsr_compound"}},
		{all: []string{"assist", "dsr_action", "rights_or_requests"}},
	},
	"f": {
		{all: []string{"assist", "art32_36"}, none: []string{"chapter_iii"}},
	},
	"g": {
		{all: []string{"delete_return", "end_event"}, self: true},
		{all: []string{"delete_return", "return_and_delete"}},
	},
	"h": {
		{all: []string{"audit"}, none: []string{"audit_none"}},
	},
}

// partRules are the parts of (d) that must all be granted (Art. 28(2) and 28(4)).
var partRules = map[string]map[string][]conceptRule{
	"d": {
		"authorisation": {
			{all: []string{"subproc", "authorise"}},
			{all: []string{"subproc", "inform_change", "object"}},
		},
		"flow_down": {
			{all: []string{"subproc", "same_obligations", "obligations"}},
			{all: []string{"subproc", "impose", "obligations"}, self: true},
		},
	},
}

// elementHeadings are the concepts of a heading that names the element: a sentence under
// such a heading is the better place to cite.
var elementHeadings = map[string][]string{
	"subject_matter": {"subject_matter"},
	"duration":       {"duration"},
	"nature_purpose": {"nature_purpose", "purpose_label"},
	"data_types":     {"data_types", "data_label"},
	"data_subjects":  {"data_subjects", "subjects_label"},
	"a":              {"instructions"},
	"b":              {"confidentiality", "personnel"},
	"c":              {"security_label", "security_measures"},
	"d":              {"subproc"},
	"e":              {"dsr_compound", "data_subject"},
	"f":              {"art32_36"},
	"g":              {"delete_return"},
	"h":              {"audit"},
}

// matchRule reports whether a rule grants in a sentence (toks) under headings (ctx), and
// whether it did so from the sentence alone.
func matchRule(lx *lexicon, r conceptRule, toks, ctx []string) (ok, self bool) {
	if r.short {
		// A short label opens with its word: "Personal data", not "Deletion of personal data".
		w := words(toks)
		if len(w) > 5 || len(r.all) == 0 {
			return false, false
		}
		at := lx.find(r.all[0], w)
		if len(at) == 0 || at[0] != 0 {
			return false, false
		}
	}
	for _, c := range r.none {
		if lx.has(c, toks) {
			return false, false
		}
	}
	if r.lead {
		return leads(lx, r.all, toks), true
	}
	self = true
	for i, c := range r.all {
		if lx.has(c, toks) {
			continue
		}
		if i == 0 || r.self || !lx.has(c, ctx) {
			return false, false
		}
		self = false
	}
	return true, self
}

// words drops numbering tokens ("6", "4", "1" of "6.4.1") from a label's tokens.
func words(toks []string) []string {
	var out []string
	for _, t := range toks {
		if !isDigits(t) && !(len(t) == 1 && t >= "a" && t <= "h") {
			out = append(out, t)
		}
	}
	return out
}

// leadWindow is how far into a sentence its opening concept may stand ("2.1 Scope. This
// DPA applies to ...").
const leadWindow = 6

// leads reports whether concepts occur in order, the first within the sentence's opening.
func leads(lx *lexicon, concepts []string, toks []string) bool {
	pos := -1
	for i, c := range concepts {
		next := -1
		for _, at := range lx.find(c, toks) {
			if at > pos {
				next = at
				break
			}
		}
		if next < 0 || i == 0 && (next > leadWindow || !determined(toks, next)) {
			return false
		}
		pos = next
	}
	return true
}

// determiners open a sentence about the agreement itself: "This DPA", "Denne avtalen",
// "Detta avtal", "følgende databehandleraftale".
var determiners = map[string]bool{"this": true, "these": true, "denne": true, "dette": true, "detta": true,
	"disse": true, "dessa": true, "følgende": true, "foreliggende": true, "nærværende": true, "föreliggande": true}

// determined reports whether a determiner stands at most three tokens before at (or the
// token itself is the agreement named alone, "Avtalen", "Aftalen", "Avtalet").
func determined(toks []string, at int) bool {
	if at < len(toks) && determiners[toks[at]] {
		return true // the concept's own phrase opens with it ("these terms")
	}
	for k := at - 1; k >= 0 && k >= at-3; k-- {
		if determiners[toks[k]] {
			return true
		}
	}
	return strings.HasSuffix(toks[at], "en") || strings.HasSuffix(toks[at], "et")
}
