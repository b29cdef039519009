package processors

import (
	"bufio"
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode"
)

// The word lists the clause rules combine, one file per language (lexicon/LANG.txt). Each
// line names a concept and the terms that say it:
//
//	assist: assist* help* "co operate*" *bistand*
//
// A term is a token (exact), stem* (the stem and its inflections), *part* (a part of a
// compound: "registrertrettigheter" has *rettighet*) or *part (a compound's head). Quoted
// terms are phrases of such terms over consecutive tokens. Tokens are lower case, with
// hyphens and apostrophes dropped ("sub-processor" is "subprocessor"). Every file states
// when, and by whom, it was last reviewed.
//
//go:embed lexicon/*.txt
var lexiconFiles embed.FS

// lexiconLanguages are the languages vern reads; a document in any other is not judged.
var lexiconLanguages = []string{"en", "nb", "nn", "da", "sv"}

type lexTerm struct {
	parts []termPart
}

type termPart struct {
	text          string
	prefix, infix bool // stem* ; *part*
	suffix        bool // *head
}

func (p termPart) match(tok string) bool {
	switch {
	case p.infix:
		return strings.Contains(tok, p.text)
	case p.prefix:
		return strings.HasPrefix(tok, p.text)
	case p.suffix:
		return strings.HasSuffix(tok, p.text)
	}
	return tok == p.text
}

// lexicon maps concept names to their terms in one language (or several merged).
type lexicon struct {
	concepts map[string][]lexTerm
	reviewed string
}

// lexicons holds each language's word list, and vocabularies the lists a document in that
// language is read with: its own and English, which Nordic agreements mix in (headings,
// defined terms); an English document is read with English only.
var lexicons, vocabularies = mustLexicons()

func mustLexicons() (map[string]*lexicon, map[string]*lexicon) {
	lxs, err := loadLexicons()
	if err != nil {
		panic(err)
	}
	vocab := map[string]*lexicon{}
	for _, lang := range lexiconLanguages {
		m := &lexicon{concepts: map[string][]lexTerm{}}
		for _, from := range []string{lang, "en"} {
			for c, ts := range lxs[from].concepts {
				m.concepts[c] = append(m.concepts[c], ts...)
			}
			if lang == "en" {
				break
			}
		}
		vocab[lang] = m
	}
	// A text too short to tell its language is read with every word list.
	all := &lexicon{concepts: map[string][]lexTerm{}}
	for _, lang := range lexiconLanguages {
		for c, ts := range lxs[lang].concepts {
			all.concepts[c] = append(all.concepts[c], ts...)
		}
	}
	vocab[""] = all
	return lxs, vocab
}

func loadLexicons() (map[string]*lexicon, error) {
	out := map[string]*lexicon{}
	for _, lang := range lexiconLanguages {
		lx := &lexicon{concepts: map[string][]lexTerm{}}
		out[lang] = lx
		name := path.Join("lexicon", lang+".txt")
		f, err := lexiconFiles.Open(name)
		if err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", lang, err)
		}
		sc := bufio.NewScanner(f)
		n := 0
		for sc.Scan() {
			n++
			line := strings.TrimSpace(sc.Text())
			if strings.HasPrefix(line, "# reviewed:") {
				lx.reviewed = strings.TrimSpace(strings.TrimPrefix(line, "# reviewed:"))
				continue
			}
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			name, rest, ok := strings.Cut(line, ":")
			if !ok {
				_ = f.Close()
				return nil, fmt.Errorf("%s:%d: want \"concept: terms\"", name, n)
			}
			terms, err := parseTerms(rest)
			if err != nil {
				_ = f.Close()
				return nil, fmt.Errorf("%s:%d: %w", path.Join("lexicon", lang+".txt"), n, err)
			}
			c := strings.TrimSpace(name)
			lx.concepts[c] = append(lx.concepts[c], terms...)
		}
		_ = f.Close() // embedded and read only: closing cannot fail in a way that matters
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", lang, err)
		}
		if lx.reviewed == "" {
			return nil, fmt.Errorf("lexicon %s: no \"# reviewed:\" line", lang)
		}
	}
	return out, nil
}

func parseTerms(s string) ([]lexTerm, error) {
	var out []lexTerm
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		var raw string
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("unclosed phrase in %q", s)
			}
			raw, s = s[1:end+1], s[end+2:]
		} else {
			raw, s, _ = strings.Cut(s, " ")
		}
		var t lexTerm
		for _, w := range strings.Fields(raw) {
			p := termPart{}
			switch {
			case strings.HasPrefix(w, "*") && strings.HasSuffix(w, "*") && len(w) > 2:
				p.infix, p.text = true, w[1:len(w)-1]
			case strings.HasSuffix(w, "*"):
				p.prefix, p.text = true, w[:len(w)-1]
			case strings.HasPrefix(w, "*"):
				p.suffix, p.text = true, w[1:]
			default:
				p.text = w
			}
			p.text = strings.Join(tokens(p.text), "")
			if p.text == "" {
				return nil, fmt.Errorf("empty term in %q", raw)
			}
			t.parts = append(t.parts, p)
		}
		if len(t.parts) > 0 {
			out = append(out, t)
		}
	}
	return out, nil
}

// tokens splits normalised text into word tokens: letters and digits, with hyphens and
// apostrophes inside a word dropped so spellings of a compound meet.
func tokens(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case (r == '-' || r == '\'' || r == '\u2019') && b.Len() > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			// inside a word: "sub-processor", "controller's"
		default:
			flush()
		}
	}
	flush()
	return out
}

// concept reports where a concept occurs in toks: the index of each match's first token.
func (lx *lexicon) find(concept string, toks []string) []int {
	var at []int
	for _, t := range lx.concepts[concept] {
		for i := 0; i+len(t.parts) <= len(toks); i++ {
			ok := true
			for k, p := range t.parts {
				if !p.match(toks[i+k]) {
					ok = false
					break
				}
			}
			if ok {
				at = append(at, i)
			}
		}
	}
	sort.Ints(at)
	return at
}

func (lx *lexicon) has(concept string, toks []string) bool {
	return len(lx.find(concept, toks)) > 0
}

// LexiconReviewed returns, per language, the review line of its word list.
func LexiconReviewed() map[string]string {
	out := make(map[string]string, len(lexicons))
	for k, v := range lexicons {
		out[k] = v.reviewed
	}
	return out
}
