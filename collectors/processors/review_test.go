package processors

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

func fileHash(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "review", name))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func reviewed(t *testing.T, rv *config.Review) evidence.ProcessorRecord {
	t.Helper()
	doc := collectDoc(t, registry("review", map[string]config.Processor{
		"skyvakt": {Agreement: &config.Agreement{Document: "avtale.md"}, Review: rv},
	}))
	return doc.Processors["skyvakt"]
}

// TestReview checks the reviewed clause map: a current review confirms the elements whose
// anchors resolve, a review of another version of the document lapses, and a review that
// places an element elsewhere than vern reads it is shown as a disagreement.
func TestReview(t *testing.T) {
	t.Parallel()
	current := fileHash(t, "avtale.md")
	t.Run("still resolves", func(t *testing.T) {
		t.Parallel()
		rec := reviewed(t, &config.Review{By: "Kari Revisor", Date: "2026-11-20", SHA256: current,
			Clauses: map[string]string{"h": "8", "c": "5. Sikkerhet", "a": "4"}})
		if rec.Review == nil || rec.Review.Stale || len(rec.Review.Disagreements) > 0 || len(rec.Review.Unresolved) > 0 {
			t.Fatalf("review = %+v, want current and in agreement", rec.Review)
		}
		for _, id := range []string{"a", "c", "h"} {
			e := rec.Elements[id]
			if e.Status != evidence.ElementConfirmed || !e.Found || e.Review == nil || !e.Review.Agrees || e.Review.By != "Kari Revisor" {
				t.Errorf("%s: %+v (review %+v), want confirmed in agreement", id, e, e.Review)
			}
			if e.Review.Location == nil || e.Review.Location.Line == 0 {
				t.Errorf("%s: review anchor not located", id)
			}
		}
		if e := rec.Elements["b"]; e.Status == evidence.ElementConfirmed {
			t.Errorf("b was not reviewed but is confirmed")
		}
	})
	t.Run("lapses on a changed document", func(t *testing.T) {
		t.Parallel()
		old := strings.Repeat("ab", 32)
		rec := reviewed(t, &config.Review{By: "Kari Revisor", Date: "2026-11-20", SHA256: old,
			Clauses: map[string]string{"h": "8"}})
		if rec.Review == nil || !rec.Review.Stale {
			t.Fatalf("review = %+v, want stale", rec.Review)
		}
		e := rec.Elements["h"]
		if e.Status == evidence.ElementConfirmed || e.Review == nil || !e.Review.Lapsed {
			t.Errorf("h = %+v (review %+v), want vern's own reading with a lapsed review", e, e.Review)
		}
		if e.Status != evidence.ElementFound {
			t.Errorf("h status %q, want vern's own reading (found)", e.Status)
		}
	})
	t.Run("disagrees with detection", func(t *testing.T) {
		t.Parallel()
		rec := reviewed(t, &config.Review{By: "Kari Revisor", Date: "2026-11-20", SHA256: current,
			Clauses: map[string]string{"h": "3", "g": "12"}})
		if rec.Review == nil || rec.Review.Stale {
			t.Fatalf("review = %+v, want current", rec.Review)
		}
		e := rec.Elements["h"]
		if e.Review == nil || e.Review.Agrees {
			t.Errorf("h review %+v, want a disagreement (vern reads section 8)", e.Review)
		}
		if len(rec.Review.Disagreements) != 1 || !strings.HasPrefix(rec.Review.Disagreements[0], "h: ") {
			t.Errorf("disagreements = %q, want one for h", rec.Review.Disagreements)
		}
		if len(rec.Review.Unresolved) != 1 || !strings.HasPrefix(rec.Review.Unresolved[0], "g: ") {
			t.Errorf("unresolved = %q, want g", rec.Review.Unresolved)
		}
		if g := rec.Elements["g"]; g.Status == evidence.ElementConfirmed {
			t.Errorf("g confirmed by an anchor that does not resolve")
		}
	})
}

