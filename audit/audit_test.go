package audit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports"
)

// fakeCollector serves fixed targets; those in fail fail with a reason.
type fakeCollector struct {
	targets []string
	fail    map[string]bool
	panics  map[string]bool
}

func (f fakeCollector) Kind() string                    { return "fake" }
func (f fakeCollector) Targets(*config.Config) []string { return f.targets }
func (f fakeCollector) Collect(_ context.Context, _ *config.Config, target string, _ collect.Env) (collect.Result, error) {
	if f.panics[target] {
		panic("boom")
	}
	if f.fail[target] {
		return collect.Result{}, &collect.Failure{Reason: "connect " + target + ": connection refused", Fix: "start the server"}
	}
	return collect.Result{Data: map[string]int{"tables": 3}}, nil
}

const example = "../examples/alarmlink/vern.statement.yaml"

func TestAuditExitCodePrecedence(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		fc     fakeCollector
		failOn string
		want   int
	}{
		{"statement findings fail the gate", fakeCollector{targets: []string{"fake:a"}}, "high", findings.GateExitFailed},
		{"failed target and findings give 3", fakeCollector{targets: []string{"fake:a", "fake:b"}, fail: map[string]bool{"fake:b": true}}, "high", findings.GateExitIncomplete},
		{"failed target with a lax gate still 3", fakeCollector{targets: []string{"fake:a"}, fail: map[string]bool{"fake:a": true}}, "critical", findings.GateExitIncomplete},
		{"a crashing collector is a failed target", fakeCollector{targets: []string{"fake:a", "fake:b"}, panics: map[string]bool{"fake:a": true}}, "critical", findings.GateExitIncomplete},
		{"lax gate, all collected passes", fakeCollector{targets: []string{"fake:a"}}, "critical", findings.GateExitPassed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out := t.TempDir()
			res, err := Audit(context.Background(), AuditOptions{
				ConfigPath: example, OutDir: out, FailOn: tc.failOn, Sources: Sources{Collectors: []collect.Collector{tc.fc}},
				Formats: []reports.Format{reports.JSON{}},
			})
			if err != nil {
				t.Fatal(err)
			}
			if res.Findings.Gate.ExitCode != tc.want || res.OutputErr != nil {
				t.Fatalf("gate exit %d, want %d (gate %+v, output error %v)", res.Findings.Gate.ExitCode, tc.want, res.Findings.Gate, res.OutputErr)
			}
			for name, target := range res.Evidence.Targets {
				if !tc.fc.fail[name] && !tc.fc.panics[name] && target.Status != evidence.StatusOK {
					t.Errorf("healthy target %s is %s", name, target.Status)
				}
			}
			if _, err := evidence.Read(filepath.Join(out, "evidence.json")); err != nil {
				t.Errorf("evidence not readable: %v", err)
			}
		})
	}
}

func TestAuditInvalidConfigIsInvalid(t *testing.T) {
	t.Parallel()
	_, err := Audit(context.Background(), AuditOptions{ConfigPath: "testdata/missing.yaml", OutDir: t.TempDir()})
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindInvalid {
		t.Fatalf("err = %v, want an error of kind invalid", err)
	}
}

// TestEvaluateMergedEvidence evaluates two evidence files collected separately (a CI matrix)
// and refuses a target given twice or another declaration.
func TestEvaluateMergedEvidence(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load(example)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	fc := fakeCollector{targets: []string{"fake:a", "fake:b"}, fail: map[string]bool{"fake:b": true}}
	evA, err := collect.Run(context.Background(), cfg, []collect.Collector{fc}, collect.Env{Now: func() time.Time { return at }}, collect.Options{Targets: []string{"fake:a"}})
	if err != nil {
		t.Fatal(err)
	}
	evB, err := collect.Run(context.Background(), cfg, []collect.Collector{fc}, collect.Env{Now: func() time.Time { return at.Add(time.Minute) }}, collect.Options{Targets: []string{"fake:b"}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, ev := range map[string]*evidence.Evidence{"a.json": evA, "b.json": evB} {
		if err := evidence.Write(filepath.Join(dir, name), ev); err != nil {
			t.Fatal(err)
		}
	}
	a, _ := evidence.Read(filepath.Join(dir, "a.json"))
	b, _ := evidence.Read(filepath.Join(dir, "b.json"))
	merged, err := evidence.Merge([]*evidence.Evidence{a, b})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := EvaluateEvidence(context.Background(), EvidenceOptions{Evidence: merged})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Gate.ExitCode != findings.GateExitIncomplete || len(doc.Targets) != 2 {
		t.Fatalf("gate %+v targets %+v, want exit 3 over 2 targets", doc.Gate, doc.Targets)
	}
	if !doc.EvaluatedAt.Equal(at.Add(time.Minute)) {
		t.Errorf("evaluated_at %s, want the latest collection time", doc.EvaluatedAt)
	}
	again, err := EvaluateEvidence(context.Background(), EvidenceOptions{Evidence: merged})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Findings) != len(doc.Findings) || again.Hashes["evidence"] != doc.Hashes["evidence"] {
		t.Error("evaluating the same evidence twice gave different results")
	}
	if _, err := evidence.Merge([]*evidence.Evidence{a, a}); err == nil || !strings.Contains(err.Error(), "more than one document") {
		t.Errorf("merging a target twice: err = %v", err)
	}
	other := *b
	other.Hashes = map[string]string{"declaration": "0000"}
	if _, err := evidence.Merge([]*evidence.Evidence{a, &other}); err == nil || !strings.Contains(err.Error(), "another declaration") {
		t.Errorf("merging another declaration: err = %v", err)
	}
	// A tampered file is refused.
	p := filepath.Join(dir, "a.json")
	raw, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(raw), `"tables": 3`, `"tables": 4`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := evidence.Read(p); err == nil || !strings.Contains(err.Error(), "hash mismatch") {
		t.Errorf("tampered evidence: err = %v", err)
	}
}
