package commands

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/audit/demo"
	"github.com/alarmlink/vern/cmd/vern/exitcode"
	"github.com/alarmlink/vern/examples/alarmlink"
	"github.com/alarmlink/vern/examples/alarmlink/demodb"
	"github.com/alarmlink/vern/examples/alarmlink/demosite"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/internal/pgcluster"
)

// requireDemoTools fails the test when PostgreSQL or Chromium is missing and CI is set, and
// skips it otherwise.
func requireDemoTools(t *testing.T) {
	t.Helper()
	missing := demo.MissingTools()
	if len(missing) == 0 {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("the demo targets need PostgreSQL and Chromium: %s", strings.Join(missing, "; "))
	}
	t.Skipf("the demo targets need PostgreSQL and Chromium: %s", strings.Join(missing, "; "))
}

// demoTargets extracts the demo inventory into a folder, loads the demo CRM into a throwaway
// cluster, serves the demo site and sets the variables the inventory reads. It returns the
// inventory's path.
func demoTargets(t *testing.T, ctx context.Context) string {
	t.Helper()
	dir := t.TempDir()
	err := alarmlink.Extract(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := pgcluster.Start(ctx, pgcluster.Options{})
	if err != nil {
		t.Fatalf("start a PostgreSQL cluster: %v", err)
	}
	t.Cleanup(func() { _ = c.Stop() })
	dsn := c.DSN("postgres")
	if err := demodb.Load(ctx, dsn); err != nil {
		t.Fatalf("load the demo CRM: %v", err)
	}
	siteURL, stop, err := demosite.Serve(context.Background(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	t.Setenv("VERN_DEMO_CRM_DSN", dsn)
	t.Setenv("VERN_DEMO_SITE_URL", siteURL)
	return filepath.Join(dir, "vern.demo.yaml")
}

// findingKeys are a findings document's findings as rule, resource, count and waiver.
func findingKeys(doc *findings.Document) []string {
	var keys []string
	for _, f := range doc.Findings {
		count := "-"
		if f.Count != nil {
			count = fmt.Sprint(*f.Count)
		}
		waiver := "not waived"
		if f.Waiver != nil {
			waiver = "waived by " + f.Waiver.Resource + " until " + f.Waiver.Expires
		}
		keys = append(keys, f.Rule+" "+f.Resource+" count="+count+" "+waiver)
	}
	sort.Strings(keys)
	return keys
}

// TestFanOutMatchesAudit collects each target of the demo on its own, as a CI matrix does,
// and evaluates the evidence together: the findings (rule, resource, count, waiver), the
// waiver notes and the gate are those of `vern audit` on the same targets.
func TestFanOutMatchesAudit(t *testing.T) {
	requireDemoTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cfg := demoTargets(t, ctx)
	const now = "2026-12-01"

	auditOut := t.TempDir()
	code, stdout, stderr := run(t, "audit", "--config", cfg, "--out", auditOut, "--format", "json", "--now", now)
	if code != exitcode.Findings {
		t.Fatalf("audit: exit %d\n%s\n%s", code, stdout, stderr)
	}
	audited := readFindings(t, auditOut)
	if len(audited.Targets) != 3 {
		t.Fatalf("audit collected %d targets, want db, site and processors: %+v", len(audited.Targets), audited.Targets)
	}
	args := []string{"evaluate", "--out", t.TempDir(), "--format", "json", "--now", now}
	fanOut := args[2]
	var evidenceFiles []string
	for _, target := range audited.Targets {
		if target.Status != "ok" {
			t.Fatalf("audit: target %s is %s (%s)", target.Name, target.Status, target.Reason)
		}
		out := t.TempDir()
		code, stdout, stderr := run(t, "collect", "--config", cfg, "--target", target.Name, "--out", out)
		if code != exitcode.OK {
			t.Fatalf("collect --target %s: exit %d\n%s\n%s", target.Name, code, stdout, stderr)
		}
		args = append(args, "--evidence", filepath.Join(out, "evidence.json"))
		evidenceFiles = append(evidenceFiles, filepath.Join(out, "evidence.json"))
	}
	code, stdout, stderr = run(t, args...)
	if code != audited.Gate.ExitCode {
		t.Fatalf("evaluate: exit %d, audit exited %d\n%s\n%s", code, audited.Gate.ExitCode, stdout, stderr)
	}
	evaluated := readFindings(t, fanOut)

	want, got := findingKeys(audited), findingKeys(evaluated)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("fan-out findings differ from the audit's\nfan-out:\n%s\naudit:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	waived := 0
	for _, k := range want {
		if strings.Contains(k, " waived by ") {
			waived++
		}
	}
	if waived == 0 {
		t.Error("no finding of the demo is waived: the comparison does not cover waivers")
	}
	if strings.Join(evaluated.WaiverNotes, "\n") != strings.Join(audited.WaiverNotes, "\n") {
		t.Errorf("waiver notes differ\nfan-out: %q\naudit: %q", evaluated.WaiverNotes, audited.WaiverNotes)
	}
	if evaluated.Gate.Result != audited.Gate.Result || evaluated.Gate.Failing != audited.Gate.Failing {
		t.Errorf("gate: fan-out %+v, audit %+v", evaluated.Gate, audited.Gate)
	}
	if evaluated.Hashes["waivers"] != audited.Hashes["waivers"] {
		t.Errorf("waivers hash: fan-out %s, audit %s", evaluated.Hashes["waivers"], audited.Hashes["waivers"])
	}

	// A matrix job that never delivered its evidence: that target was not collected, and the
	// gate fails closed instead of passing over it.
	missing := audited.Targets[0].Name
	partialArgs := []string{"evaluate", "--out", t.TempDir(), "--format", "json", "--now", now}
	for i, e := range evidenceFiles {
		if i != 0 {
			partialArgs = append(partialArgs, "--evidence", e)
		}
	}
	code, stdout, stderr = run(t, partialArgs...)
	if code != exitcode.Incomplete || !strings.Contains(stdout, "not collected: "+missing) {
		t.Errorf("evaluate without %s: exit %d, want %d\n%s\n%s", missing, code, exitcode.Incomplete, stdout, stderr)
	}
}
