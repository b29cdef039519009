// Command processors scores the processor-agreement detector on a corpus of real data
// processing agreements against hand labels: per Art. 28(3) element, the precision and
// recall of "found" and the share of found elements located on a line the labels accept,
// for the tuning and the held-out split apart. It is a measurement, not a test.
//
//	go run ./bench/processors [--corpus DIR] [--labels FILE] [--split tune|heldout|all] [-v]
//	go run ./bench/processors --fingerprint EURLEX.md --module TWO --id ID --name NAME --source SRC
//	go run ./bench/processors --fingerprint-915 OJ.txt --id ID --name NAME --source SRC
//
// The corpus defaults to ../shared/corpus/dpa beside the repository, the labels to
// collectors/processors/testdata/real-labels.json. With -v every miss is listed (document,
// element, what was expected, what the detector said); the corpus text is never printed.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/alarmlink/vern/collectors/processors"
	"github.com/alarmlink/vern/internal/evidence"
)

// labels is the file of hand labels (see its "about").
type labels struct {
	Split struct {
		Tune    []string `json:"tune"`
		Heldout []string `json:"heldout"`
	} `json:"split"`
	Documents map[string]docLabel `json:"documents"`
}

type docLabel struct {
	Language   string           `json:"language"`
	Found      map[string][]int `json:"found"`
	Referenced map[string][]int `json:"referenced"`
}

// docInfo collects, per document scored, its detected language and standard text.
var docInfo []string

// tally counts one element's judgements over a split.
type tally struct {
	tp, fp, fn, tn   int
	located          int
	refAll, refRight int
}

