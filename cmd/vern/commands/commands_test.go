package commands

import (
	"strings"
	"testing"

	"github.com/alarmlink/vern/cmd/vern/exitcode"
)

func TestCommands(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     []string
		stderr     []string
		stderrLine bool // stderr is one line
	}{
		{name: "check ok", args: []string{"check", "--config", "../../../examples/alarmlink/vern.statement.yaml"}, code: exitcode.OK, stdout: []string{"ok — 8 categories, 7 purposes"}},
		{name: "check dangling category", args: []string{"check", "--config", "testdata/bad/vern.yaml"}, code: exitcode.Usage,
			stderr: []string{"vern.yaml:7:", "nonexistent"}, stderrLine: true},
		{name: "check missing file", args: []string{"check", "--config", "testdata/none.yaml"}, code: exitcode.Usage, stderr: []string{"none.yaml"}},
		{name: "audit unknown format", args: []string{"audit", "--config", "x", "--format", "pdf"}, code: exitcode.Usage, stderr: []string{`unknown format "pdf"`}},
		{name: "audit bad fail-on", args: []string{"audit", "--config", "x", "--fail-on", "urgent"}, code: exitcode.Usage, stderr: []string{"--fail-on"}},
		{name: "unknown browser", args: []string{"collect", "--config", "x", "--browser", "firefox"}, code: exitcode.Usage, stderr: []string{`--browser "firefox"`}},
		{name: "unknown flag", args: []string{"audit", "--nope"}, code: exitcode.Usage, stderr: []string{"unknown flag"}},
		{name: "rules list markdown", args: []string{"rules", "list", "--format", "markdown"}, code: exitcode.OK,
			stdout: []string{"| `db.retention_exceeded` | high |", "| `collect.failed` | critical |"}},
		{name: "rules list nb", args: []string{"rules", "list", "--lang", "nb"}, code: exitcode.OK, stdout: []string{"Erklæringen mangler kontaktopplysninger"}},
		{name: "rules explain", args: []string{"rules", "explain", "statement.controller_contact_missing"}, code: exitcode.OK,
			stdout: []string{"GDPR Art. 13(1)(a)", "How to fix", "https://eur-lex.europa.eu"}},
		{name: "rules explain unknown", args: []string{"rules", "explain", "db.nope"}, code: exitcode.Usage, stderr: []string{"no rule", "db.card_number"}},
		{name: "rules test built-in", args: []string{"rules", "test"}, code: exitcode.OK, stdout: []string{" 0 failed"}},
		{name: "rules test failing user test", args: []string{"rules", "test", "testdata/failingrules"}, code: exitcode.Findings,
			stdout: []string{"FAIL vern.custom_test.test_success_always_wrong", "1 failed"}},
		{name: "version", args: []string{"version"}, code: exitcode.OK, stdout: []string{"vern ", "opa "}},
		{name: "evaluate without evidence", args: []string{"evaluate"}, code: exitcode.Usage, stderr: []string{"no evidence"}},
		{name: "bad log format", args: []string{"--log-format", "xml", "version"}, code: exitcode.Usage, stderr: []string{"--log-format"}},
		{name: "completion", args: []string{"completion", "bash"}, code: exitcode.OK, stdout: []string{"bash completion"}},
		// vern rights
		{name: "rights table from evidence", args: []string{"rights", "--evidence", demoEvidence}, code: exitcode.OK,
			stdout: []string{"db:crm  access: 9 of 10 personal datasets reachable", "public.customers.id", "(inferred from the foreign keys)",
				"public.call_log", "restricted, not erased:", "public.orders.customer_id = public.customers.id"}},
		{name: "rights bad format", args: []string{"rights", "--evidence", demoEvidence, "--format", "xml"}, code: exitcode.Usage,
			stderr: []string{`--format "xml"`}},
		{name: "rights missing config", args: []string{"rights", "--config", "testdata/none.yaml"}, code: exitcode.Usage,
			stderr: []string{"none.yaml"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, stdout, stderr)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tc.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			if tc.stderrLine && strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("stderr is not one line:\n%s", stderr)
			}
		})
	}
}
