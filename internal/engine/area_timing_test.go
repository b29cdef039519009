package engine

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/evidence"
	vernrego "github.com/alarmlink/vern/rego"
)

// TestAreaTiming prints how long each area's rules take on an evidence file
// (VERN_EVIDENCE=path); a tool for finding slow rules, not a check.
func TestAreaTiming(t *testing.T) {
	path := os.Getenv("VERN_EVIDENCE")
	if path == "" {
		t.Skip("set VERN_EVIDENCE to an evidence file")
	}
	ev, err := evidence.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := New(context.Background(), Options{Bundle: vernrego.Bundle})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	in, err := Input(ev, ev.CollectedAt)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("input: %s", time.Since(start))
	for i, a := range eng.Areas {
		start := time.Now()
		fs, err := eng.evalArea(context.Background(), i, in, ev.CollectedAt, ev.Locations, ev.Root)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-10s %5d findings %s", a, len(fs), time.Since(start))
	}
}