func TestDraftReview(t *testing.T) {
	t.Parallel()
	cfg := registry("review", map[string]config.Processor{"skyvakt": {Agreement: &config.Agreement{Document: "avtale.md"}}})
	rv, missing, err := DraftReview(context.Background(), cfg, cfg.Processors["skyvakt"], time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if rv.SHA256 != fileHash(t, "avtale.md") || rv.Date != "2026-12-01" {
		t.Errorf("draft = %+v", rv)
	}
	want := map[string]string{"a": "4", "c": "5", "h": "8", "g": "9"}
	for id, anchor := range want {
		if rv.Clauses[id] != anchor {
			t.Errorf("draft %s = %q, want %q", id, rv.Clauses[id], anchor)
		}
	}
	if !slices.Contains(missing, "b") {
		t.Errorf("missing = %v, want b (the agreement has no confidentiality clause)", missing)
	}
	// The draft, pasted back, is a current review that agrees with vern everywhere.
	rec := reviewed(t, &rv)
	if rec.Review.Stale || len(rec.Review.Disagreements) > 0 || len(rec.Review.Unresolved) > 0 {
		t.Errorf("the draft as a review: %+v", rec.Review)
	}
}

// TestAgreementDocuments reads an agreement from several files: a particular left to an
// annex that is not on file is referenced, not missing; with the annex it is found there.
func TestAgreementDocuments(t *testing.T) {
	t.Parallel()
	alone := collectDoc(t, registry("review", map[string]config.Processor{
		"x": {Agreement: &config.Agreement{Document: "hoved.md"}},
	})).Processors["x"]
	for _, id := range []string{"data_types", "data_subjects"} {
		if e := alone.Elements[id]; e.Status != evidence.ElementReferenced || e.Found || e.Line == 0 {
			t.Errorf("without the annex, %s = %+v, want referenced_not_supplied at the reference", id, e)
		}
	}
	both := collectDoc(t, registry("review", map[string]config.Processor{
		"x": {Agreement: &config.Agreement{Documents: []string{"hoved.md", "vedlegg1.md"}}},
	})).Processors["x"]
	if len(both.Documents) != 2 || both.Documents[1].Status != evidence.DocumentFound {
		t.Fatalf("documents = %+v", both.Documents)
	}
	for _, id := range []string{"data_types", "data_subjects"} {
		e := both.Elements[id]
		if !e.Found || e.Document != "review/vedlegg1.md" {
			t.Errorf("with the annex, %s = %+v, want found in review/vedlegg1.md", id, e)
		}
	}
	if e := both.Elements["a"]; !e.Found || e.Document != "review/hoved.md" {
		t.Errorf("a = %+v, want found in the main agreement", e)
	}
	missingAnnex := collectDoc(t, registry("review", map[string]config.Processor{
		"x": {Agreement: &config.Agreement{Documents: []string{"hoved.md", "vedlegg2.md"}}},
	})).Processors["x"]
	if missingAnnex.Documents[1].Status != evidence.DocumentMissing || missingAnnex.Document.Status != evidence.DocumentFound {
		t.Errorf("documents = %+v, want the annex missing and the agreement read", missingAnnex.Documents)
	}
}

// TestUnsupportedLanguage: an agreement in a language vern has no word lists for is not
// judged: the collection is partial, with no element reported missing.
func TestUnsupportedLanguage(t *testing.T) {
	t.Parallel()
	cfg := registry("review", map[string]config.Processor{"x": {Agreement: &config.Agreement{Document: "vertrag.md"}}})
	res, err := New().Collect(context.Background(), cfg, Target, collect.Env{}.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	rec := res.Data.(evidence.Processors).Processors["x"]
	if !rec.Partial || rec.PartialReason != "language de not supported, not checked" || rec.Elements != nil {
		t.Errorf("record = %+v, want partial for German", rec)
	}
	if rec.Document.Language != "de" {
		t.Errorf("language = %q, want de", rec.Document.Language)
	}
	if !res.Partial || !strings.Contains(res.Reason, "x: language de not supported, not checked") {
		t.Errorf("result partial=%v reason=%q", res.Partial, res.Reason)
	}
}

// TestLanguages detects the five languages vern reads from text of its own corpus.
func TestLanguages(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"nb-komplett-standard.md": "nb", "nn-komplett.md": "nn", "en-complete-formal.md": "en",
	}
	for name, want := range cases {
		b, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
		if err != nil {
			t.Fatal(err)
		}
		if got := detectLanguage(string(b)); got != want {
			t.Errorf("%s: language %q, want %q", name, got, want)
		}
	}
	da := "Databehandleren må kun behandle personoplysninger efter dokumenteret instruks fra den dataansvarlige, og databehandleren skal sikre, at de personer, der er autoriseret til at behandle personoplysningerne, har forpligtet sig til fortrolighed eller er underlagt en passende lovbestemt tavshedspligt. Efter ophør af aftalen skal databehandleren slette alle personoplysninger."
	sv := "Personuppgiftsbiträdet får endast behandla personuppgifter enligt dokumenterade instruktioner från den personuppgiftsansvarige, och biträdet ska säkerställa att personer med behörighet att behandla personuppgifterna har åtagit sig att iaktta konfidentialitet. Efter att avtalet har upphört ska biträdet radera alla personuppgifter."
	for want, text := range map[string]string{"da": da, "sv": sv} {
		if got := detectLanguage(text); got != want {
			t.Errorf("%s text: language %q", want, got)
		}
	}
}
