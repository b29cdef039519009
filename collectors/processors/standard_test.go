package processors

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alarmlink/vern/internal/evidence"
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
	if got.StandardText == nil || got.ID != "model" {
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
	if r := recogniseAmong([]standard{st}, segment(TextLines(FormatMarkdown, other))); r.StandardText != nil {
		t.Errorf("en-complete-formal.md recognised as %s", r.ID)
	}
}

// TestStandardLocatesElements builds a standard from a small model text written for the
// test, with a map of the clauses that carry (a), (g) and (h), and an agreement on it with
// a heading renamed and its deletion clause rewritten. Given a detector's reading that
// missed (h) and read (a) on another line, the standard places both at their clauses;
// (g), whose clause the agreement departs from, stays missing.
func TestStandardLocatesElements(t *testing.T) {
	t.Parallel()
	model := "## 1. Instrukser\n\nDatabehandleren skal bare behandle personopplysninger etter dokumenterte instrukser fra den behandlingsansvarlige.\n\n" +
		"## 2. Revisjon\n\nDen behandlingsansvarlige har rett til å gjennomføre revisjoner og inspeksjoner hos databehandleren når som helst.\n\n" +
		"## 3. Sletting\n\nVed avtalens opphør skal databehandleren slette eller tilbakelevere alle personopplysninger til den behandlingsansvarlige.\n"
	st := standardFrom(t, "model", model)
	st.carries = map[string][]string{"a": {"clause B"}, "h": {"clause D"}, "g": {"clause F"}}
	built := strings.Replace(model, "Revisjon", "Kontroll", 1)
	built = strings.Replace(built, "## 3. Sletting\n\nVed avtalens opphør skal databehandleren slette", "## 3. Sletting\n\nVed avtalens opphør kan databehandleren velge å beholde eller slette", 1)
	got := recogniseAmong([]standard{st}, segment(TextLines(FormatMarkdown, []byte(built))))
	if got.StandardText == nil {
		t.Fatal("not recognised")
	}
	if got.Elements["a"] != "clause B" || got.Elements["h"] != "clause D" {
		t.Errorf("elements = %v, want a at clause B and h at clause D", got.Elements)
	}
	if _, ok := got.Elements["g"]; ok || !slices.Contains(got.Departures, "clause F") {
		t.Errorf("a departed clause carries (g): elements %v, departures %v", got.Elements, got.Departures)
	}
	els := map[string]evidence.Element{
		"a": {Found: true, Status: evidence.ElementFound, Line: 3},
		"h": {Status: evidence.ElementMissing},
		"g": {Status: evidence.ElementMissing},
	}
	locateByStandard(els, got.StandardText)
	if e := els["h"]; !e.Found || e.Line != got.Clauses["clause D"].Line || e.Excerpt == "" {
		t.Errorf("(h) = %+v, want found at clause D (%+v)", e, got.Clauses["clause D"])
	}
	if els["a"].Line != got.Clauses["clause B"].Line {
		t.Errorf("(a) = %+v, want it at its clause B (%+v), not the detector's line 3", els["a"], got.Clauses["clause B"])
	}
	if els["g"].Found {
		t.Errorf("(g) found though the agreement departs from its clause: %+v", els["g"])
	}
}

// TestStandardFiles checks the shipped fingerprints load: the Commission's transfer
// clauses, modules two and three, and no sentence text in them.
func TestStandardFiles(t *testing.T) {
	t.Parallel()
	var ids []string
	for _, st := range standards {
		ids = append(ids, st.id)
		if st.total < 60 || len(st.clauses) < 15 {
			t.Errorf("%s: %d fingerprints in %d clauses", st.id, st.total, len(st.clauses))
		}
	}
	// The Art. 28(7) clauses carry every lettered element of Art. 28(3).
	for _, st := range standards {
		if st.id != "eu-2021-915" {
			continue
		}
		for _, el := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
			if len(st.carries[el]) == 0 {
				t.Errorf("eu-2021-915 carries no clause for (%s)", el)
			}
		}
	}
	for _, want := range []string{"eu-2021-914-module-two", "eu-2021-914-module-three", "eu-2021-915"} {
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
