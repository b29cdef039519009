package processors

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// section is a heading of the reviewed document and the lines it spans.
type section struct {
	number  string // "6.4" for "6.4 Underbiträden", "" when unnumbered
	title   string // the heading, normalised
	page    int
	line    int
	excerpt string
	level   int
	// end is the index of the first sentence after the section.
	start, end int
}

var sectionNumberRe = regexp.MustCompile(`^(?:[a-z]\)\s*|(?:section|clause|punkt|avsnitt|afsnit|art(?:icle|ikkel|ikel)?\.?)\s*)?(\d+(?:\.\d+)*|[a-h])[.)]?(?:\s|$)`)

// sections lists the headings of document doc among sents, each spanning the sentences
// up to the next heading of its level or above.
func sections(sents []sentence, doc int) []section {
	var out []section
	for i, s := range sents {
		if s.doc != doc || !s.heading {
			continue
		}
		sec := section{title: s.text, page: s.page, line: s.line, excerpt: excerpt(s.raw), start: i, end: len(sents)}
		if m := sectionNumberRe.FindStringSubmatch(s.text); m != nil {
			sec.number = m[1]
			sec.level = 1 + strings.Count(m[1], ".")
		} else {
			sec.level = 7
		}
		out = append(out, sec)
	}
	for k := range out {
		for n := k + 1; n < len(out); n++ {
			if out[n].level <= out[k].level {
				out[k].end = out[n].start
				break
			}
		}
		if out[k].end == len(sents) {
			// A section ends with its document.
			for n := out[k].start + 1; n < len(sents); n++ {
				if sents[n].doc != doc {
					out[k].end = n
					break
				}
			}
		}
	}
	return out
}

// resolve finds the section an anchor names: its number ("6", "9.2"), or its heading text
// ("9. Revisjon"), compared in normalised form.
func resolve(secs []section, anchor string) (section, bool) {
	a := normalise(strings.TrimSpace(anchor))
	a = strings.TrimRight(a, ".")
	for _, s := range secs {
		if s.number != "" && s.number == a {
			return s, true
		}
	}
	for _, s := range secs {
		if s.title == a || strings.TrimRight(s.title, ".") == a {
			return s, true
		}
	}
	return section{}, false
}

// applyReview sets the registry's review beside vern's reading. A review whose hash is not
// the current document's has lapsed: nothing is confirmed. A current review confirms each
// element whose anchor still resolves, and says where the reviewer and vern disagree.
func applyReview(rec *evidence.ProcessorRecord, p config.Processor, j judgement) {
	rv := p.Review
	if rv == nil {
		return
	}
	sum := &evidence.Review{By: rv.By, Date: rv.Date, SHA256: rv.SHA256}
	rec.Review = sum
	sum.Stale = !strings.EqualFold(rv.SHA256, rec.Document.SHA256)
	if rec.Elements == nil {
		return
	}
	secs := sections(j.sents, 0)
	ids := make([]string, 0, len(rv.Clauses))
	for id := range rv.Clauses {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		e, known := rec.Elements[id]
		if !known {
			sum.Unresolved = append(sum.Unresolved, id+": not an element of this agreement")
			continue
		}
		anchor := rv.Clauses[id]
		er := &evidence.ElementReview{By: rv.By, Date: rv.Date, Anchor: anchor, Lapsed: sum.Stale}
		e.Review = er
		if sum.Stale {
			rec.Elements[id] = e
			continue
		}
		sec, ok := resolve(secs, anchor)
		if !ok {
			sum.Unresolved = append(sum.Unresolved, fmt.Sprintf("%s: %q no longer resolves", id, anchor))
			rec.Elements[id] = e
			continue
		}
		er.Location = &evidence.Location{Page: sec.page, Line: sec.line, Excerpt: sec.excerpt}
		er.Agrees = (e.Found || e.Status == evidence.ElementConflict) && within(j.sents, sec, e, firstName(j.docs))
		if !er.Agrees {
			sum.Disagreements = append(sum.Disagreements, disagreement(id, anchor, e))
		}
		if !e.Found || e.Line == 0 {
			// vern's own reading stays in Negated and Conflict; the place is the reviewer's.
			e.Page, e.Line, e.Excerpt = sec.page, sec.line, sec.excerpt
		}
		e.Found, e.Status = true, evidence.ElementConfirmed
		rec.Elements[id] = e
	}
}

