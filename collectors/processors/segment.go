package processors

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line is one line of an agreement's text where an auditor finds it: the page (1 for
// Markdown and text) and the line on that page.
type Line struct {
	Page   int
	Number int
	Text   string
	// Heading is set for lines the document marks as headings (Markdown #, bold-only lines).
	Heading bool
	// Alone is set for lines that stand as a unit of their own (a table row).
	Alone bool
	// Marked is set where the format marks headings itself (Markdown): no other line is
	// then taken for a heading by its looks.
	Marked bool
}

// sentence is a unit the clause patterns are matched against: one sentence, list item or
// heading, in lower case with whitespace collapsed, located at its first line.
type sentence struct {
	text    string
	raw     string
	page    int
	line    int
	heading bool
	// context is the normalised text of the headings the sentence stands under, nearest
	// last: a heading is context for everything under it.
	context string
	// item marks a list item; lead is the lead-in it carries ("assist the controller in:").
	item bool
	lead string
	// doc indexes the agreement file the sentence comes from.
	doc int
	// para numbers the paragraph (or list item) the sentence stands in: one provision.
	para int
}

var (
	bulletRe   = regexp.MustCompile(`^(?:[-*•–]\s+|\(?[a-hA-H]\)\s+|\(?[ivx]+\)\s+|\d+(?:\.\d+)*[.)]\s+|[a-hA-H]\.\s+)`)
	numberedRe = regexp.MustCompile(`^(?:\d+(?:\.\d+)*\.?|[A-Z]\.|(?i:art(?:ikkel|icle)?\.?|§|punkt|section|clause|klausul|vedlegg|appendix|annex|bilag|schedule)\s*\d*[.:]?)(?:\s|$)`)
	// abbreviations after which a full stop does not end a sentence.
	abbrevs = map[string]bool{
		"art": true, "nr": true, "no": true, "jf": true, "jfr": true, "eks": true, "f.eks": true, "e.g": true,
		"i.e": true, "bl.a": true, "pkt": true, "ref": true, "mv": true, "m.v": true, "osv": true, "etc": true,
		"ca": true, "kap": true, "ch": true, "sec": true, "cf": true, "inkl": true, "ev": true, "evt": true,
		"dvs": true, "m.m": true, "vs": true, "lit": true, "bokst": true, "st": true, "para": true, "pt": true,
		"t.d": true, "m.a": true, "a.s": true, "o.l": true, "p": true, "pp": true, "ltd": true, "inc": true,
	}
)

// isHeading reports whether a line of plain or extracted text looks like a heading: short,
// without closing punctuation, numbered or in capitals, or short and set apart (prevEnded:
// the previous line ended a sentence or paragraph).
func isHeading(s string, prevEnded bool) bool {
	if s == "" || bulletRe.MatchString(s) && !numberedRe.MatchString(s) || strings.Contains(s, ": ") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".;:!?,", last) {
		return false
	}
	words := len(strings.Fields(s))
	if words > 10 {
		return false
	}
	if numberedRe.MatchString(s) || strings.ToUpper(s) == s && strings.IndexFunc(s, unicode.IsLetter) >= 0 {
		return true
	}
	first, _ := utf8.DecodeRuneInString(s)
	return prevEnded && words <= 6 && (unicode.IsUpper(first) || unicode.IsDigit(first))
}

