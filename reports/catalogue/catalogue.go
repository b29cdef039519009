// Package catalogue holds every fixed text vern writes for people to read, in English and
// Norwegian bokmål: the reports' words and the issue sync's. It is its own package so the issue
// sync can share the words without depending on how reports are rendered, and so one test can
// hold every language to the same standard.
package catalogue

import (
	"sort"

	"github.com/alarmlink/vern/internal/config"
)

// Languages the texts are written in, as config.Language spells them.
const (
	English   = string(config.LangEnglish)
	Norwegian = string(config.LangNorwegian)
)

// parts are the catalogue's texts, one map per concern; a key belongs to one part only.
var parts = []map[string]map[string]string{reportTexts, issueTexts}

// texts is every part joined, built once so a lookup is one map access.
var texts = join(parts)

func join(ps []map[string]map[string]string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, p := range ps {
		for lang, m := range p {
			if out[lang] == nil {
				out[lang] = map[string]string{}
			}
			for k, v := range m {
				out[lang][k] = v
			}
		}
	}
	return out
}

// Lang returns a supported language, English when the given one is not.
func Lang(lang string) string {
	if lang == Norwegian {
		return Norwegian
	}
	return English
}

// Text returns the text for key in lang; a missing key shows itself, so a gap is visible in
// output and caught by the tests rather than printed as an empty string.
func Text(lang, key string) string {
	if s, ok := texts[Lang(lang)][key]; ok {
		return s
	}
	return key
}

// Word translates a value of a closed vocabulary (a severity, a target status, a crawl mode)
// through the key group.value; a value the catalogue does not know is shown as it is.
func Word(lang, group, value string) string {
	if s, ok := texts[Lang(lang)][group+"."+value]; ok {
		return s
	}
	return value
}

// Lookup returns the text for key in exactly lang, and whether there is one; unlike Text it
// neither falls back to English nor shows the key, so tests can see what is missing.
func Lookup(lang, key string) (string, bool) {
	s, ok := texts[lang][key]
	return s, ok
}

// Keys returns every key of any language, sorted, so tests can walk the whole catalogue.
func Keys() []string {
	seen := map[string]bool{}
	for _, m := range texts {
		for k := range m {
			seen[k] = true
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
