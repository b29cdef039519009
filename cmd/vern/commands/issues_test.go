package commands

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/cmd/vern/exitcode"
	"github.com/alarmlink/vern/reports/issues/githubfake"
)

// TestIssuesSyncCommand drives `vern issues sync` against the fake GitHub API: a dry run
// prints the plan and writes nothing, a public repository is refused, and a missing token
// is a usage error. (The sync itself is tested in reports/issues.)
func TestIssuesSyncCommand(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := run(t, "audit", "--config", "../../../examples/alarmlink/vern.statement.yaml", "--out", out, "--format", "json"); code != exitcode.Findings {
		t.Fatalf("audit: %s", stderr)
	}
	findingsPath := filepath.Join(out, "findings.json")

	private := githubfake.New(githubfake.Options{Owner: "alarmlink", Repo: "compliance", Private: true, Token: "t0ken-not-secret"})
	defer private.Close()
	t.Setenv(tokenEnv, "t0ken-not-secret")
	code, stdout, stderr := run(t, "issues", "sync", "--findings", findingsPath, "--repo", "alarmlink/compliance", "--api-url", private.URL+"/", "--dry-run")
	if code != exitcode.OK {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "would create") || strings.Contains(stdout, "created") || private.Writes() != 0 {
		t.Errorf("dry run printed %q and made %d writes", stdout, private.Writes())
	}
	if strings.Contains(stdout+stderr, "t0ken-not-secret") {
		t.Error("the token was printed")
	}

	public := githubfake.New(githubfake.Options{Owner: "alarmlink", Repo: "compliance", Private: false})
	defer public.Close()
	code, _, stderr = run(t, "issues", "sync", "--findings", findingsPath, "--repo", "alarmlink/compliance", "--api-url", public.URL+"/")
	if code != exitcode.Usage || !strings.Contains(stderr, "public") || public.Writes() != 0 {
		t.Errorf("public repository: exit %d, %s, %d writes", code, stderr, public.Writes())
	}

	t.Setenv(tokenEnv, "")
	code, _, stderr = run(t, "issues", "sync", "--findings", findingsPath, "--repo", "alarmlink/compliance", "--api-url", private.URL+"/")
	if code != exitcode.Usage || !strings.Contains(stderr, tokenEnv) {
		t.Errorf("missing token: exit %d, %s", code, stderr)
	}
}

// TestIssuesSyncRepoFromConfig takes the repository from the inventory's github section.
func TestIssuesSyncRepoFromConfig(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := run(t, "audit", "--config", "../../../examples/alarmlink/vern.statement.yaml", "--out", out, "--format", "json"); code != exitcode.Findings {
		t.Fatalf("audit: %s", stderr)
	}
	srv := githubfake.New(githubfake.Options{Owner: "alarmlink", Repo: "compliance", Private: true})
	defer srv.Close()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "declaration.yaml"), "controller: {name: A}\n")
	writeFile(t, filepath.Join(dir, "vern.yaml"), "declaration: declaration.yaml\ngithub: {repo: alarmlink/compliance, api_url: "+srv.URL+"/, labels: [personvern]}\n")
	t.Setenv(tokenEnv, "t")
	code, stdout, stderr := run(t, "issues", "sync", "--findings", filepath.Join(out, "findings.json"), "--config", filepath.Join(dir, "vern.yaml"), "--dry-run")
	if code != exitcode.OK || !strings.Contains(stdout, "would create") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, _, stderr = run(t, "issues", "sync", "--findings", filepath.Join(out, "findings.json"), "--dry-run")
	if code != exitcode.Usage || !strings.Contains(stderr, "no repository") {
		t.Errorf("without repo: exit %d, %s", code, stderr)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIssuesSyncRefusedAPI: an API that refuses connections (a closed port) fails the sync
// with exit 4 within 15 seconds; the patience kept for rate limits is not spent on it.
func TestIssuesSyncRefusedAPI(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	if code, _, stderr := run(t, "audit", "--config", "../../../examples/alarmlink/vern.statement.yaml", "--out", out, "--format", "json"); code != exitcode.Findings {
		t.Fatalf("audit: %s", stderr)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/"
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	code, stdout, stderr := run(t, "issues", "sync", "--findings", filepath.Join(out, "findings.json"), "--repo", "alarmlink/compliance", "--api-url", closed, "--dry-run")
	took := time.Since(start)
	if code != exitcode.Delivery {
		t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, exitcode.Delivery, stdout, stderr)
	}
	if took > 15*time.Second {
		t.Errorf("a refused API took %s to fail; the bound is 15 s", took)
	}
	if !strings.Contains(stderr, "refused") {
		t.Errorf("stderr does not say the connection was refused:\n%s", stderr)
	}
}
