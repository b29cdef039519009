package commands

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/cmd/vern/exitcode"
	"github.com/alarmlink/vern/examples/alarmlink"
	"github.com/alarmlink/vern/internal/evidence"
)

// processorsInventory is the Alarmlink example with only its processor registry as target,
// so collection needs neither PostgreSQL nor Chromium.
func processorsInventory(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	err := alarmlink.Extract(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "vern.yaml")
	if err := os.WriteFile(cfg, []byte("declaration: declaration.yaml\nprocessors: processors/\nwaivers: waivers.yaml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg, dir
}

func TestPlanCommand(t *testing.T) {
	cfg, _ := processorsInventory(t)
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout string
	}{
		{"text", []string{"plan", "--config", cfg}, exitcode.OK, "processors"},
		{"github matrix", []string{"plan", "--config", cfg, "--format", "github-matrix"}, exitcode.OK, `{"include":[{"index":0,"target":"processors","slug":"processors","secret":"","secrets":"","chromium":false}]}`},
		{"json", []string{"plan", "--config", cfg, "--format", "json"}, exitcode.OK, `"parallelism": 1`},
		{"index", []string{"plan", "--config", cfg, "--index", "0"}, exitcode.OK, "processors\n"},
		{"index past the end", []string{"plan", "--config", cfg, "--index", "1"}, exitcode.Usage, ""},
		{"unknown format", []string{"plan", "--config", cfg, "--format", "yaml"}, exitcode.Usage, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := run(t, c.args...)
			if code != c.code || !strings.Contains(stdout, c.stdout) {
				t.Fatalf("exit %d (want %d), stdout %q (want %q), stderr %s", code, c.code, stdout, c.stdout, stderr)
			}
		})
	}
}

