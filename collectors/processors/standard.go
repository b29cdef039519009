package processors

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"regexp"
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
			case line == "" || strings.HasPrefix(line, "#"):
			default:
				clause, hash, ok := strings.Cut(line, "\t")
				if !ok || len(hash) != 16 {
					f.Close()
					return nil, fmt.Errorf("%s: want \"clause<TAB>hash\", got %q", name, line)
				}
				if n := len(st.clauses); n == 0 || st.clauses[n-1].name != clause {
					st.clauses = append(st.clauses, standardClause{name: clause})
				}
				st.clauses[len(st.clauses)-1].hashes = append(st.clauses[len(st.clauses)-1].hashes, hash)
				st.total++
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
		if st.id == "" || st.total == 0 {
			return nil, fmt.Errorf("%s: no id or no fingerprints", name)
		}
		out = append(out, st)
	}
	return out, nil
}

// recogniseStandard names the standard text an agreement is built on: the one whose
// sentences it carries most, when it carries at least a third of them. Its clauses are
// located at their first sentence found; a clause none of whose sentences is found is a
// departure (left out or rewritten).
func recogniseStandard(sents []sentence) *evidence.StandardText {
	return recogniseAmong(standards, sents)
}

func recogniseAmong(ss []standard, sents []sentence) *evidence.StandardText {
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
	var best *evidence.StandardText
	for _, st := range ss {
		r := &evidence.StandardText{ID: st.id, Name: st.name, Total: st.total, Clauses: map[string]evidence.Location{}}
		for _, c := range st.clauses {
			found := false
			for _, h := range c.hashes {
				if s, ok := at[h]; ok {
					r.Matched++
					if !found {
						loc := located(evidence.Element{}, s)
						r.Clauses[c.name] = evidence.Location{Page: loc.Page, Line: loc.Line, Excerpt: loc.Excerpt}
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
		if best == nil || r.Matched*best.Total > best.Matched*r.Total {
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