// within reports whether vern's reading of an element lies in a section of the first
// file (named first in the evidence when the agreement has several files).
func within(sents []sentence, sec section, e evidence.Element, first string) bool {
	if e.Document != "" && e.Document != first {
		return false
	}
	for i := sec.start; i < sec.end && i < len(sents); i++ {
		if sents[i].page == e.Page && sents[i].line == e.Line {
			return true
		}
	}
	return false
}

// firstName is the evidence's name of an agreement's first file ("" for a single file).
func firstName(docs []docLines) string {
	if len(docs) > 1 {
		return docs[0].name
	}
	return ""
}

func disagreement(id, anchor string, e evidence.Element) string {
	switch {
	case e.Status == evidence.ElementConflict:
		return fmt.Sprintf("%s: the review places it at %q; vern reads a grant at line %d and a refusal at line %d", id, anchor, e.Line, e.Conflict.Line)
	case e.Found:
		return fmt.Sprintf("%s: the review places it at %q; vern reads it at page %d, line %d", id, anchor, e.Page, e.Line)
	case e.Status == evidence.ElementReferenced:
		return fmt.Sprintf("%s: the review places it at %q; vern reads it as left to an annex not supplied", id, anchor)
	case e.Negated:
		return fmt.Sprintf("%s: the review places it at %q; vern reads a refusal at page %d, line %d", id, anchor, e.Page, e.Line)
	}
	return fmt.Sprintf("%s: the review places it at %q; vern did not find it", id, anchor)
}

// DraftReview reads a processor's agreement and drafts the review block for a person to
// check: the document's hash, today's date, and for each element vern found the anchor of
// the section it stands in (its number, else its heading). Elements vern did not find are
// listed in missing, for the reviewer to locate or to raise with the supplier.
func DraftReview(ctx context.Context, cfg *config.Config, p config.Processor, today time.Time) (config.Review, []string, error) {
	c := NewWithOptions(Options{})
	files := p.Agreement.Files()
	if len(files) == 0 {
		return config.Review{}, nil, fmt.Errorf("processor %s names no agreement document", p.ID)
	}
	var docs []docLines
	var first evidence.Document
	for i, f := range files {
		lines, d := c.read(ctx, cfg, p, f)
		if i == 0 {
			first = d
		}
		if d.Status != evidence.DocumentFound {
			if i == 0 {
				return config.Review{}, nil, fmt.Errorf("processor %s: document %s: %s (%s)", p.ID, d.Path, d.Status, d.Reason)
			}
			continue
		}
		docs = append(docs, docLines{index: i, name: d.Path, lines: lines})
	}
	role := p.Role
	if role == "" {
		role = "processor"
	}
	j := judge(docs, role)
	if j.partial {
		return config.Review{}, nil, fmt.Errorf("processor %s: %s", p.ID, j.reason)
	}
	rv := config.Review{Date: today.Format("2006-01-02"), SHA256: first.SHA256, Clauses: map[string]string{}}
	secs := sections(j.sents, 0)
	var missing []string
	for _, id := range ElementIDs(role) {
		e := j.elements[id]
		if !(e.Found || e.Status == evidence.ElementConflict) {
			missing = append(missing, id)
			continue
		}
		if a := anchorFor(j.sents, secs, e, firstName(docs)); a != "" {
			rv.Clauses[id] = a
		} else {
			missing = append(missing, id)
		}
	}
	return rv, missing, nil
}

// anchorFor names the innermost section holding an element's line.
func anchorFor(sents []sentence, secs []section, e evidence.Element, first string) string {
	best := -1
	for k, sec := range secs {
		if within(sents, sec, e, first) && (best < 0 || secs[k].start >= secs[best].start) {
			best = k
		}
	}
	if best < 0 {
		return ""
	}
	if n := secs[best].number; n != "" && n[0] >= '0' && n[0] <= '9' {
		return secs[best].number
	}
	return secs[best].title
}
