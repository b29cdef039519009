package commands

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/alarmlink/vern/cmd/vern/exitcode"
)

// stallingServer accepts TCP connections and never answers; accepted receives each
// connection as it arrives, so a test acts on the event, not after a sleep.
func stallingServer(t *testing.T) (addr string, accepted <-chan struct{}) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan struct{}, 16)
	done := make(chan struct{})
	var conns []net.Conn
	go func() {
		defer close(done)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
			select {
			case ch <- struct{}{}:
			default:
			}
		}
	}()
	t.Cleanup(func() {
		_ = l.Close()
		<-done
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return l.Addr().String(), ch
}

// TestInterruptLeavesNoOutput sends SIGINT to vern while it waits on a database that never
// answers: vern exits 130 and leaves nothing in --out, neither a whole file nor a temporary
// one.
func TestInterruptLeavesNoOutput(t *testing.T) {
	t.Parallel()
	bin := vernBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		for _, command := range []string{"audit", "collect"} {
			name := command + " " + sig.String()
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				addr, accepted := stallingServer(t)
				dir := t.TempDir()
				writeFile(t, filepath.Join(dir, "declaration.yaml"), "controller: {name: A}\ncategories:\n  contact: {title: K, data: [user.contact.email]}\n")
				writeFile(t, filepath.Join(dir, "vern.yaml"), "declaration: declaration.yaml\ndatabases:\n  crm:\n    dsn: postgres://reader@"+addr+"/crm?sslmode=disable\n")
				out := filepath.Join(dir, "out")

				// The deadline only ends a hang; it names the case.
				ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
				defer cancel()
				var stdout, stderr bytes.Buffer
				args := []string{command, "--config", filepath.Join(dir, "vern.yaml"), "--out", out}
				if command == "audit" {
					args = append(args, "--format", "json,html,sarif")
				}
				cmd := exec.CommandContext(ctx, bin, args...)
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				exited := make(chan error, 1)
				go func() { exited <- cmd.Wait() }()
				select {
				case <-accepted:
				case err := <-exited:
					t.Fatalf("%s: vern ended (%v) before it connected to the database\nstderr: %s", name, err, stderr.String())
				case <-ctx.Done():
					t.Fatalf("%s: vern never connected to the database\nstderr: %s", name, stderr.String())
				}
				if err := cmd.Process.Signal(sig); err != nil {
					t.Fatal(err)
				}
				err := <-exited
				if ctx.Err() != nil {
					t.Fatalf("%s: vern did not stop after %s\nstderr: %s", name, sig, stderr.String())
				}
				var exit *exec.ExitError
				if !errors.As(err, &exit) || exit.ExitCode() != exitcode.Interrupted {
					t.Fatalf("%s: %v, want exit %d\nstdout: %s\nstderr: %s", name, err, exitcode.Interrupted, stdout.String(), stderr.String())
				}
				if !strings.Contains(stderr.String(), "interrupted") {
					t.Errorf("stderr does not say the run was interrupted:\n%s", stderr.String())
				}
				entries, err := os.ReadDir(out)
				if err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
				for _, e := range entries {
					t.Errorf("%s left %s in --out", name, e.Name())
				}
			})
		}
	}
}
