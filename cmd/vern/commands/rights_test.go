package commands

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/alarmlink/vern/cmd/vern/exitcode"
	"github.com/alarmlink/vern/internal/rights"
)

const demoEvidence = "../../../reports/testdata/demo/evidence.json"

func TestRightsCommand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{name: "table from evidence", args: []string{"rights", "--evidence", demoEvidence}, code: exitcode.OK,
			stdout: []string{"db:crm  access: 9 of 10 personal datasets reachable", "public.customers.id", "(inferred from the foreign keys)",
				"public.call_log", "restricted, not erased:", "public.orders.customer_id = public.customers.id"}},
		{name: "bad format", args: []string{"rights", "--evidence", demoEvidence, "--format", "xml"}, code: exitcode.Usage,
			stderr: []string{`--format "xml"`}},
		{name: "missing config", args: []string{"rights", "--config", "testdata/none.yaml"}, code: exitcode.Usage,
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
		})
	}
}

func TestRightsCommandJSON(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := run(t, "rights", "--evidence", demoEvidence, "--format", "json")
	if code != exitcode.OK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var p rights.Plan
	if err := json.Unmarshal([]byte(stdout), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Databases) != 1 || p.Databases[0].Judged != 10 || p.Databases[0].Reachable != 9 {
		t.Fatalf("plan = %+v", p.Databases)
	}
	for _, tb := range p.Databases[0].Tables {
		if tb.Reachable == (tb.Table == "public.call_log") && tb.Dataset {
			t.Errorf("%s reachable = %v", tb.Table, tb.Reachable)
		}
	}
}