// segment turns lines into sentences. Paragraphs end at blank lines, headings and list
// items; within a paragraph sentences end at . ! ? ; (not after abbreviations). A sentence
// that ends in a colon (a label or a lead-in) is joined with the one after it.
func segment(lines []Line) []sentence {
	var out []sentence
	var para strings.Builder
	type mark struct{ off, page, line int }
	var marks []mark
	var lead *sentence
	// listLead is the lead-in that the list items after it carry, until the list ends.
	var listLead *sentence
	var sections headingStack
	paraItem := false

	emit := func(s sentence) {
		s.context = sections.context()
		if s.item && lead != nil {
			// A list follows its lead-in: every item carries it, located at the item.
			out = append(out, *lead)
			listLead = lead
			lead = nil
		}
		if s.item && listLead != nil {
			s.lead = listLead.text
			s.text = listLead.text + " " + s.text
		} else if !s.item {
			listLead = nil
		}
		if lead != nil && !s.heading {
			// The joined sentence is located at its label (or lead-in) line.
			s.text = lead.text + " " + s.text
			s.raw = lead.raw + " " + s.raw
			s.page, s.line = lead.page, lead.line
			lead = nil
		} else if lead != nil {
			out = append(out, *lead)
			lead = nil
		}
		if !s.heading && strings.HasSuffix(s.text, ":") {
			cp := s
			if s.item && s.lead != "" {
				cp.text = strings.TrimSpace(strings.TrimPrefix(s.text, s.lead))
			}
			lead = &cp
			return
		}
		out = append(out, s)
	}
	paraNo := 0
	flush := func() {
		text := para.String()
		item := paraItem
		paraItem = false
		paraNo++
		if strings.TrimSpace(text) != "" {
			for _, sp := range splitSentences(text) {
				for sp.start < sp.end && text[sp.start] == ' ' {
					sp.start++
				}
				i := sort.Search(len(marks), func(i int) bool { return marks[i].off > sp.start }) - 1
				if i < 0 {
					i = 0
				}
				raw := strings.TrimSpace(text[sp.start:sp.end])
				if raw == "" {
					continue
				}
				emit(sentence{text: normalise(raw), raw: raw, page: marks[i].page, line: marks[i].line, item: item, para: paraNo})
			}
		}
		para.Reset()
		marks = marks[:0]
	}

	prevEnded := true
	prevPage := 0
	var lastByte byte
	toc := tocSkipper{}
	for li, l := range lines {
		s := strings.TrimSpace(strings.Map(cleanRune, l.Text))
		if l.Page != prevPage {
			prevEnded = true
			prevPage = l.Page
		}
		if toc.skip(s, l.Heading) {
			// A table of contents names every clause and grants none.
			flush()
			continue
		}
		switch {
		case s == "":
			flush()
			prevEnded = true
			continue
		case l.Heading || !l.Alone && (!l.Marked || numberedRe.MatchString(s)) && isHeading(s, prevEnded) && !continues(lines, li):
			flush()
			if lead != nil {
				out = append(out, *lead)
				lead = nil
			}
			listLead = nil
			h := strings.TrimLeft(s, "#* ")
			h = strings.TrimRight(h, "* ")
			sections.push(headingLevel(s), normalise(h))
			out = append(out, sentence{text: normalise(h), raw: h, page: l.Page, line: l.Number, heading: true, context: sections.parent()})
			prevEnded = true
			continue
		case bulletRe.MatchString(s) && !l.Alone:
			flush()
			paraItem = true
		case l.Alone:
			// A table row is a unit of its own and, like a list item, carries the
			// lead-in above the table.
			flush()
			paraItem = true
		}
		if para.Len() > 0 {
			if lastByte == '-' && startsLower(s) && !startsConjunction(s) {
				cur := para.String()
				para.Reset()
				para.WriteString(cur[:len(cur)-1])
			} else {
				para.WriteByte(' ')
			}
		}
		marks = append(marks, mark{para.Len(), l.Page, l.Number})
		para.WriteString(s)
		if para.Len() > maxParagraph {
			// Text without sentence ends (a table dump, a broken extraction) is cut at
			// line boundaries, so matching stays linear in the document.
			flush()
		}
		lastByte = s[len(s)-1]
		last, _ := utf8.DecodeLastRuneInString(s)
		prevEnded = strings.ContainsRune(".;:!?", last)
		if l.Alone {
			flush()
			prevEnded = true
		}
	}
	flush()
	if lead != nil {
		out = append(out, *lead)
	}
	return out
}

// maxParagraph bounds the bytes of a paragraph matched at once.
const maxParagraph = 2000

type span struct{ start, end int }

// splitSentences finds sentence boundaries in one paragraph.
func splitSentences(p string) []span {
	var out []span
	start := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '.' && c != ';' && c != '!' && c != '?' {
			continue
		}
		if i+1 < len(p) && p[i+1] != ' ' {
			continue
		}
		if c == '.' {
			j := i + 1
			for j < len(p) && p[j] == ' ' {
				j++
			}
			if j < len(p) {
				r, _ := utf8.DecodeRuneInString(p[j:])
				if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '(' && r != '"' && r != '«' {
					continue
				}
			}
			k := i
			for k > start && p[k-1] != ' ' && p[k-1] != '(' {
				k--
			}
			word := strings.ToLower(p[k:i])
			if abbrevs[word] || utf8.RuneCountInString(word) == 1 || isDigits(word) {
				continue
			}
		}
		out = append(out, span{start, i + 1})
		start = i + 1
	}
	if start < len(p) {
		out = append(out, span{start, len(p)})
	}
	return out
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func startsConjunction(s string) bool {
	for _, w := range []string{"og ", "eller ", "and ", "or ", "samt "} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// cleanRune maps typographic variants to the plain forms the patterns use.
func cleanRune(r rune) rune {
	switch r {
	case '\u00a0', '\t', '\u2009', '\u202f':
		return ' '
	case '\u2019', '\u2018', '\u00b4', '`':
		return '\''
	case '\u2010', '\u2011', '\u00ad':
		return '-'
	case '\u2013', '\u2014':
		return '–'
	case '\u201c', '\u201d', '\u201e':
		return '"'
	}
	if r == utf8.RuneError || unicode.IsControl(r) {
		return ' '
	}
	return r
}

var spaceRe = regexp.MustCompile(`\s+`)

// normalise lower-cases a sentence and collapses its whitespace and markup.
func normalise(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("**", "", "__", "", "`", "", "–", "-").Replace(s)
	return strings.TrimSpace(spaceRe.ReplaceAllString(s, " "))
}

// continues reports whether the line after lines[i] carries on its sentence (it starts in
// lower case on the same page): a short line wrapped mid-sentence is no heading.
func continues(lines []Line, i int) bool {
	if i+1 >= len(lines) || lines[i+1].Page != lines[i].Page || lines[i+1].Heading {
		return false
	}
	next := strings.TrimSpace(lines[i+1].Text)
	return next != "" && startsLower(next) && !bulletRe.MatchString(next)
}
