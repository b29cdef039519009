package processors

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// registry builds a config whose processors live in testdata/<folder>.
func registry(folder string, ps map[string]config.Processor) *config.Config {
	for id, p := range ps {
		p.ID = id
		p.File = folder + "/" + id + ".yaml"
		ps[id] = p
	}
	return &config.Config{Dir: "testdata", Processors: ps, Inventory: config.Inventory{Processors: folder}}
}

func collectDoc(t *testing.T, cfg *config.Config) evidence.Processors {
	t.Helper()
	res, err := New().Collect(context.Background(), cfg, Target, collect.Env{}.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	doc, ok := res.Data.(evidence.Processors)
	if !ok {
		t.Fatalf("data is %T", res.Data)
	}
	return doc
}

func TestCollectDocuments(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		p         config.Processor
		status    string
		format    string
		elements  int
		parties   []string
		signed    string
		expires   string
		datesFrom string
	}{
		{
			name: "markdown with dates in the document", status: evidence.DocumentFound, format: FormatMarkdown, elements: 13,
			p:       config.Processor{Kind: "hosting", Agreement: &config.Agreement{Document: "nb-komplett-standard.md"}},
			parties: []string{"Fjordvakt Alarm AS", "Nordlys Drift AS"}, signed: "2024-03-01", expires: "2027-03-01",
			datesFrom: "signed:document,expires:document",
		},
		{
			name: "registry dates win over the document's", status: evidence.DocumentFound, format: FormatMarkdown, elements: 13,
			p: config.Processor{Agreement: &config.Agreement{
				Document: "nb-komplett-standard.md", Signed: "2024-02-15", Expires: "2029-01-01",
			}},
			parties: []string{"Fjordvakt Alarm AS", "Nordlys Drift AS"}, signed: "2024-02-15", expires: "2029-01-01",
			datesFrom: "signed:registry,expires:registry",
		},
		{
			name: "expiry computed from signing date and term", status: evidence.DocumentFound, format: FormatMarkdown, elements: 13,
			p:       config.Processor{Agreement: &config.Agreement{Document: "en-complete-formal.md"}},
			parties: []string{"Harbour Security Ltd", "Cloudberry Hosting AB"}, signed: "2025-01-15", expires: "2028-01-15",
			datesFrom: "signed:document,expires:signed+term",
		},
		{
			name: "pdf with a text layer", status: evidence.DocumentFound, format: FormatPDF, elements: 13,
			p:       config.Processor{Agreement: &config.Agreement{Document: "nb-komplett-tabell.pdf"}},
			parties: []string{"Alarmlink AS", "Skyvakt Drift AS"}, signed: "2025-02-01", expires: "2027-02-01",
			datesFrom: "signed:document,expires:signed+term",
		},
		{
			name: "joint controllers' arrangement", status: evidence.DocumentFound, format: FormatMarkdown, elements: 3,
			p:       config.Processor{Role: RoleJointController, Agreement: &config.Agreement{Document: "nb-felles-behandlingsansvar.md"}},
			parties: []string{"Alarmlink AS", "Sosialnett Ireland Ltd"},
		},
		{name: "no document named", status: evidence.DocumentMissing, p: config.Processor{}},
		{name: "document not on disk", status: evidence.DocumentMissing, p: config.Processor{Agreement: &config.Agreement{Document: "gone.pdf"}}},
		{name: "document outside the registry folder", status: evidence.DocumentError, p: config.Processor{Agreement: &config.Agreement{Document: "../../collector.go"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc := collectDoc(t, registry("corpus", map[string]config.Processor{"x": tc.p}))
			rec := doc.Processors["x"]
			if rec.Document.Status != tc.status || rec.Document.Format != tc.format {
				t.Fatalf("document %+v, want status %s format %s", rec.Document, tc.status, tc.format)
			}
			if len(rec.Elements) != tc.elements {
				t.Errorf("%d elements, want %d", len(rec.Elements), tc.elements)
			}
			if !slices.Equal(rec.Parties, tc.parties) {
				t.Errorf("parties %q, want %q", rec.Parties, tc.parties)
			}
			if rec.Signed != tc.signed || rec.Expires != tc.expires || rec.DatesFrom != tc.datesFrom {
				t.Errorf("signed %q expires %q from %q, want %q %q %q", rec.Signed, rec.Expires, rec.DatesFrom, tc.signed, tc.expires, tc.datesFrom)
			}
			if tc.status != evidence.DocumentMissing && tc.status != evidence.DocumentError && len(rec.Document.SHA256) != 64 {
				t.Errorf("no document hash: %+v", rec.Document)
			}
		})
	}
}

// TestBrokenPDFIsRecorded: a scan is unreadable and a truncated PDF an error, both recorded.
func TestBrokenPDFIsRecorded(t *testing.T) {
	t.Parallel()
	doc := collectDoc(t, registry(".", map[string]config.Processor{
		"scan":    {Agreement: &config.Agreement{Document: "scan.pdf"}},
		"corrupt": {Agreement: &config.Agreement{Document: "corrupt.pdf"}},
	}))
	if s := doc.Processors["scan"].Document.Status; s != evidence.DocumentUnreadable {
		t.Errorf("scan: %s, want unreadable", s)
	}
	if d := doc.Processors["corrupt"].Document; d.Status != evidence.DocumentError || d.Reason == "" {
		t.Errorf("corrupt: %+v, want an error with a reason", d)
	}
}

// TestMangledPDFsNeverCrash feeds the PDF reader deterministic mutations of a real PDF:
// each must end as a status, never a panic or a hang.
func TestMangledPDFsNeverCrash(t *testing.T) {
	t.Parallel()
	orig, err := os.ReadFile(filepath.Join("testdata", "corpus", "en-assistance-refused.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	c := NewWithOptions(Options{})
	seed := uint32(1)
	for i := 0; i < 60; i++ {
		b := slices.Clone(orig)
		for j := 0; j < 1+i%8; j++ {
			seed = seed*1664525 + 1013904223
			pos := int(seed % uint32(len(b)))
			b[pos] = byte(seed >> 24)
		}
		if i%5 == 0 {
			b = b[:int(seed%uint32(len(b)))]
		}
		_, d := c.parse(context.Background(), "x.pdf", b, evidence.Document{})
		switch d.Status {
		case evidence.DocumentFound, evidence.DocumentUnreadable, evidence.DocumentError:
		default:
			t.Fatalf("mutation %d: status %q", i, d.Status)
		}
	}
}

func TestPDFPanicIsRecovered(t *testing.T) {
	t.Parallel()
	// A trailer whose Root is not a dictionary makes the library panic on some versions;
	// whatever it does, the result is an error, not a crash.
	data := []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 7 >>\n%%EOF\n")
	_, d := NewWithOptions(Options{}).parse(context.Background(), "x.pdf", data, evidence.Document{})
	if d.Status != evidence.DocumentError {
		t.Fatalf("status %q (%s), want error", d.Status, d.Reason)
	}
}

// TestLocationsPointAtTheText checks, for every element found in the corpus, that the page
// and line given hold the start of the excerpt, so an auditor lands on it.
func TestLocationsPointAtTheText(t *testing.T) {
	t.Parallel()
	for name, tc := range loadCorpus(t) {
		data, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
		if err != nil {
			t.Fatal(err)
		}
		lines, d := NewWithOptions(Options{}).parse(context.Background(), name, data, evidence.Document{})
		if d.Status != evidence.DocumentFound {
			t.Fatalf("%s: %s", name, d.Status)
		}
		at := map[[2]int]string{}
		for _, l := range lines {
			at[[2]int{l.Page, l.Number}] = normalise(strings.Trim(l.Text, "#* "))
		}
		for id, e := range Detect(lines, tc.Role) {
			if !e.Found && !e.Negated {
				continue
			}
			line, ok := at[[2]int{e.Page, e.Line}]
			ex, _, _ := strings.Cut(normalise(e.Excerpt), "[") // up to a masked name
			prefix := []rune(ex)
			if len(prefix) > 15 {
				prefix = prefix[:15]
			}
			if !ok || !strings.Contains(line, string(prefix)) {
				t.Errorf("%s: element %s at %d:%d reads %q, excerpt starts %q", name, id, e.Page, e.Line, line, string(prefix))
			}
		}
	}
}

// TestNoPersonalDataInEvidence plants contact details and a national identity number in
// clause sentences and checks none of them reaches the evidence.
func TestNoPersonalDataInEvidence(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	text := "# Databehandleravtale\n\nDatabehandleren skal bare behandle personopplysninger etter dokumenterte instrukser fra " +
		"kontaktperson Sentinel Nordmann (sentinel.nordmann@example.no, tlf. +47 912 34 567, fnr. 01017012345).\n\n" +
		"Taushetsplikt gjelder for alle ansatte, også Sentinel Nordmann med fødselsnummer 01017012345.\n"
	if err := os.MkdirAll(filepath.Join(dir, "processors"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "processors", "x.md"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := registry("processors", map[string]config.Processor{"x": {Agreement: &config.Agreement{Document: "x.md"}}})
	cfg.Dir = dir
	doc := collectDoc(t, cfg)
	if !doc.Processors["x"].Elements["a"].Found || !doc.Processors["x"].Elements["b"].Found {
		t.Fatalf("clauses not found: %+v", doc.Processors["x"].Elements)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"sentinel.nordmann@example.no", "912 34 567", "01017012345", "Sentinel Nordmann"} {
		if strings.Contains(string(b), v) {
			t.Errorf("evidence holds %q", v)
		}
	}
}

func TestCollectTargetsAndFailures(t *testing.T) {
	t.Parallel()
	cfg := registry("corpus", map[string]config.Processor{"x": {Agreement: &config.Agreement{Document: "nb-komplett-standard.md"}}})
	c := New()
	if got := c.Targets(cfg); !slices.Equal(got, []string{"processors"}) {
		t.Errorf("targets %v", got)
	}
	if got := c.Targets(&config.Config{}); len(got) != 0 {
		t.Errorf("targets of an empty inventory %v", got)
	}
	if _, err := c.Collect(context.Background(), cfg, "db:crm", collect.Env{}.WithDefaults()); err == nil {
		t.Error("unknown target collected")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Collect(ctx, cfg, Target, collect.Env{}.WithDefaults()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	boom := errors.New("boom")
	hooks := func(point string) error {
		if point == HookDocument {
			return boom
		}
		return nil
	}
	if _, err := c.Collect(context.Background(), cfg, Target, collect.Env{Hooks: hooks}.WithDefaults()); !errors.Is(err, boom) {
		t.Errorf("hook: %v", err)
	}
}

func TestSynthetic(t *testing.T) {
	t.Parallel()
	reg, doc := Synthetic(500)
	if len(reg) != 500 || len(doc.Processors) != 500 {
		t.Fatalf("%d entries, %d records", len(reg), len(doc.Processors))
	}
	statuses := map[string]int{}
	for id, rec := range doc.Processors {
		if reg[id].ID != id {
			t.Fatalf("record %s has no registry entry", id)
		}
		statuses[rec.Document.Status]++
	}
	if statuses[evidence.DocumentFound] == 0 || statuses[evidence.DocumentMissing] == 0 || statuses[evidence.DocumentUnreadable] == 0 {
		t.Errorf("statuses %v lack variety", statuses)
	}
}
