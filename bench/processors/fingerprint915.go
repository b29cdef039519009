package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/alarmlink/vern/collectors/processors"
	"github.com/alarmlink/vern/internal/errwriter"
)

var (
	ojClauseRe = regexp.MustCompile(`^Clause (\d+)\b`)
	ojSubRe    = regexp.MustCompile(`^(\d+\.\d+)\.?\s+\S`)
	ojLetterRe = regexp.MustCompile(`^\(([a-z])\)\s`)
	ojStopRe   = regexp.MustCompile(`^(?:ANNEX I|SECTION )`)
	// ojOptionRe is the label of an option the parties choose ("OPTION 2: GENERAL WRITTEN
	// AUTHORISATION:"): an agreement keeps the option's words, not its label.
	ojOptionRe = regexp.MustCompile(`OPTION \d: [A-Z ]+:\s*`)
)

// art28Carries maps the clauses of Decision 2021/915 that carry an Art. 28(3) element to
// it, as a lawyer reads them: 7.1(a) the documented instructions, 7.4(b) confidentiality,
// 7.4(a) security, 7.7(a) and (b) the authorisation of sub-processors and the flow-down,
// 8(b) the data subjects' rights, 8(c) and 9.2 the assistance with Articles 32 to 36,
// 10(d) deletion or return, 7.6(c) audits. The particulars are in Annex II, a form the
// parties fill in, so no clause of the standard carries them.
var art28Carries = [][2]string{
	{"a", "Clause 7.1(a)"}, {"b", "Clause 7.4(b)"}, {"c", "Clause 7.4(a)"},
	{"d", "Clause 7.7(a)"}, {"d", "Clause 7.7(b)"}, {"e", "Clause 8(b)"},
	{"f", "Clause 8(c)"}, {"f", "Clause 9.2"}, {"g", "Clause 10(d)"}, {"h", "Clause 7.6(c)"},
}

// fingerprintOJ915 writes the fingerprint file of the Commission's Art. 28(7) clauses
// (Decision (EU) 2021/915) from the text of the Annex as the Official Journal prints it
// (text, one paragraph a line, wrapped lines joined): each lettered paragraph is a clause
// of its own ("Clause 7.4(b)"), so an element is located at the paragraph carrying it.
// Only hashes and clause names are written, never the text.
func fingerprintOJ915(w io.Writer, path, id, name, source string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	type block struct {
		clause string
		text   strings.Builder
	}
	var blocks []*block
	clause, sub, letter := "", "", ""
	started := false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case !started:
			started = line == "SECTION I"
			continue
		case strings.HasPrefix(line, "ANNEX I"):
			goto done
		case line == "" || ojStopRe.MatchString(line):
			continue
		}
		if m := ojClauseRe.FindStringSubmatch(line); m != nil && len(line) < 60 {
			clause, sub, letter = m[1], "", ""
			continue
		}
		if m := ojSubRe.FindStringSubmatch(line); m != nil && len(line) < 60 && strings.HasPrefix(m[1], clause+".") {
			sub, letter = m[1], ""
			continue
		}
		if m := ojLetterRe.FindStringSubmatch(line); m != nil {
			letter = m[1]
		}
		if clause == "" {
			continue
		}
		line = ojOptionRe.ReplaceAllString(line, "")
		name := "Clause " + clause
		if sub != "" {
			name = "Clause " + sub
		}
		if letter != "" {
			name += "(" + letter + ")"
		}
		if len(blocks) == 0 || blocks[len(blocks)-1].clause != name {
			blocks = append(blocks, &block{clause: name})
		} else if !strings.HasPrefix(line, "(") && !ojOptionRe.MatchString(sc.Text()) {
			// A line that opens no item continues the paragraph the page wrapped.
			b := blocks[len(blocks)-1]
			s := strings.TrimSuffix(b.text.String(), "\n")
			b.text.Reset()
			b.text.WriteString(s + " ")
		}
		b := blocks[len(blocks)-1]
		b.text.WriteString(line)
		b.text.WriteString("\n")
	}
done:
	if err := sc.Err(); err != nil {
		return err
	}
	if !started {
		return fmt.Errorf("%s: no \"SECTION I\" line", path)
	}
	out := errwriter.New(w)
	out.Printf("# id: %s\n# name: %s\n# source: %s\n", id, name, source)
	out.Printf("# generated: %s with go run ./bench/processors --fingerprint-915 (clause<TAB>hash of a normalised sentence)\n", time.Now().UTC().Format("2006-01-02"))
	out.Printf("# carries: the Art. 28(3) element<TAB>the clause that carries it\n")
	for _, c := range art28Carries {
		out.Printf("# carries: %s\t%s\n", c[0], c[1])
	}
	seen := map[string]bool{}
	for _, b := range blocks {
		for _, h := range processors.DocumentFingerprints(processors.FormatText, []byte(b.text.String())) {
			if seen[h] {
				continue
			}
			seen[h] = true
			out.Printf("%s\t%s\n", b.clause, h)
		}
	}
	return out.Err()
}
