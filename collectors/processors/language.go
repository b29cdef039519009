package processors

import (
	"sort"
	"strings"
)

// languageMarkers are frequent function words that tell the languages apart; a document's
// language is the one whose markers it uses most. Bokmål and nynorsk share most, so each
// has its own telling words; Danish and bokmål differ in spelling (af/av, efter/etter).
var languageMarkers = map[string][]string{
	"en": {"the", "and", "of", "to", "shall", "is", "any", "with", "by", "or", "this", "will", "that", "be"},
	"nb": {"og", "av", "ikke", "skal", "som", "etter", "eller", "det", "hvis", "være", "denne", "kan", "opplysninger", "personopplysninger", "behandlingsansvarlig", "databehandleren", "også", "bare", "fra", "mellom"},
	"nn": {"og", "av", "ikkje", "skal", "som", "etter", "eller", "det", "dersom", "vere", "denne", "kan", "frå", "berre", "eit", "dei", "korleis", "òg", "mellom", "handsaming"},
	"da": {"og", "af", "ikke", "skal", "som", "efter", "eller", "det", "hvis", "være", "denne", "kan", "oplysninger", "personoplysninger", "dataansvarlige", "databehandleren", "også", "kun", "fra", "mellem"},
	"sv": {"och", "av", "inte", "ska", "som", "efter", "eller", "det", "om", "vara", "detta", "kan", "för", "att", "personuppgifter", "är", "från", "mellan", "endast", "enligt"},
	"de": {"und", "der", "die", "das", "nicht", "ist", "mit", "von", "zu", "auf", "für", "den", "dem", "werden", "oder"},
	"fr": {"le", "la", "les", "et", "des", "est", "pas", "pour", "dans", "une", "sur", "du", "aux", "ou", "sont"},
	"es": {"el", "la", "los", "las", "y", "que", "del", "por", "para", "una", "con", "no", "se", "es", "datos"},
	"nl": {"de", "het", "een", "en", "van", "niet", "is", "voor", "met", "zijn", "op", "aan", "worden", "wordt", "bij"},
	"fi": {"ja", "on", "tai", "että", "ei", "sekä", "joka", "tämä", "kanssa", "mukaan", "henkilötietojen", "käsittelijä"},
	"it": {"il", "di", "che", "e", "la", "per", "non", "del", "della", "delle", "sono", "con", "una", "dati"},
	"pt": {"o", "de", "que", "e", "do", "da", "em", "para", "com", "não", "uma", "os", "dos", "dados"},
	"pl": {"i", "w", "nie", "na", "się", "że", "do", "jest", "z", "przez", "oraz", "danych", "lub"},
}

// detectLanguage names a text's language by its function words; "" when the text has too
// few words to tell.
func detectLanguage(text string) string {
	counts := map[string]int{}
	words := 0
	for _, t := range tokens(strings.ToLower(text)) {
		words++
		counts[t]++
	}
	if words < 20 {
		return ""
	}
	type score struct {
		lang string
		n    int
	}
	var scores []score
	for lang, ms := range languageMarkers {
		n := 0
		for _, m := range ms {
			n += counts[m]
		}
		scores = append(scores, score{lang, n})
	}
	sort.Slice(scores, func(i, j int) bool {
		if scores[i].n != scores[j].n {
			return scores[i].n > scores[j].n
		}
		return scores[i].lang < scores[j].lang
	})
	if scores[0].n == 0 {
		return ""
	}
	best := scores[0].lang
	// Nynorsk's telling words outweigh the shared ones: prefer nb unless nn leads clearly.
	if best == "nn" || best == "nb" {
		nb, nn := counts["ikke"]+counts["bare"]+counts["fra"]+counts["hvis"]+counts["være"], counts["ikkje"]+counts["berre"]+counts["frå"]+counts["dersom"]+counts["vere"]+counts["eit"]+counts["dei"]
		if nn > nb {
			best = "nn"
		} else {
			best = "nb"
		}
	}
	return best
}

// supportedLanguage reports whether vern has word lists for a language.
func supportedLanguage(lang string) bool {
	for _, l := range lexiconLanguages {
		if l == lang {
			return true
		}
	}
	return false
}
