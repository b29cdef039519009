package audit

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// TestEvaluateLeavesEvidenceUnchanged: evaluating reads the evidence and writes nothing into
// it, sealed or not, so a caller's value still hashes and writes as it was collected.
func TestEvaluateLeavesEvidenceUnchanged(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load(example)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	collectOnce := func(t *testing.T, seal bool) *evidence.Evidence {
		t.Helper()
		fc := fakeCollector{targets: []string{"fake:a", "fake:b"}, fail: map[string]bool{"fake:b": true}}
		ev, err := collect.Run(context.Background(), cfg, []collect.Collector{fc}, collect.Env{Now: func() time.Time { return at }},
			collect.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if seal {
			if err := ev.Seal(); err != nil {
				t.Fatal(err)
			}
		}
		return ev
	}
	tests := []struct {
		name string
		seal bool
		now  time.Time
	}{
		{"unsealed evidence", false, time.Time{}},
		{"sealed evidence", true, time.Time{}},
		{"unsealed evidence at another now", false, at.AddDate(1, 0, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ev, want := collectOnce(t, tc.seal), collectOnce(t, tc.seal)
			if !reflect.DeepEqual(ev, want) {
				t.Fatal("two collections with one clock differ; the comparison below would prove nothing")
			}
			doc, err := EvaluateEvidence(context.Background(), EvidenceOptions{Evidence: ev, Now: tc.now})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ev, want) {
				t.Errorf("Evaluate changed its evidence: SHA256 %q, want %q", ev.SHA256, want.SHA256)
			}
			sha, err := want.ContentHash()
			if err != nil {
				t.Fatal(err)
			}
			if doc.Hashes["evidence"] != sha {
				t.Errorf("findings name evidence %s, want its content hash %s", doc.Hashes["evidence"], sha)
			}
		})
	}
}
