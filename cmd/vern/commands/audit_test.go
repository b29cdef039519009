package commands

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/alarmlink/vern/cmd/vern/exitcode"
	"github.com/alarmlink/vern/internal/findings"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Execute(args, Streams{In: strings.NewReader(""), Out: &out, Err: &errOut})
	return code, out.String(), errOut.String()
}

func readFindings(t *testing.T, dir string) *findings.Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "findings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d findings.Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return &d
}

// TestAuditExampleStatement audits Alarmlink's declaration alone (no targets): the
// statement's gaps are reported with exact rule ids and resources and the gate fails.
func TestAuditExampleStatement(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	code, stdout, stderr := run(t, "audit", "--config", "../../../examples/alarmlink/vern.statement.yaml", "--out", out, "--format", "json,markdown", "--now", "2026-11-25")
	if code != exitcode.Findings {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitcode.Findings, stdout, stderr)
	}
	doc := readFindings(t, out)
	var got []string
	for _, f := range doc.Findings {
		got = append(got, f.Rule+" "+f.Resource)
	}
	sort.Strings(got)
	want := []string{
		"statement.automated_decisions_unstated declaration://automated_decisions",
		"statement.controller_contact_missing declaration://controller",
		"statement.cookie_consent_basis declaration://cookies/analytics",
		"statement.purpose_without_basis declaration://purposes/personalization",
		"statement.requirement_unstated declaration://requirement",
		"statement.retention_missing declaration://categories/account",
		"statement.retention_missing declaration://categories/basic",
		"statement.retention_missing declaration://categories/cookies",
		"statement.retention_missing declaration://categories/technical",
		"statement.retention_unbounded declaration://retention/accounting",
		"statement.rights_missing declaration://rights/restriction",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range doc.Findings {
		if f.Location == nil || f.Location.File != "declaration.yaml" {
			t.Errorf("%s %s has no declaration.yaml location: %+v", f.Rule, f.Resource, f.Location)
		}
	}
	for _, name := range []string{"evidence.json", "findings.json", "summary.md"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	if !strings.Contains(stdout, "statement.controller_contact_missing") {
		t.Errorf("console output lacks the findings:\n%s", stdout)
	}
}

// TestAuditCorrectedStatement: the same run on a declaration with every gap closed passes.
func TestAuditCorrectedStatement(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	code, stdout, stderr := run(t, "audit", "--config", "testdata/corrected/vern.yaml", "--out", out, "--format", "json")
	if code != exitcode.OK {
		t.Fatalf("exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if doc := readFindings(t, out); len(doc.Findings) != 0 {
		t.Errorf("corrected declaration still has findings: %+v", doc.Findings)
	}
}

// TestEvaluateAndReportFromEvidence reproduces an audit from its evidence alone, applies a
// waivers file, and writes reports from the findings.
func TestEvaluateAndReportFromEvidence(t *testing.T) {
	t.Parallel()
	first := t.TempDir()
	if code, _, stderr := run(t, "audit", "--config", "../../../examples/alarmlink/vern.statement.yaml", "--out", first, "--format", "json"); code != exitcode.Findings {
		t.Fatalf("audit exit %d: %s", code, stderr)
	}
	waivers := filepath.Join(t.TempDir(), "waivers.yaml")
	if err := os.WriteFile(waivers, []byte(`waivers:
  - {rule: statement.controller_contact_missing, resource: "declaration://controller", justification: "contact page in review",
     approved_by: DPO, created: 2026-01-01, expires: 2099-01-01}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	// 2099 is more than a year after creation: the loader refuses it.
	second := t.TempDir()
	code, _, stderr := run(t, "evaluate", "--evidence", filepath.Join(first, "evidence.json"), "--waivers", waivers, "--out", second)
	if code != exitcode.Usage || !strings.Contains(stderr, "waivers.yaml:") {
		t.Fatalf("waiver over a year: exit %d, stderr %s", code, stderr)
	}
	if err := os.WriteFile(waivers, []byte(strings.Replace(string(mustRead(t, waivers)), "2099-01-01", "2026-12-20", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, "evaluate", "--evidence", filepath.Join(first, "evidence.json"), "--waivers", waivers, "--out", second, "--format", "json,html", "--now", "2026-11-25")
	if code != exitcode.Findings {
		t.Fatalf("evaluate exit %d: %s", code, stderr)
	}
	doc := readFindings(t, second)
	waived := 0
	for _, f := range doc.Findings {
		if f.Waived() {
			waived++
			if f.Rule != "statement.controller_contact_missing" || !f.Waiver.Expiring {
				t.Errorf("unexpected waiver on %s %s: %+v", f.Rule, f.Resource, f.Waiver)
			}
		}
	}
	if waived != 1 || len(doc.Findings) != 11 {
		t.Errorf("%d findings, %d waived; want 11 and 1", len(doc.Findings), waived)
	}
	third := t.TempDir()
	if code, _, stderr := run(t, "report", "--findings", filepath.Join(second, "findings.json"), "--evidence", filepath.Join(first, "evidence.json"),
		"--format", "html,sarif", "--lang", "nb", "--out", third); code != exitcode.OK {
		t.Fatalf("report exit %d: %s", code, stderr)
	}
	for _, name := range []string{"report.html", "results.sarif"} {
		if _, err := os.Stat(filepath.Join(third, name)); err != nil {
			t.Error(err)
		}
	}
	other := t.TempDir()
	if code, _, _ := run(t, "audit", "--config", "testdata/corrected/vern.yaml", "--out", other, "--format", "json"); code != exitcode.OK {
		t.Fatal("corrected audit failed")
	}
	code, _, stderr = run(t, "report", "--findings", filepath.Join(second, "findings.json"), "--evidence", filepath.Join(other, "evidence.json"), "--out", third)
	if code != exitcode.Usage || !strings.Contains(stderr, "evidence hashes differ") {
		t.Errorf("report with the wrong evidence: exit %d, %s", code, stderr)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
