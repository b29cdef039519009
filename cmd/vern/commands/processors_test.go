package commands

import (
	"strings"
	"testing"

	"github.com/alarmlink/vern/cmd/vern/exitcode"
)

func TestProcessorsReview(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := run(t, "processors", "review", "skyvakt", "--config", "testdata/processors/vern.yaml", "--by", "Kari Revisor")
	if code != exitcode.OK {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	for _, want := range []string{"review:\n", `  by: "Kari Revisor"`, "  sha256: ", "  clauses:\n", `    h: "8"`, "# b: not found by vern"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	code, _, stderr = run(t, "processors", "review", "nobody", "--config", "testdata/processors/vern.yaml")
	if code != exitcode.Usage || !strings.Contains(stderr, `processor "nobody" is not in the registry`) {
		t.Errorf("unknown processor: exit %d, stderr %s", code, stderr)
	}
}
