package processors

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/engine"
	"github.com/alarmlink/vern/internal/evidence"
	vernrego "github.com/alarmlink/vern/rego"
)

// TestExampleRegistry collects Alarmlink's example registry and evaluates the processor
// rules on it: the three agreements are read (Markdown, text, PDF), and the one imperfection
// planted for the demo, the CRM agreement's missing audit clause, is the only finding.
func TestExampleRegistry(t *testing.T) {
	t.Setenv("CRM_DATABASE_URL", "postgres://vern@localhost/crm")
	cfg, err := config.Load("../../examples/alarmlink/vern.yaml")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	ev, err := collect.Run(context.Background(), cfg, []collect.Collector{New()}, collect.Env{
		Now: func() time.Time { return now },
	}, collect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tgt := ev.Targets[Target]
	if tgt == nil || tgt.Status != evidence.StatusOK {
		t.Fatalf("target %+v", tgt)
	}
	var doc evidence.Processors
	if err := json.Unmarshal(tgt.Data, &doc); err != nil {
		t.Fatal(err)
	}
	formats := map[string]string{}
	for id, rec := range doc.Processors {
		formats[id] = rec.Document.Format
		if rec.Document.Status != evidence.DocumentFound {
			t.Errorf("%s: %+v", id, rec.Document)
		}
	}
	want := map[string]string{"nordlys-webhotell": "md", "fjellvik-crm": "txt", "tallhuset-regnskap": "pdf"}
	for id, f := range want {
		if formats[id] != f {
			t.Errorf("%s read as %q, want %q", id, formats[id], f)
		}
	}
	if crm := doc.Processors["fjellvik-crm"]; crm.Expires != "2027-11-15" || crm.DatesFrom != "signed:registry,expires:signed+term" {
		t.Errorf("crm dates %q from %q", crm.Expires, crm.DatesFrom)
	}

	got := evaluate(t, ev, now)
	if strings.Join(got, "\n") != "processor.clause_missing processor://fjellvik-crm/clause/h" {
		t.Errorf("findings:\n%s", strings.Join(got, "\n"))
	}
}

// evaluate runs the rules on the evidence with vern's engine and returns the processor
// findings as "rule resource" lines.
func evaluate(t testing.TB, ev *evidence.Evidence, now time.Time) []string {
	t.Helper()
	eng, err := engine.New(context.Background(), engine.Options{Bundle: vernrego.Bundle})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := eng.Evaluate(context.Background(), ev, now)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range fs {
		if f.Area == "processor" {
			out = append(out, f.Rule+" "+f.Resource)
		}
	}
	sort.Strings(out)
	return out
}
