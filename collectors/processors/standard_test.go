package processors

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// standardFrom builds a standard from a text of the test corpus, one clause per
// paragraph, the way the generator builds one from an official text.
func standardFrom(t *testing.T, id, text string) standard {
	t.Helper()
	st := standard{id: id, name: id}
	for i, para := range strings.Split(text, "\n\n") {
		hs := DocumentFingerprints(FormatMarkdown, []byte(para))
		if len(hs) == 0 {
			continue
		}
		st.clauses = append(st.clauses, standardClause{name: "clause " + string(rune('A'+i)), hashes: hs})
		st.total += len(hs)
	}
	return st
}

func TestRecogniseStandard(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("testdata", "review", "avtale.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	st := standardFrom(t, "model", text)
	if st.total < 8 {
		t.Fatalf("only %d fingerprints", st.total)
	}
	// An agreement built on the model, reflowed and renumbered, without its audit clause.
	built := strings.ReplaceAll(text, "## 8. Revisjon\n\nDen behandlingsansvarlige har rett til å gjennomføre revisjoner og inspeksjoner hos databehandleren.\n", "")
	built = strings.ReplaceAll(built, "Databehandleren skal bare behandle", "(a) Databehandleren skal bare\nbehandle")
	got := recogniseAmong([]standard{st}, segment(TextLines(FormatMarkdown, []byte(built))))
	if got == nil || got.ID != "model" {
		t.Fatalf("not recognised: %+v", got)
	}
	if got.Matched != got.Total-1 || len(got.Departures) != 1 {
		t.Errorf("matched %d of %d, departures %v; want all but the audit clause", got.Matched, got.Total, got.Departures)
	}
	for name, loc := range got.Clauses {
		if loc.Line == 0 || loc.Excerpt == "" {
			t.Errorf("%s located without a place", name)
		}
	}
	// Another agreement is not built on it.
	other, err := os.ReadFile(filepath.Join("testdata", "corpus", "en-complete-formal.md"))
	if err != nil {
		t.Fatal(err)
	}
	if r := recogniseAmong([]standard{st}, segment(TextLines(FormatMarkdown, other))); r != nil {
		t.Errorf("en-complete-formal.md recognised as %s", r.ID)
	}
}

// TestStandardFiles checks the shipped fingerprints load: the Commission's transfer
// clauses, modules two and three, and no sentence text in them.
func TestStandardFiles(t *testing.T) {
	t.Parallel()
	var ids []string
	for _, st := range standards {
		ids = append(ids, st.id)
		if st.total < 100 || len(st.clauses) < 15 {
			t.Errorf("%s: %d fingerprints in %d clauses", st.id, st.total, len(st.clauses))
		}
	}
	for _, want := range []string{"eu-2021-914-module-two", "eu-2021-914-module-three"} {
		if !slices.Contains(ids, want) {
			t.Errorf("standards = %v, want %s", ids, want)
		}
	}
	if SentenceFingerprint("The data importer shall process the personal data only on documented instructions from the data exporter.") == "" {
		t.Error("a clause sentence has no fingerprint")
	}
	if SentenceFingerprint("Clause 8") != "" {
		t.Error("a heading has a fingerprint")
	}
}
