package evidence

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/config"
)

// night makes the evidence of one night for the given targets.
func night(t *testing.T, day int, targets ...string) *Evidence {
	t.Helper()
	at := time.Date(2026, 11, day, 2, 17, 0, 0, time.UTC)
	e := &Evidence{
		SchemaVersion: SchemaVersion, VernVersion: "test", StartedAt: at.Add(-time.Minute), CollectedAt: at,
		Declaration: config.Declaration{}, Inventory: config.Inventory{Declaration: "declaration.yaml"},
		Hashes:  map[string]string{"declaration": "d", "inventory": "i", "waivers": "w"},
		Targets: map[string]*Target{},
	}
	for _, n := range targets {
		e.Targets[n] = &Target{Name: n, Kind: strings.SplitN(n, ":", 2)[0], Status: StatusOK, StartedAt: at, FinishedAt: at,
			Data: json.RawMessage(`{"tables": [ {"name": "public.customers", "rows": 3} ], "note": "<&>"}`)}
	}
	return e
}

// chainOf collects n nights in a row, each linked to the one before, signed when key is set,
// and writes them under dir.
func chainOf(t *testing.T, dir string, n int, key ed25519.PrivateKey) []string {
	t.Helper()
	var prev *Evidence
	var paths []string
	for i := 1; i <= n; i++ {
		e := night(t, i, "db:crm")
		if prev != nil {
			if err := Link(e, prev); err != nil {
				t.Fatal(err)
			}
		}
		if key != nil {
			if err := Sign(e, key); err != nil {
				t.Fatal(err)
			}
		}
		p := filepath.Join(dir, time.Date(2026, 11, i, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), "evidence.json")
		if err := Write(p, e); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
		prev = e
	}
	return paths
}

func loadAll(t *testing.T, paths []string) []File {
	t.Helper()
	var out []File
	for _, p := range paths {
		e, err := Load(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, File{Path: p, Evidence: e})
	}
	return out
}

func TestContentHashIsCanonical(t *testing.T) {
	key := newKey(t)
	cases := []struct {
		name string
		ev   func() *Evidence
	}{
		{"no targets", func() *Evidence { e := night(t, 1); e.Targets = nil; return e }},
		{"empty targets", func() *Evidence { return night(t, 1) }},
		{"several targets", func() *Evidence { return night(t, 1, "db:crm", "site:www.example.no", "processors") }},
		{"chained and signed", func() *Evidence {
			e := night(t, 2, "db:crm")
			if err := Link(e, sealed(t, night(t, 1, "db:crm"))); err != nil {
				t.Fatal(err)
			}
			if err := Sign(e, key); err != nil {
				t.Fatal(err)
			}
			return e
		}},
		{"waivers and root", func() *Evidence {
			e := night(t, 1, "db:crm")
			e.Root = "compliance"
			e.Waivers = []config.Waiver{{Rule: "db.public_grant", Justification: "x <b>"}}
			return e
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := c.ev()
			b, err := e.Canonical()
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.ContentHash()
			if err != nil {
				t.Fatal(err)
			}
			if want := HashBytes(b); got != want {
				t.Fatalf("streamed hash %s, json.Marshal hash %s", got, want)
			}
		})
	}
}

func TestDecodeStreamsTheSameDocument(t *testing.T) {
	e := night(t, 1, "db:crm", "processors")
	if err := e.Seal(); err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := got.Verify(); err != nil {
		t.Fatalf("decoded document does not verify: %v", err)
	}
	for _, bad := range []string{`[]`, `{"targets": 3}`, string(b) + `{}`, `{"targets": {"db:x": 1}}`} {
		if _, err := Decode(strings.NewReader(bad)); err == nil {
			t.Errorf("Decode(%.30q) accepted", bad)
		}
	}
}

