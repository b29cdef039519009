package reports

import (
	"fmt"
	"strings"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports/catalogue"
)

// normLang returns a supported language, English when the given one is not.
func normLang(lang string) config.Language { return config.Language(catalogue.Lang(lang)) }

// tr returns the catalogue's text for key in lang; a missing key shows itself, so a gap is
// visible in output and caught by the tests rather than printed as an empty string.
func tr(lang, key string) string { return catalogue.Text(lang, key) }

// word translates a value of a closed vocabulary (a target status, a document status, a
// crawl mode) through the catalogue key group.value; a value the catalogue does not know
// is shown as it is.
func word(lang, group, value string) string { return catalogue.Word(lang, group, value) }

// periodText writes a declared period in the report's language ("12 måneder"), or the
// declaration's own words when they are not a period.
func periodText(lang string, p *config.Period, raw string) string {
	if p == nil {
		q, err := config.ParsePeriod(raw)
		if err != nil {
			return raw
		}
		p = &q
	}
	en := p.String()
	if normLang(lang) != "nb" {
		return en
	}
	words := strings.Fields(en)
	for i, w := range words {
		if nb, ok := periodWordsNB[w]; ok {
			words[i] = nb
		}
	}
	return strings.Join(words, " ")
}

// periodWordsNB are the bokmål words of the units config.Period.String writes.
var periodWordsNB = map[string]string{
	"day": "dag", "days": "dager", "month": "måned", "months": "måneder", "year": "år", "years": "år",
}

// waiverNoteTexts says the notes on waivers in lang; a findings document from before the
// notes were kept as data has only its English lines.
func waiverNoteTexts(lang string, doc *findings.Document) []string {
	if len(doc.WaiverNotices) == 0 {
		return doc.WaiverNotes
	}
	var out []string
	for _, n := range doc.WaiverNotices {
		out = append(out, trf(lang, "waivernote.where", n.Waiver, n.Rule, n.Resource, n.Line)+": "+
			trf(lang, "waivernote."+n.Note, n.Expires))
	}
	return out
}

// trf formats the UI string for key in lang.
func trf(lang, key string, args ...any) string {
	return fmt.Sprintf(tr(lang, key), args...)
}
