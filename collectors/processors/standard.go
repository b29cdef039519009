package processors

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/alarmlink/vern/internal/evidence"
)

// Standard texts are recognised by fingerprints of their sentences, never by their text:
// standards/ID.txt lists, per clause of the standard, the hashes of its normalised
// sentences (see SentenceFingerprint), generated from the official text with
// `go run ./bench/processors --fingerprint FILE`. A header gives the id, the name and the
// source the hashes were made from.
//
//go:embed standards/*.txt
var standardFiles embed.FS

// standard is one standard text's fingerprints.
type standard struct {
	id, name string
	// clauses in the standard's order, each with its sentences' fingerprints.
	clauses []standardClause
	total   int
	// carries maps an Art. 28(3) element to the clauses of the standard that carry it
	// ("# carries: a<TAB>Clause 7.1(a)" in the file): an agreement built on the standard
	// has the element where it has those clauses.
	carries map[string][]string
}

type standardClause struct {
	name   string
	hashes []string
}

// minFingerprintTokens is the shortest sentence fingerprinted: shorter ones ("Clause 8",
// "The Parties agree as follows") occur in agreements of any origin.
const minFingerprintTokens = 8

var (
	footnoteRe = regexp.MustCompile(`\[\(\d+\)\]\([^)]*\)`)
	mdLinkRe   = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	romanRe    = regexp.MustCompile(`^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)$`)
)

// SentenceFingerprint hashes a sentence for standard-text recognition: lower case, word
// tokens only, leading enumerators ("(a)", "8.1", "iv") dropped, so layout and numbering do
// not change it; "" for a sentence too short to tell its source.
func SentenceFingerprint(s string) string {
	s = footnoteRe.ReplaceAllString(s, "")
	s = mdLinkRe.ReplaceAllString(s, "$1")
	toks := tokens(normalise(s))
	for len(toks) > 0 && (isDigits(toks[0]) || len(toks[0]) == 1 || romanRe.MatchString(toks[0])) {
		toks = toks[1:]
	}
	if len(toks) < minFingerprintTokens {
		return ""
	}
	sum := sha256.Sum256([]byte(strings.Join(toks, " ")))
	return hex.EncodeToString(sum[:8])
}

// TextFingerprints splits a paragraph of text into sentences and fingerprints each, in
// order, skipping those too short to count.
func TextFingerprints(paragraph string) []string {
	var out []string
	for _, sp := range splitSentences(paragraph) {
		if h := SentenceFingerprint(paragraph[sp.start:sp.end]); h != "" {
			out = append(out, h)
		}
	}
	return out
}

var standards = mustStandards()

func mustStandards() []standard {
	ss, err := loadStandards(standardFiles)
	if err != nil {
		panic(err)
	}
	return ss
}

func loadStandards(fsys fs.FS) ([]standard, error) {
	names, err := fs.Glob(fsys, "standards/*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []standard
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		st := standard{}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			switch {
			case strings.HasPrefix(line, "# id:"):
				st.id = strings.TrimSpace(strings.TrimPrefix(line, "# id:"))
			case strings.HasPrefix(line, "# name:"):
				st.name = strings.TrimSpace(strings.TrimPrefix(line, "# name:"))
			case strings.HasPrefix(line, "# carries:"):
				el, clause, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "# carries:")), "\t")
				if ok && !strings.Contains(el, " ") {
					if st.carries == nil {
						st.carries = map[string][]string{}
					}
					st.carries[el] = append(st.carries[el], clause)
				}
			case line == "" || strings.HasPrefix(line, "#"):
			default:
				clause, hash, ok := strings.Cut(line, "\t")
				if !ok || len(hash) != 16 {
					_ = f.Close()
					return nil, fmt.Errorf("%s: want \"clause<TAB>hash\", got %q", name, line)
				}
				if n := len(st.clauses); n == 0 || st.clauses[n-1].name != clause {
					st.clauses = append(st.clauses, standardClause{name: clause})
				}
				st.clauses[len(st.clauses)-1].hashes = append(st.clauses[len(st.clauses)-1].hashes, hash)
				st.total++
			}
		}
		_ = f.Close() // read only: a failed close loses nothing
		if err := sc.Err(); err != nil {
			return nil, err
		}
		if st.id == "" || st.total == 0 {
			return nil, fmt.Errorf("%s: no id or no fingerprints", name)
		}
		for el, clauses := range st.carries {
			for _, c := range clauses {
				if !slices.ContainsFunc(st.clauses, func(sc standardClause) bool { return sc.name == c }) {
					return nil, fmt.Errorf("%s: %s is carried by %s, a clause with no fingerprints", name, el, c)
				}
			}
		}
		out = append(out, st)
	}
	return out, nil
}

