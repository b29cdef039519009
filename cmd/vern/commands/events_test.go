package commands

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alarmlink/vern/cmd/vern/exitcode"
	"github.com/alarmlink/vern/internal/evidence"
)

// jsonEvents parses stderr as one JSON object per line; any other line fails the test.
func jsonEvents(t *testing.T, stderr string) []map[string]any {
	t.Helper()
	var events []map[string]any
	sc := bufio.NewScanner(strings.NewReader(stderr))
	for sc.Scan() {
		var e map[string]any
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("stderr line is not JSON: %q", sc.Text())
		}
		events = append(events, e)
	}
	return events
}

func eventOf(events []map[string]any, name string) map[string]any {
	for _, e := range events {
		if e["event"] == name {
			return e
		}
	}
	return nil
}

// TestJSONEvents: with --log-format json the gate's verdict and a fatal error are JSON
// events on stderr, and stderr holds nothing else.
func TestJSONEvents(t *testing.T) {
	t.Parallel()
	t.Run("verdict", func(t *testing.T) {
		t.Parallel()
		out := t.TempDir()
		code, _, stderr := run(t, "--log-format", "json", "audit", "--config", "../../../examples/alarmlink/vern.statement.yaml", "--out", out, "--format", "json")
		if code != exitcode.Findings {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		v := eventOf(jsonEvents(t, stderr), "verdict")
		if v == nil {
			t.Fatalf("no verdict event:\n%s", stderr)
		}
		if v["gate"] != "failed" || v["exit_code"] != float64(exitcode.Findings) || v["fail_on"] != "high" || v["failing"] != float64(2) || v["findings"] != float64(11) {
			t.Errorf("verdict event %v", v)
		}
		if _, ok := v["partial"].([]any); !ok {
			t.Errorf("verdict event has no partial list: %v", v)
		}
	})
	t.Run("verdict names partial targets", func(t *testing.T) {
		t.Parallel()
		out := t.TempDir()
		evidence := filepath.Join(t.TempDir(), "evidence.json")
		code, _, stderr := run(t, "audit", "--config", "../../../examples/alarmlink/vern.statement.yaml", "--out", out, "--format", "json")
		if code != exitcode.Findings {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		// Mark a target as collected in part, as --browser none does, and evaluate again.
		var doc map[string]any
		if err := json.Unmarshal(mustRead(t, filepath.Join(out, "evidence.json")), &doc); err != nil {
			t.Fatal(err)
		}
		doc["targets"] = map[string]any{"site:www.example.no": map[string]any{"name": "site:www.example.no", "kind": "site", "status": "partial",
			"reason": "--browser none", "started_at": "2026-11-25T00:00:00Z", "finished_at": "2026-11-25T00:00:00Z"}}
		doc["sha256"] = ""
		b, _ := json.Marshal(doc)
		if err := os.WriteFile(evidence, b, 0o644); err != nil {
			t.Fatal(err)
		}
		// Unsealed evidence is refused; seal it through collect's writer by reading it in Go.
		sealEvidence(t, evidence)
		code, stdout, stderr := run(t, "--log-format", "json", "evaluate", "--evidence", evidence, "--out", t.TempDir(), "--format", "json", "--fail-on", "critical")
		if code != exitcode.OK {
			t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
		}
		v := eventOf(jsonEvents(t, stderr), "verdict")
		if p, _ := v["partial"].([]any); len(p) != 1 || p[0] != "site:www.example.no" {
			t.Errorf("verdict event does not name the partial target: %v", v)
		}
		if first := strings.SplitN(stdout, "\n", 2)[0]; !strings.Contains(first, "collected only in part: site:www.example.no") {
			t.Errorf("verdict line does not name the partial target: %q", first)
		}
	})
	t.Run("fatal error", func(t *testing.T) {
		t.Parallel()
		code, _, stderr := run(t, "--log-format", "json", "check", "--config", "testdata/bad/vern.yaml")
		if code != exitcode.Usage {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		events := jsonEvents(t, stderr)
		f := eventOf(events, "fatal")
		if f == nil || f["level"] != "error" || f["exit_code"] != float64(exitcode.Usage) {
			t.Fatalf("no fatal event with exit code 2:\n%s", stderr)
		}
		if p, _ := f["problems"].([]any); len(p) == 0 || !strings.Contains(p[0].(string), "vern.yaml:7:") {
			t.Errorf("fatal event does not list the problems with positions: %v", f)
		}
	})
	t.Run("flag error", func(t *testing.T) {
		t.Parallel()
		code, _, stderr := run(t, "--log-format", "json", "audit", "--nope")
		if code != exitcode.Usage || eventOf(jsonEvents(t, stderr), "fatal") == nil {
			t.Errorf("exit %d, stderr %s", code, stderr)
		}
	})
}

// TestVersionFromBuildInfo builds vern in a clone of this repository, as a user would, and
// checks that `vern version` names the commit it was built from.
func TestVersionFromBuildInfo(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	head, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatalf("git rev-parse: %v", err)
	}
	clone := filepath.Join(t.TempDir(), "vern")
	if out, err := exec.Command("git", "clone", "--quiet", "--shared", "--no-checkout", root, clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	if out, err := exec.Command("git", "-C", clone, "checkout", "--quiet", strings.TrimSpace(string(head))).CombinedOutput(); err != nil {
		t.Fatalf("git checkout: %v\n%s", err, out)
	}
	bin := filepath.Join(t.TempDir(), "vern")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, "./cmd/vern")
	build.Dir = clone
	// The machine's GOFLAGS may turn stamping off; the flag above turns it back on.
	build.Env = append(os.Environ(), "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	rev := strings.TrimSpace(string(head))
	if !strings.Contains(string(out), "revision "+rev) || !strings.HasPrefix(string(out), "vern ") || strings.Contains(string(out), "vern dev") {
		t.Errorf("vern version does not name revision %s:\n%s", rev, out)
	}
	if !strings.Contains(strings.SplitN(string(out), "\n", 2)[0], rev[:12]) {
		t.Errorf("the version line does not carry the revision:\n%s", out)
	}
}

// sealEvidence recomputes the hash of an evidence file a test has edited.
func sealEvidence(t *testing.T, path string) {
	t.Helper()
	var ev evidence.Evidence
	if err := json.Unmarshal(mustRead(t, path), &ev); err != nil {
		t.Fatal(err)
	}
	ev.SHA256 = ""
	if err := evidence.Write(path, &ev); err != nil {
		t.Fatal(err)
	}
}
