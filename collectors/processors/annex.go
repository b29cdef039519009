package processors

import (
	"regexp"
	"strings"
)

// annexRe finds the names agreements give their annexes: "Schedule 2", "Annex I(B)",
// "Appendix A", "Bilag A", "vedlegg 1", "Bilaga C", "the Cover Page".
var annexRe = regexp.MustCompile(`\b(schedule|annex|appendix|exhibit|attachment|bilaga|bilag|vedlegg|cover page)\b\s*(\d+|[a-z]\b|[ivx]+\b)?`)

var romans = map[string]string{"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8", "ix": "9", "x": "10"}

// annexKind folds the words for one kind of annex together (bilag and bilaga, annex and
// its plural forms do not occur here).
func annexKind(w string) string {
	if w == "bilaga" {
		return "bilag"
	}
	return w
}

// annexNames lists the annexes a normalised sentence names, as "kind id" ("schedule 2",
// "annex 1", "cover page"). An annex named without an id ("the Annex") is not listed.
func annexNames(s string) []string {
	var out []string
	for _, m := range annexRe.FindAllStringSubmatch(s, -1) {
		kind, id := annexKind(m[1]), m[2]
		if kind != "cover page" && id == "" {
			continue
		}
		if r, ok := romans[id]; ok {
			id = r
		}
		out = append(out, strings.TrimSpace(kind+" "+id))
	}
	return out
}

// suppliedAnnexes lists the annexes an agreement's files contain: those a heading names
// (or a file's first sentence, where an annex starts its own document).
func suppliedAnnexes(sents []sentence) map[string]bool {
	got := map[string]bool{}
	lastDoc := -1
	for _, s := range sents {
		first := s.doc != lastDoc
		lastDoc = s.doc
		if !s.heading && !first {
			continue
		}
		for _, n := range annexNames(s.text) {
			got[n] = true
		}
	}
	return got
}
