package engine

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	vernrego "github.com/alarmlink/vern/rego"
)

// TestEvaluateLeavesEvidenceUnchanged: the engine only reads the evidence, whatever it holds
// (no registry, target documents, locations under a root), so one value can be evaluated
// again or concurrently.
func TestEvaluateLeavesEvidenceUnchanged(t *testing.T) {
	t.Parallel()
	eng, err := New(context.Background(), Options{Bundle: vernrego.Bundle})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		build func() *evidence.Evidence
	}{
		{"no processor registry and no targets", func() *evidence.Evidence {
			return &evidence.Evidence{CollectedAt: now,
				Declaration: config.Declaration{Controller: config.Controller{Name: "A"}}}
		}},
		{"targets with documents and locations under a root", func() *evidence.Evidence {
			return &evidence.Evidence{
				CollectedAt: now, Root: "compliance",
				Declaration: config.Declaration{Controller: config.Controller{Name: "A"}},
				Processors:  map[string]config.Processor{"nordlys-crm": {ID: "nordlys-crm", Name: "Nordlys", Kind: "crm"}},
				Locations:   map[string]config.Location{"declaration://controller": {File: "declaration.yaml", Line: 4}},
				Targets: map[string]*evidence.Target{
					"processors": {Name: "processors", Kind: "processors", Status: evidence.StatusOK,
						Data: []byte(`{"detector":"test","processors":{}}`)},
					"db:crm": {Name: "db:crm", Kind: "postgres", Status: evidence.StatusFailed,
						Reason: "connect: refused", Fix: "start the server"},
				},
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ev, want := tc.build(), tc.build()
			fs, err := eng.Evaluate(context.Background(), ev, now)
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) == 0 {
				t.Fatal("no findings: the rules did not read this evidence")
			}
			if !reflect.DeepEqual(ev, want) {
				t.Errorf("Evaluate changed its evidence:\n got %+v\nwant %+v", ev, want)
			}
		})
	}
}
