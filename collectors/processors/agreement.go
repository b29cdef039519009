package processors

import (
	"context"
	"fmt"
	"strings"

	"github.com/alarmlink/vern/internal/evidence"
)

// Source is one file of an agreement: its name (for the format and the evidence) and its
// bytes.
type Source struct {
	Name string
	Data []byte
}

// Reading is what vern reads in an agreement's files.
type Reading struct {
	Documents []evidence.Document
	Elements  map[string]evidence.Element
	// Partial and Reason are set when a file is in a language vern does not read.
	Partial bool
	Reason  string
	// Standard is the standard text the agreement is built on, when one is recognised.
	Standard *evidence.StandardText
}

// ReadAgreement reads an agreement from its files, as the collector does with a registry
// entry's documents, and judges its elements for role. A file that cannot be read is an
// error here; the collector records it on the processor instead.
func ReadAgreement(srcs []Source, role string) (Reading, error) {
	c := NewWithOptions(Options{})
	var r Reading
	var docs []docLines
	for i, s := range srcs {
		ls, d := c.parse(context.Background(), s.Name, s.Data, evidence.Document{Path: s.Name})
		if d.Status != evidence.DocumentFound {
			return Reading{}, fmt.Errorf("read %s: %s: %s", s.Name, d.Status, d.Reason)
		}
		r.Documents = append(r.Documents, d)
		docs = append(docs, docLines{index: i, name: s.Name, lines: ls})
	}
	j := judge(docs, role)
	for i, lang := range j.langs {
		r.Documents[docs[i].index].Language = lang
	}
	r.Partial, r.Reason = j.partial, j.reason
	if !r.Partial {
		r.Elements = j.elements
		r.Standard = j.standard
	}
	return r, nil
}

// docLines is the text of one readable file of an agreement; index is its place among the
// agreement's files.
type docLines struct {
	index int
	name  string
	lines []Line
}

// judgement is what judge finds in an agreement's readable files.
type judgement struct {
	sents    []sentence
	langs    []string
	elements map[string]evidence.Element
	partial  bool
	reason   string
	standard *evidence.StandardText
	docs     []docLines
}

// judge reads an agreement's files together as one agreement: each in its own language,
// with annexes in one file answering references in another. A file in a language vern has
// no word lists for leaves the agreement unjudged (partial), never a list of missing
// clauses.
func judge(docs []docLines, role string) judgement {
	j := judgement{docs: docs}
	var unsupported []string
	for i, d := range docs {
		ss := segment(d.lines)
		for k := range ss {
			ss[k].doc = i
		}
		lang := languageOf(ss)
		if detected := detectLanguage(joinText(ss)); detected != "" && !supportedLanguage(detected) {
			lang = detected
			unsupported = append(unsupported, detected)
		}
		j.langs = append(j.langs, lang)
		j.sents = append(j.sents, ss...)
	}
	if len(unsupported) > 0 {
		j.partial = true
		j.reason = fmt.Sprintf("language %s not supported, not checked", strings.Join(unsupported, ", "))
		return j
	}
	names := make([]string, len(docs))
	if len(docs) > 1 {
		for i, d := range docs {
			names[i] = d.name
		}
	}
	j.elements = detect(j.sents, role, j.langs, names)
	j.standard = recogniseStandard(j.sents, names)
	locateByStandard(j.elements, j.standard)
	return j
}

func joinText(ss []sentence) string {
	var b strings.Builder
	for _, s := range ss {
		b.WriteString(s.text)
		b.WriteByte(' ')
		if b.Len() > 20000 {
			break
		}
	}
	return b.String()
}
