package audit

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/evidence"
)

func part(t *testing.T, dir, name string, mod func(*evidence.Evidence), targets ...string) string {
	t.Helper()
	at := time.Date(2026, 11, 2, 2, 17, 0, 0, time.UTC)
	e := &evidence.Evidence{SchemaVersion: evidence.SchemaVersion, StartedAt: at, CollectedAt: at,
		Hashes:  map[string]string{"declaration": "d", "inventory": "i", "waivers": "w"},
		Targets: map[string]*evidence.Target{}}
	for _, n := range targets {
		e.Targets[n] = &evidence.Target{Name: n, Kind: "db", Status: evidence.StatusOK}
	}
	if mod != nil {
		mod(e)
	}
	p := filepath.Join(dir, name, "evidence.json")
	if err := evidence.Write(p, e); err != nil {
		t.Fatal(err)
	}
	return p
}

func linked(seq int) func(*evidence.Evidence) {
	return func(e *evidence.Evidence) {
		e.Chain = &evidence.Chain{Sequence: seq, Previous: strings.Repeat("a", 64)}
	}
}

func TestMergeFiles(t *testing.T) {
	cases := []struct {
		name    string
		parts   func(t *testing.T, dir string) []string
		wantErr []string // texts the refusal names; none: merges
		targets int
	}{
		{name: "three parts", targets: 4, parts: func(t *testing.T, d string) []string {
			return []string{part(t, d, "a", nil, "db:a"), part(t, d, "b", nil, "db:b", "db:c"), part(t, d, "c", nil, "db:d")}
		}},
		{name: "chained parts of one night", targets: 2, parts: func(t *testing.T, d string) []string {
			return []string{part(t, d, "a", linked(4), "db:a"), part(t, d, "b", linked(4), "db:b")}
		}},
		{name: "other declaration", wantErr: []string{"b/evidence.json", "another declaration"}, parts: func(t *testing.T, d string) []string {
			return []string{part(t, d, "a", nil, "db:a"), part(t, d, "b", func(e *evidence.Evidence) { e.Hashes["declaration"] = "x" }, "db:b")}
		}},
		{name: "duplicated target", wantErr: []string{"c/evidence.json", "db:a", "a/evidence.json"}, parts: func(t *testing.T, d string) []string {
			return []string{part(t, d, "a", nil, "db:a"), part(t, d, "b", nil, "db:b"), part(t, d, "c", nil, "db:a")}
		}},
		{name: "other waivers", wantErr: []string{"b/evidence.json", "waivers"}, parts: func(t *testing.T, d string) []string {
			return []string{part(t, d, "a", nil, "db:a"), part(t, d, "b", func(e *evidence.Evidence) { e.Hashes["waivers"] = "x" }, "db:b")}
		}},
		{name: "chain of another night", wantErr: []string{"b/evidence.json", "night 5", "night 4"}, parts: func(t *testing.T, d string) []string {
			return []string{part(t, d, "a", linked(4), "db:a"), part(t, d, "b", linked(5), "db:b")}
		}},
		{name: "unchained beside chained", wantErr: []string{"b/evidence.json", "is not linked to a previous night", "a/evidence.json is linked"}, parts: func(t *testing.T, d string) []string {
			return []string{part(t, d, "a", linked(4), "db:a"), part(t, d, "b", nil, "db:b")}
		}},
		{name: "edited part", wantErr: []string{"b/evidence.json", "hash mismatch"}, parts: func(t *testing.T, d string) []string {
			p := part(t, d, "b", nil, "db:b")
			e, err := evidence.Read(p)
			if err != nil {
				t.Fatal(err)
			}
			e.Targets["db:b"].Status = evidence.StatusFailed
			b, _ := e.Canonical()
			writeRaw(t, p, b)
			return []string{part(t, d, "a", nil, "db:a"), p}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev, err := MergeFiles(c.parts(t, t.TempDir()), MergeOptions{SameWaivers: true})
			if len(c.wantErr) > 0 {
				if err == nil {
					t.Fatal("merged")
				}
				for _, w := range c.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("refusal %q does not name %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ev.Targets) != c.targets || len(ev.Chain.Parts) < 2 {
				t.Fatalf("%d targets, parts %v", len(ev.Targets), ev.Chain.Parts)
			}
			if err := ev.Verify(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func writeRaw(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := evidence.WriteFileAtomic(path, b); err != nil {
		t.Fatal(err)
	}
}
