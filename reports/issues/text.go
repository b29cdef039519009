package issues

import (
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports/catalogue"
)

// words are the catalogue's texts in the language of the issues; the sync writes no fixed
// text of its own, so the bokmål is held to the same completeness test as the reports'.
type words struct{ lang string }

func wordsFor(lang string) words { return words{lang: lang} }

// text is the catalogue's text for key.
func (w words) text(key string) string { return catalogue.Text(w.lang, key) }

// severityName is the severity level in the language; labels keep the English level.
func (w words) severityName(level findings.Severity) string {
	return catalogue.Word(w.lang, "sev", string(level))
}
