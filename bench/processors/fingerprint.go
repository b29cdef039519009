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
	clauseLineRe = regexp.MustCompile(`^Clause (\d+)\b`)
	moduleLineRe = regexp.MustCompile(`^MODULE (ONE|TWO|THREE|FOUR)\b`)
	sectionRe    = regexp.MustCompile(`^(?:SECTION [IV]+|APPENDIX|ANNEX I\b)`)
)

// fingerprintEURLex writes the fingerprint file of one module of the Commission's
// transfer clauses (Decision (EU) 2021/914) from the text of the decision as EUR-Lex
// publishes it (Markdown or text): the clauses between "STANDARD CONTRACTUAL CLAUSES" and
// the Appendix, the text common to all modules and the blocks of the module asked for.
// Only hashes are written, never the text.
func fingerprintEURLex(w io.Writer, path, module, id, name, source string) error {
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
	in, started := true, false
	clause := ""
	var modules map[string]bool
	lastWasModule := false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !started {
			started = line == "STANDARD CONTRACTUAL CLAUSES"
			continue
		}
		if strings.HasPrefix(line, "APPENDIX") {
			break
		}
		if m := clauseLineRe.FindStringSubmatch(line); m != nil && len(line) < 40 {
			clause, modules, in = "Clause "+m[1], nil, true
			continue
		}
		if sectionRe.MatchString(line) {
			modules, in = nil, true
			continue
		}
		if m := moduleLineRe.FindStringSubmatch(line); m != nil {
			if !lastWasModule {
				modules = map[string]bool{}
			}
			modules[m[1]] = true
			in = modules[module]
			lastWasModule = true
			continue
		}
		if line != "" {
			lastWasModule = false
		}
		if !in || clause == "" {
			continue
		}
		if len(blocks) == 0 || blocks[len(blocks)-1].clause != clause {
			blocks = append(blocks, &block{clause: clause})
		}
		b := blocks[len(blocks)-1]
		b.text.WriteString(line)
		b.text.WriteString("\n")
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if !started {
		return fmt.Errorf("%s: no \"STANDARD CONTRACTUAL CLAUSES\" line", path)
	}
	out := errwriter.New(w)
	out.Printf("# id: %s\n# name: %s\n# source: %s\n", id, name, source)
	out.Printf("# generated: %s with go run ./bench/processors --fingerprint (clause<TAB>hash of a normalised sentence)\n", time.Now().UTC().Format("2006-01-02"))
	// Clause 9 (sub-processors) and Clause 10 (data subject rights) each carry one element of
	// Art. 28(3); Clause 8 holds several in one clause, so it locates none of them.
	out.Printf("# carries: the Art. 28(3) element<TAB>the clause that carries it (Clause 8 holds several elements in one clause and is not mapped)\n")
	out.Printf("# carries: d\tClause 9\n# carries: e\tClause 10\n")
	seen := map[string]bool{}
	for _, b := range blocks {
		for _, h := range processors.DocumentFingerprints(processors.FormatMarkdown, []byte(b.text.String())) {
			if seen[h] {
				continue
			}
			seen[h] = true
			out.Printf("%s\t%s\n", b.clause, h)
		}
	}
	return out.Err()
}
