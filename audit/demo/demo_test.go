package demo

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/sirupsen/logrus"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/collectors"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports"
)

// sentinels are planted in the demo database before the audit; no output file and no log
// line may contain any of them.
var sentinels = []string{
	"sentinel.ola@example.invalid",
	"+4799912345",
	"4539 1488 0343 6467", "4539148803436467",
	"Sentinel-Passord-77",
	"13097248022",
}

func plant(ctx context.Context, dsn string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close(ctx) }()
	_, err = conn.Exec(ctx, `
UPDATE customers SET email = 'sentinel.ola@example.invalid', phone = '+4799912345' WHERE email = 'beta.provesen@example.invalid';
UPDATE payments SET card_number = '4539 1488 0343 6467' WHERE card_number = '4378 6579 7543 2314';
UPDATE user_accounts SET password = 'Sentinel-Passord-77' WHERE password = 'sommer2024';
UPDATE credit_checks SET fnr = '13097248022' WHERE id = (SELECT min(id) FROM credit_checks);`)
	return err
}

// requireTools fails the test when PostgreSQL or Chromium is missing and CI is set, and
// skips it otherwise.
func requireTools(t *testing.T) {
	t.Helper()
	missing := MissingTools()
	if len(missing) == 0 {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("the demo needs PostgreSQL and Chromium: %s", strings.Join(missing, "; "))
	}
	t.Skipf("the demo needs PostgreSQL and Chromium: %s", strings.Join(missing, "; "))
}

// TestDemoFullPipeline runs the whole demo: the statement, the demo CRM, the agreements
// and the demo site. Every target is collected, the planted gaps are found, the waivers
// apply, every output is written, and no planted value reaches any output or log line.
func TestDemoFullPipeline(t *testing.T) {
	requireTools(t)
	out := t.TempDir()
	var logs bytes.Buffer
	log := logrus.New()
	log.SetOutput(&logs)
	log.SetFormatter(&logrus.JSONFormatter{})
	log.SetLevel(logrus.DebugLevel)
	formats, err := reports.Parse("html,json,sarif,junit,markdown")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{
		OutDir: out, Lang: "nb", Formats: formats, Sources: audit.Sources{Collectors: collectors.All()},
		Version: "test", Log: logrus.NewEntry(log), AfterLoad: plant,
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range res.Findings.Targets {
		if target.Status != "ok" {
			t.Errorf("target %s is %s: %s", target.Name, target.Status, target.Reason)
		}
	}
	if res.Findings.Gate.ExitCode != findings.GateExitFailed || res.OutputErr != nil {
		t.Errorf("gate exit %d, output error %v; want %d and none", res.Findings.Gate.ExitCode, res.OutputErr, findings.GateExitFailed)
	}
	want := map[string]bool{
		"db.card_number postgres://crm/public.payments/card_number":          false,
		"db.plaintext_password postgres://crm/public.user_accounts/password": false,
		"db.retention_exceeded postgres://crm/public.inquiries":              false,
		"processor.clause_missing processor://fjellvik-crm/clause/h":         false,
		"statement.rights_missing declaration://rights/restriction":          false,
		"db.subject_unreachable postgres://crm/public.call_log":              false,
	}
	unreachable := 0
	waived := 0
	var ga bool
	for _, f := range res.Findings.Findings {
		key := f.Rule + " " + f.Resource
		if _, ok := want[key]; ok {
			want[key] = true
		}
		if f.Rule == "db.card_number" && (f.Count == nil || *f.Count != 4) {
			t.Errorf("db.card_number count = %v, want 4", f.Count)
		}
		if f.Rule == "cookies.before_consent" && strings.HasSuffix(f.Resource, "/_ga") {
			ga = true
		}
		if f.Waived() {
			waived++
		}
		if f.Rule == "db.subject_unreachable" {
			unreachable++
		}
	}
	if unreachable != 1 {
		t.Errorf("%d db.subject_unreachable findings, want exactly the planted call log", unreachable)
	}
	for k, found := range want {
		if !found {
			t.Errorf("missing finding %s", k)
		}
	}
	if !ga {
		t.Error("the _ga cookie set before consent was not found")
	}
	if waived != 2 {
		t.Errorf("%d waived findings, want 2", waived)
	}
	for _, name := range []string{"evidence.json", "findings.json", "report.html", "results.sarif", "junit.xml", "summary.md"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		assertNoSentinel(t, name, string(b))
	}
	assertNoSentinel(t, "log", logs.String())
	if logs.Len() == 0 {
		t.Error("no log lines were captured")
	}
}

func assertNoSentinel(t *testing.T, where, text string) {
	t.Helper()
	for _, s := range sentinels {
		if strings.Contains(text, s) {
			t.Errorf("%s contains the planted value %q", where, s)
		}
	}
}