// recogniseStandard names the standard text an agreement is built on: the one whose
// sentences it carries most, when it carries at least a third of them. Its clauses are
// located at their first sentence found; a clause none of whose sentences is found is a
// departure (left out or rewritten).
func recogniseStandard(sents []sentence, names []string) *evidence.StandardText {
	r := recogniseAmong(standards, sents)
	if r.StandardText != nil && len(names) > 1 {
		for c, loc := range r.Clauses {
			loc.Document = names[r.docs[c]]
			r.Clauses[c] = loc
		}
	}
	return r.StandardText
}

// recognised is a recognised standard with, per located clause, the index of the file
// that has it.
type recognised struct {
	*evidence.StandardText
	docs map[string]int
}

func recogniseAmong(ss []standard, sents []sentence) recognised {
	at := map[string]sentence{}
	for _, s := range sents {
		if s.heading {
			continue
		}
		for _, h := range TextFingerprints(s.raw) {
			if _, seen := at[h]; !seen {
				at[h] = s
			}
		}
	}
	var best recognised
	for _, st := range ss {
		r := recognised{&evidence.StandardText{ID: st.id, Name: st.name, Total: st.total, Clauses: map[string]evidence.Location{}}, map[string]int{}}
		for _, c := range st.clauses {
			found := false
			for _, h := range c.hashes {
				if s, ok := at[h]; ok {
					r.Matched++
					if !found {
						loc := located(evidence.Element{}, s)
						r.Clauses[c.name] = evidence.Location{Page: loc.Page, Line: loc.Line, Excerpt: loc.Excerpt}
						r.docs[c.name] = s.doc
						found = true
					}
				}
			}
			if !found {
				r.Departures = append(r.Departures, c.name)
			}
		}
		if 3*r.Matched < st.total {
			continue
		}
		for el, clauses := range st.carries {
			all := true
			for _, c := range clauses {
				if _, ok := r.Clauses[c]; !ok {
					all = false
				}
			}
			if all {
				if r.Elements == nil {
					r.Elements = map[string]string{}
				}
				r.Elements[el] = clauses[0]
			}
		}
		if best.StandardText == nil || r.Matched*best.Total > best.Matched*r.Total {
			best = r
		}
	}
	return best
}

// DocumentFingerprints reads a text as the collector reads an agreement and fingerprints
// its sentences in order: the generator of standards/*.txt uses it, so a standard and an
// agreement are cut into sentences the same way.
func DocumentFingerprints(format string, data []byte) []string {
	var out []string
	for _, s := range segment(TextLines(format, data)) {
		if s.heading {
			continue
		}
		out = append(out, TextFingerprints(s.raw)...)
	}
	return out
}

// locateByStandard places, in an agreement built on a standard text, each element at the
// standard's clause that carries it, when the agreement has that clause in the standard's
// words: the Commission's clauses carry (a)-(h) by design, one clause each, so the clause is
// the place an auditor cites, even where the detector read the element in a neighbouring
// sentence (7.4(b)'s access rule for security, 7.7(e)'s erase-or-return for (g)). An element
// whose clause the agreement departs from, and a conflict, are left as the detector read
// them.
func locateByStandard(els map[string]evidence.Element, st *evidence.StandardText) {
	if st == nil {
		return
	}
	for el, clause := range st.Elements {
		e, ok := els[el]
		if !ok || e.Status == evidence.ElementConflict || e.Negated {
			continue
		}
		loc := st.Clauses[clause]
		els[el] = evidence.Element{Found: true, Status: evidence.ElementFound, Document: loc.Document,
			Page: loc.Page, Line: loc.Line, Excerpt: loc.Excerpt, Review: e.Review}
	}
}