func newKey(t *testing.T) ed25519.PrivateKey {
	t.Helper()
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func sealed(t *testing.T, e *Evidence) *Evidence {
	t.Helper()
	if err := e.Seal(); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestCheckChain(t *testing.T) {
	key := newKey(t)
	other := newKey(t)
	cases := []struct {
		name string
		// mangle changes the written chain of five nights and returns the files to check.
		mangle   func(t *testing.T, paths []string) []string
		key      ed25519.PublicKey
		wantKind string
		wantIn   string // a path or text the problem must name
	}{
		{name: "good chain", mangle: func(_ *testing.T, p []string) []string { return p }},
		{name: "good chain, signed", key: key.Public().(ed25519.PublicKey), mangle: func(_ *testing.T, p []string) []string { return p }},
		{name: "edited file", wantKind: ProblemEdited, wantIn: "2026-11-03", mangle: func(t *testing.T, p []string) []string {
			editFile(t, p[2], `"rows": 3`, `"rows": 0`)
			return p
		}},
		{name: "edited and resealed", wantKind: ProblemBrokenLink, wantIn: "2026-11-03", mangle: func(t *testing.T, p []string) []string {
			e, err := Read(p[2])
			if err != nil {
				t.Fatal(err)
			}
			e.Targets["db:crm"].Status = StatusPartial
			if err := Write(p[2], e); err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{name: "missing night", wantKind: ProblemMissingNight, wantIn: "2026-11-03", mangle: func(_ *testing.T, p []string) []string {
			return append(append([]string{}, p[:2]...), p[3:]...)
		}},
		{name: "bad signature", key: other.Public().(ed25519.PublicKey), wantKind: ProblemBadSignature, wantIn: "not with the given key", mangle: func(_ *testing.T, p []string) []string { return p }},
		{name: "forged signature", key: key.Public().(ed25519.PublicKey), wantKind: ProblemBadSignature, wantIn: "does not match", mangle: func(t *testing.T, p []string) []string {
			e, err := Read(p[1])
			if err != nil {
				t.Fatal(err)
			}
			e.Targets["db:crm"].Status = StatusPartial
			// Resealed, with the old signature kept: the hash no longer is what was signed.
			if err := Write(p[1], e); err != nil {
				t.Fatal(err)
			}
			return p[:2]
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			paths := c.mangle(t, chainOf(t, dir, 5, key))
			problems := CheckChain(loadAll(t, paths), ChainOptions{Key: c.key})
			if c.wantKind == "" {
				if len(problems) != 0 {
					t.Fatalf("good chain: %+v", problems)
				}
				return
			}
			for _, p := range problems {
				if p.Kind == c.wantKind && strings.Contains(p.Message, c.wantIn) {
					return
				}
			}
			t.Fatalf("want a %s problem naming %q, got %+v", c.wantKind, c.wantIn, problems)
		})
	}
}

func TestCheckChainGapInDates(t *testing.T) {
	dir := t.TempDir()
	a := sealed(t, night(t, 1, "db:crm"))
	b := night(t, 4, "db:crm")
	if err := Link(b, a); err != nil {
		t.Fatal(err)
	}
	pa, pb := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	if err := Write(pa, a); err != nil {
		t.Fatal(err)
	}
	if err := Write(pb, b); err != nil {
		t.Fatal(err)
	}
	problems := CheckChain(loadAll(t, []string{pb, pa}), ChainOptions{})
	if len(problems) != 1 || problems[0].Kind != ProblemMissingNight || problems[0].Path != pb {
		t.Fatalf("want one missing night at %s, got %+v", pb, problems)
	}
}

func TestLinkRefusesOtherTargets(t *testing.T) {
	prev := sealed(t, night(t, 1, "db:crm"))
	if err := Link(night(t, 2, "db:other"), prev); err == nil || !strings.Contains(err.Error(), "db:crm") {
		t.Fatalf("want a refusal naming db:crm, got %v", err)
	}
	if err := Link(night(t, 1, "db:crm"), prev); err == nil {
		t.Fatal("linked to evidence that is not older")
	}
}

func TestKeyFiles(t *testing.T) {
	dir := t.TempDir()
	key := newKey(t)
	priv, pub := filepath.Join(dir, "key.pem"), filepath.Join(dir, "key.pub.pem")
	if err := WritePrivateKey(priv, key); err != nil {
		t.Fatal(err)
	}
	if err := WritePublicKey(pub, key.Public().(ed25519.PublicKey)); err != nil {
		t.Fatal(err)
	}
	k, err := ReadPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	e := sealed(t, night(t, 1, "db:crm"))
	if err := Sign(e, k); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{pub, priv} {
		pk, err := ReadPublicKey(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := CheckSignature(e, pk); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	if _, err := ReadPrivateKey(pub); err == nil {
		t.Fatal("a public key was read as a signing key")
	}
}

func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}
