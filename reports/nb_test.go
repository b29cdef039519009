package reports

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/alarmlink/vern/reports/catalogue"
)

// englishWords are words of English UI text that are not also Norwegian words: one of them
// in the bokmål report's own text (not in names, code or quoted data) is an untranslated
// string.
var englishWords = []string{
	"the", "and", "of", "is", "are", "was", "were", "not", "with", "from", "this", "that", "which",
	"when", "has", "have", "been", "will", "would", "should", "must", "any", "all", "none",
	"rows", "row", "days", "months", "years", "session", "blocked", "set", "found", "missing",
	"checked", "unchecked", "kept", "broken", "waived", "finding", "findings", "evidence",
	"report", "page", "pages", "phase", "phases", "before", "after", "accept", "reject",
	"choice", "requests", "request", "storage", "lifetime", "purpose", "purposes", "domain",
	"vendor", "category", "categories", "retention", "recipients", "rights", "transfers",
	"severity", "rule", "rules", "resource", "target", "targets", "message", "details",
	"remediation", "summary", "changes", "new", "resolved", "scope", "collected", "failed",
	"partial", "ok", "yes", "no", "unknown", "tried", "browser", "expires", "expired", "by",
}

// visibleText returns the report's own text nodes: everything a reader sees except code,
// scripts, styles and the quoted words of the statement or the data (<code>, <q>,
// <blockquote>, <kbd>, <samp> and elements marked translate="no").
func visibleText(t *testing.T, doc []byte) []string {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	skip := map[string]bool{"script": true, "style": true, "code": true, "q": true, "blockquote": true,
		"kbd": true, "samp": true, "title": false}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if skip[n.Data] {
				return
			}
			for _, a := range n.Attr {
				// Text the evidence carries as its collector wrote it is marked lang="en".
				if (a.Key == "translate" && a.Val == "no") || (a.Key == "lang" && a.Val == "en") {
					return
				}
			}
		}
		if n.Type == html.TextNode {
			if s := strings.TrimSpace(n.Data); s != "" {
				out = append(out, s)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

// TestNorwegianReportHasNoEnglish renders the bokmål HTML report of the fixture and fails
// on any English UI word in its own text, and on any catalogue string left in English.
func TestNorwegianReportHasNoEnglish(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := (HTML{}).Write(&buf, fixtureInput("nb")); err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	for _, w := range englishWords {
		words[w] = true
	}
	hits := map[string][]string{}
	for _, text := range visibleText(t, buf.Bytes()) {
		for _, w := range englishIn(text, words) {
			hits[w] = append(hits[w], text)
		}
	}
	var found []string
	for w, in := range hits {
		found = append(found, w+" in "+strings.Join(dedupe(in), " | "))
	}
	sort.Strings(found)
	for _, f := range found {
		t.Errorf("English in the bokmål report: %.300s", f)
	}
}

// Names, not words: quoted names, and anything with a dot, colon, slash or @ in it (rule ids,
// resources, hosts, addresses, flags, file names).
var (
	nameSpans = regexp.MustCompile(`\S*"\S*|«[^»]*»|\S*[.:/@=]\S*|--\S+`)
	wordSpans = regexp.MustCompile(`[\p{L}]+`)
)

// englishIn returns the English words of text, lower-cased, leaving out names and codes.
func englishIn(text string, english map[string]bool) []string {
	var out []string
	for _, w := range wordSpans.FindAllString(nameSpans.ReplaceAllString(text, " "), -1) {
		if w == strings.ToUpper(w) {
			continue // a code such as NO or HTTP
		}
		if english[strings.ToLower(w)] {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// TestNorwegianCatalogueHasNoEnglish holds every bokmål text of the catalogue to the same
// word list, the texts the fixture report never shows and the issue sync's included.
func TestNorwegianCatalogueHasNoEnglish(t *testing.T) {
	t.Parallel()
	words := map[string]bool{}
	for _, w := range englishWords {
		words[w] = true
	}
	for _, key := range catalogue.Keys() {
		nb, ok := catalogue.Lookup(catalogue.Norwegian, key)
		if !ok {
			continue // TestUIStringsComplete reports the gap
		}
		if found := englishIn(nb, words); len(found) > 0 {
			t.Errorf("English in the bokmål text of %s: %s in %q", key, strings.Join(dedupe(found), ", "), nb)
		}
	}
}