// TestCollectChainVerify collects three nights of the processors target, linked and signed,
// then verifies them, and breaks the chain in each way verify names.
func TestCollectChainVerify(t *testing.T) {
	cfg, dir := processorsInventory(t)
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	priv, pub := filepath.Join(dir, "signing.pem"), filepath.Join(dir, "signing.pub.pem")
	if err := evidence.WritePrivateKey(priv, key); err != nil {
		t.Fatal(err)
	}
	if err := evidence.WritePublicKey(pub, key.Public().(ed25519.PublicKey)); err != nil {
		t.Fatal(err)
	}
	var nights []string
	for i := range 3 {
		out := filepath.Join(dir, "night", string(rune('a'+i)))
		args := []string{"collect", "--config", cfg, "--target-index", "0", "--out", out, "--sign-key", priv}
		if i > 0 {
			args = append(args, "--previous", nights[i-1])
		}
		if code, stdout, stderr := run(t, args...); code != exitcode.OK {
			t.Fatalf("collect night %d: exit %d\n%s\n%s", i, code, stdout, stderr)
		}
		nights = append(nights, filepath.Join(out, "evidence.json"))
		time.Sleep(10 * time.Millisecond) // each night is collected after the one before
	}
	ev, err := evidence.Read(nights[2])
	if err != nil {
		t.Fatal(err)
	}
	if ev.Chain == nil || ev.Chain.Sequence != 3 || ev.Signature == nil {
		t.Fatalf("chain %+v signature %+v", ev.Chain, ev.Signature)
	}

	code, stdout, stderr := run(t, append([]string{"verify", "--key", pub, "--every", "1h"}, nights...)...)
	if code != exitcode.OK || !strings.Contains(stdout, "3 evidence files verified") {
		t.Fatalf("good chain: exit %d\n%s\n%s", code, stdout, stderr)
	}

	// The join shows the chain head in findings.json.
	out := filepath.Join(dir, "joined")
	if code, stdout, stderr := run(t, "evaluate", "--evidence", nights[2], "--out", out, "--format", "html,json"); code > exitcode.Findings {
		t.Fatalf("evaluate: exit %d\n%s\n%s", code, stdout, stderr)
	}
	doc := readFindings(t, out)
	if doc.Chain == nil || doc.Chain.Sequence != 3 || doc.Chain.Head != ev.SHA256 || doc.Chain.Previous != ev.Chain.Previous || doc.Chain.KeyID == "" {
		t.Fatalf("findings chain head %+v, evidence %s", doc.Chain, ev.SHA256)
	}
	if html, err := os.ReadFile(filepath.Join(out, "report.html")); err != nil || !strings.Contains(string(html), "⛓ #3") || !strings.Contains(string(html), ev.SHA256) {
		t.Fatalf("the report does not show the chain head (%v)", err)
	}

	// The join with --key refuses unsigned evidence, naming the file.
	unsigned := filepath.Join(dir, "unsigned")
	if code, _, _ := run(t, "collect", "--config", cfg, "--out", unsigned); code != exitcode.OK {
		t.Fatal("collect unsigned")
	}
	if code, _, stderr := run(t, "evaluate", "--key", pub, "--out", t.TempDir(), "--format", "json", filepath.Join(unsigned, "evidence.json")); code != exitcode.Usage || !strings.Contains(stderr, "unsigned/evidence.json") || !strings.Contains(stderr, "not signed") {
		t.Fatalf("evaluate --key of unsigned evidence: exit %d, %s", code, stderr)
	}
	if code, _, stderr := run(t, "evaluate", "--key", pub, "--out", t.TempDir(), "--format", "json", nights[2]); code > exitcode.Findings {
		t.Fatalf("evaluate --key of signed evidence: exit %d, %s", code, stderr)
	}

	// A missing night.
	code, stdout, _ = run(t, "verify", "--key", pub, nights[0], nights[2])
	if code != exitcode.Findings || !strings.Contains(stdout, "missing night") || !strings.Contains(stdout, nights[2]) {
		t.Fatalf("missing night: exit %d\n%s", code, stdout)
	}
	// Another key.
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	otherPub := filepath.Join(dir, "other.pub.pem")
	if err := evidence.WritePublicKey(otherPub, other.Public().(ed25519.PublicKey)); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = run(t, append([]string{"verify", "--key", otherPub}, nights...)...)
	if code != exitcode.Findings || !strings.Contains(stdout, "bad_signature") {
		t.Fatalf("other key: exit %d\n%s", code, stdout)
	}
	// An edited file.
	b, err := os.ReadFile(nights[1])
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	raw["vern_version"] = "edited"
	b, _ = json.Marshal(raw)
	if err := os.WriteFile(nights[1], b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = run(t, append([]string{"verify"}, nights...)...)
	if code != exitcode.Findings || !strings.Contains(stdout, "edited: "+nights[1]) {
		t.Fatalf("edited file: exit %d\n%s", code, stdout)
	}
	// Not evidence at all.
	if code, _, _ := run(t, "verify", cfg); code != exitcode.Usage {
		t.Fatalf("verify of a YAML file: exit %d, want 2", code)
	}
}

func TestCollectPreviousOfOtherTargets(t *testing.T) {
	cfg, dir := processorsInventory(t)
	prev := filepath.Join(dir, "other.json")
	e := &evidence.Evidence{SchemaVersion: evidence.SchemaVersion, CollectedAt: time.Now().Add(-time.Hour),
		Targets: map[string]*evidence.Target{"db:crm": {Name: "db:crm"}}}
	if err := evidence.Write(prev, e); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "collect", "--config", cfg, "--out", filepath.Join(dir, "o"), "--previous", prev)
	if code != exitcode.Usage || !strings.Contains(stderr, "db:crm") {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
}

// TestAuditChainsEvidence: audit --previous-evidence links the new evidence to the last
// audit's, and the findings name the chain head.
func TestAuditChainsEvidence(t *testing.T) {
	cfg, dir := processorsInventory(t)
	first, second := filepath.Join(dir, "a1"), filepath.Join(dir, "a2")
	if code, stdout, stderr := run(t, "audit", "--config", cfg, "--out", first, "--format", "json"); code > exitcode.Findings {
		t.Fatalf("first audit: exit %d\n%s\n%s", code, stdout, stderr)
	}
	prev := filepath.Join(first, "evidence.json")
	if code, stdout, stderr := run(t, "audit", "--config", cfg, "--out", second, "--format", "json", "--previous-evidence", prev); code > exitcode.Findings {
		t.Fatalf("second audit: exit %d\n%s\n%s", code, stdout, stderr)
	}
	p, err := evidence.Read(prev)
	if err != nil {
		t.Fatal(err)
	}
	doc := readFindings(t, second)
	if doc.Chain == nil || doc.Chain.Sequence != 2 || doc.Chain.Previous != p.SHA256 || doc.Chain.Head != doc.Hashes["evidence"] {
		t.Fatalf("chain head %+v, previous %s", doc.Chain, p.SHA256)
	}
	if code, stdout, _ := run(t, "verify", prev, filepath.Join(second, "evidence.json")); code != exitcode.OK {
		t.Fatalf("verify: exit %d\n%s", code, stdout)
	}
}
