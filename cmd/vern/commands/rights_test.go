package commands

import (
	"encoding/json"
	"testing"

	"github.com/alarmlink/vern/cmd/vern/exitcode"
	"github.com/alarmlink/vern/internal/rights"
)

const demoEvidence = "../../../reports/testdata/demo/evidence.json"

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