func main() {
	root, err := repoRoot()
	if err != nil {
		log.Fatal(err)
	}
	corpus := flag.String("corpus", filepath.Join(root, "..", "shared", "corpus", "dpa"), "folder of the agreements")
	labelPath := flag.String("labels", filepath.Join(root, "collectors", "processors", "testdata", "real-labels.json"), "hand labels")
	split := flag.String("split", "all", "split to score: tune, heldout or all")
	verbose := flag.Bool("v", false, "list every miss")
	fingerprint := flag.String("fingerprint", "", "write the fingerprints of a standard text (the EUR-Lex text of Decision 2021/914) to stdout instead of scoring")
	module := flag.String("module", "TWO", "with --fingerprint: the module (TWO or THREE)")
	id := flag.String("id", "", "with --fingerprint: the standard's id")
	name := flag.String("name", "", "with --fingerprint: the standard's name")
	source := flag.String("source", "", "with --fingerprint: where the text came from")
	fp915 := flag.String("fingerprint-915", "", "write the fingerprints of the Commission's Art. 28(7) clauses (the Official Journal text of the Annex to Decision 2021/915) to stdout instead of scoring")
	flag.Parse()
	if *fp915 != "" {
		if err := fingerprintOJ915(os.Stdout, *fp915, *id, *name, *source); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *fingerprint != "" {
		if err := fingerprintEURLex(os.Stdout, *fingerprint, *module, *id, *name, *source); err != nil {
			log.Fatal(err)
		}
		return
	}

	b, err := os.ReadFile(*labelPath)
	if err != nil {
		log.Fatal(err)
	}
	var ls labels
	if err := json.Unmarshal(b, &ls); err != nil {
		log.Fatalf("labels %s: %v", *labelPath, err)
	}
	splits := []struct {
		name string
		docs []string
	}{{"tune", ls.Split.Tune}, {"heldout", ls.Split.Heldout}}
	for _, sp := range splits {
		if *split != "all" && *split != sp.name {
			continue
		}
		score(sp.name, sp.docs, ls, *corpus, *verbose)
	}
}

func score(name string, docs []string, ls labels, corpus string, verbose bool) {
	ids := processors.ElementIDs("processor")
	tallies := map[string]*tally{}
	for _, id := range ids {
		tallies[id] = &tally{}
	}
	var misses []string
	scored := 0
	for _, doc := range docs {
		dl, ok := ls.Documents[doc]
		if !ok {
			fmt.Printf("%s: %s has no labels yet, not scored\n", name, doc)
			continue
		}
		got, err := detect(corpus, doc)
		if err != nil {
			log.Fatalf("%s: %v", doc, err)
		}
		scored++
		for _, id := range ids {
			t := tallies[id]
			e := got[id]
			want, isFound := dl.Found[id]
			refLines, isRef := dl.Referenced[id]
			if isRef && !isFound {
				t.refAll++
				if e.Status == evidence.ElementReferenced {
					t.refRight++
				} else {
					misses = append(misses, fmt.Sprintf("%s %s: referenced (lines %v), detector says %s", doc, id, refLines, describe(e)))
				}
			}
			// A conflict is found, with a conflicting provision beside it.
			found := e.Found || e.Status == evidence.ElementConflict
			switch {
			case found && isFound:
				t.tp++
				if slices.Contains(want, e.Line) {
					t.located++
				} else {
					misses = append(misses, fmt.Sprintf("%s %s: found at line %d, labels accept %v", doc, id, e.Line, want))
				}
			case found:
				t.fp++
				misses = append(misses, fmt.Sprintf("%s %s: false positive at line %d", doc, id, e.Line))
			case isFound:
				t.fn++
				misses = append(misses, fmt.Sprintf("%s %s: missed (labels %v), detector says %s", doc, id, want, describe(e)))
			default:
				t.tn++
			}
		}
	}
	fmt.Printf("\n== %s split: %d documents\n", name, scored)
	fmt.Printf("%-15s %4s %4s %4s %4s  %9s %7s %8s  %s\n", "element", "tp", "fp", "fn", "tn", "precision", "recall", "location", "referenced")
	var all tally
	for _, id := range ids {
		t := tallies[id]
		printRow(id, *t)
		all.tp += t.tp
		all.fp += t.fp
		all.fn += t.fn
		all.tn += t.tn
		all.located += t.located
		all.refAll += t.refAll
		all.refRight += t.refRight
	}
	printRow("all", all)
	for _, d := range docInfo {
		fmt.Println("  doc:", d)
	}
	docInfo = docInfo[:0]
	if verbose {
		sort.Strings(misses)
		for _, m := range misses {
			fmt.Println("  miss:", m)
		}
	}
}

func printRow(id string, t tally) {
	ref := "-"
	if t.refAll > 0 {
		ref = fmt.Sprintf("%d/%d", t.refRight, t.refAll)
	}
	fmt.Printf("%-15s %4d %4d %4d %4d  %9s %7s %8s  %s\n", id, t.tp, t.fp, t.fn, t.tn,
		ratio(t.tp, t.tp+t.fp), ratio(t.tp, t.tp+t.fn), ratio(t.located, t.tp), ref)
}

func ratio(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", float64(a)/float64(b))
}

func describe(e evidence.Element) string {
	s := e.Status
	if s == "" {
		s = "missing"
	}
	if e.Line > 0 {
		s += fmt.Sprintf(" at line %d", e.Line)
	}
	if e.Negated {
		s += " (negated)"
	}
	return s
}

// detect reads one corpus agreement the way the collector reads a registry's document.
func detect(corpus, doc string) (map[string]evidence.Element, error) {
	data, err := os.ReadFile(filepath.Join(corpus, doc))
	if err != nil {
		return nil, err
	}
	r, err := processors.ReadAgreement([]processors.Source{{Name: doc, Data: data}}, "processor")
	if err != nil {
		return nil, err
	}
	lang := "?"
	if len(r.Documents) > 0 {
		lang = r.Documents[0].Language
	}
	std := "no standard text recognised"
	if r.Standard != nil {
		std = fmt.Sprintf("built on %s (%d of %d sentences; %d clauses not found)", r.Standard.ID, r.Standard.Matched, r.Standard.Total, len(r.Standard.Departures))
	}
	docInfo = append(docInfo, fmt.Sprintf("%s: language %s; %s", doc, lang, std))
	return r.Elements, nil
}

// repoRoot finds the module root from the working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(b), "module github.com/alarmlink/vern") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run inside the vern repository")
		}
		dir = parent
	}
}
