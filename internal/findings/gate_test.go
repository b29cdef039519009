package findings

import (
	"strings"
	"testing"
)

func TestJudge(t *testing.T) {
	t.Parallel()
	high := Finding{Rule: "db.public_grant", Severity: SeverityHigh}
	low := Finding{Rule: "cookies.insecure", Severity: SeverityLow}
	waivedHigh := Finding{Rule: "db.public_grant", Severity: SeverityHigh, Waiver: &Waiver{Expires: "2099-01-01"}}
	failedRule := Finding{Rule: "collect.failed", Severity: SeverityCritical, Unwaivable: true}
	ok := []TargetStatus{{Name: "db:crm", Status: "ok"}}
	failed := []TargetStatus{{Name: "db:crm", Status: "failed"}}
	tests := []struct {
		name     string
		findings []Finding
		targets  []TargetStatus
		failOn   Severity
		want     int
		result   string
	}{
		{"no findings passes", nil, ok, SeverityHigh, GateExitPassed, GatePassed},
		{"high finding fails at high", []Finding{high}, ok, SeverityHigh, GateExitFailed, GateFailed},
		{"low finding passes at high", []Finding{low}, ok, SeverityHigh, GateExitPassed, GatePassed},
		{"low finding fails at low", []Finding{low}, ok, SeverityLow, GateExitFailed, GateFailed},
		{"waived finding passes", []Finding{waivedHigh}, ok, SeverityHigh, GateExitPassed, GatePassed},
		{"failed target alone is incomplete", nil, failed, SeverityHigh, GateExitIncomplete, GateIncomplete},
		{"failed target and findings give 3", []Finding{high, low}, failed, SeverityLow, GateExitIncomplete, GateIncomplete},
		{"collect.failed finding is incomplete even at critical", []Finding{failedRule}, ok, SeverityCritical, GateExitIncomplete, GateIncomplete},
		{"collect.failed below fail-on still 3", []Finding{failedRule}, ok, SeverityInfo, GateExitIncomplete, GateIncomplete},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := Judge(tc.findings, tc.targets, tc.failOn)
			if g.ExitCode != tc.want || g.Result != tc.result {
				t.Errorf("Judge = exit %d %s, want exit %d %s", g.ExitCode, g.Result, tc.want, tc.result)
			}
		})
	}
}

func TestSortAndFingerprint(t *testing.T) {
	t.Parallel()
	fs := []Finding{
		{Rule: "b.x", Severity: SeverityLow, Resource: "r1"},
		{Rule: "a.x", Severity: SeverityLow, Resource: "r2"},
		{Rule: "a.x", Severity: SeverityLow, Resource: "r1"},
		{Rule: "z.x", Severity: SeverityCritical, Resource: "r"},
	}
	Sort(fs)
	got := []string{fs[0].Rule + fs[0].Resource, fs[1].Rule + fs[1].Resource, fs[2].Rule + fs[2].Resource, fs[3].Rule + fs[3].Resource}
	want := []string{"z.xr", "a.xr1", "a.xr2", "b.xr1"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sorted = %v, want %v", got, want)
		}
	}
	if a, again := Fingerprint("a", "b"), Fingerprint("a", "b"); a != again || a == Fingerprint("a", "c") {
		t.Error("fingerprint must depend on rule and resource only, and be stable")
	}
	if Fingerprint("ab", "c") == Fingerprint("a", "bc") {
		t.Error("fingerprint must separate rule from resource")
	}
}

// TestJudgeNamesIncompleteTargets: the verdict names every target collected only in part
// and every one not collected, sorted, so neither passes quietly.
func TestJudgeNamesIncompleteTargets(t *testing.T) {
	t.Parallel()
	targets := []TargetStatus{
		{Name: "site:b.example.no", Status: "partial"}, {Name: "db:crm", Status: "ok"},
		{Name: "site:a.example.no", Status: "partial"}, {Name: "db:hr", Status: "failed"},
	}
	g := Judge(nil, targets, SeverityHigh)
	if strings.Join(g.Partial, ",") != "site:a.example.no,site:b.example.no" || strings.Join(g.Failed, ",") != "db:hr" {
		t.Errorf("partial %v, failed %v", g.Partial, g.Failed)
	}
}
