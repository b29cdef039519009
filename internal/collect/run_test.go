package collect

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

type stub struct {
	kind    string
	targets []string
	running atomic.Int32
	peak    atomic.Int32
	result  func(target string) (Result, error)
}

func (s *stub) Kind() string                    { return s.kind }
func (s *stub) Targets(*config.Config) []string { return s.targets }
func (s *stub) Collect(_ context.Context, _ *config.Config, target string, _ Env) (Result, error) {
	n := s.running.Add(1)
	defer s.running.Add(-1)
	for {
		p := s.peak.Load()
		if n <= p || s.peak.CompareAndSwap(p, n) {
			break
		}
	}
	time.Sleep(10 * time.Millisecond)
	return s.result(target)
}

func TestRun(t *testing.T) {
	t.Parallel()
	cfg := &config.Config{Hashes: map[string]string{"declaration": "abc"}}
	s := &stub{kind: "fake", targets: []string{"fake:a", "fake:b", "fake:c", "fake:d", "fake:e"}, result: func(target string) (Result, error) {
		switch target {
		case "fake:b":
			return Result{}, &Failure{Reason: "connect: refused", Fix: "start it", Err: errors.New("dial tcp")}
		case "fake:c":
			return Result{Data: map[string]int{"n": 1}, Partial: true, Reason: "headers only"}, nil
		case "fake:d":
			panic("collector bug")
		}
		return Result{Data: map[string]int{"n": 1}}, nil
	}}
	ev, err := Run(context.Background(), cfg, []Collector{s}, Env{}, Options{Concurrency: 2, VernVersion: "t"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]evidence.Status{"fake:a": evidence.StatusOK, "fake:b": evidence.StatusFailed, "fake:c": evidence.StatusPartial,
		"fake:d": evidence.StatusFailed, "fake:e": evidence.StatusOK}
	for name, status := range want {
		got := ev.Targets[name]
		if got == nil || got.Status != status {
			t.Errorf("%s: %+v, want %s", name, got, status)
		}
	}
	if b := ev.Targets["fake:b"]; b.Fix != "start it" || !strings.Contains(b.Reason, "connect: refused") {
		t.Errorf("failed target lost its reason or fix: %+v", b)
	}
	if !strings.Contains(ev.Targets["fake:d"].Reason, "crashed") {
		t.Errorf("panic not recorded: %+v", ev.Targets["fake:d"])
	}
	if p := s.peak.Load(); p > 2 {
		t.Errorf("%d targets ran at once, want at most 2", p)
	}
	if ev.Hashes["declaration"] != "abc" || ev.SchemaVersion != evidence.SchemaVersion {
		t.Errorf("evidence header not filled: %+v", ev.Hashes)
	}
}

func TestRunSelection(t *testing.T) {
	t.Parallel()
	ok := func(string) (Result, error) { return Result{}, nil }
	s := &stub{kind: "fake", targets: []string{"fake:a", "fake:b"}, result: ok}
	ev, err := Run(context.Background(), &config.Config{}, []Collector{s}, Env{}, Options{Targets: []string{"fake:b"}})
	if err != nil || len(ev.Targets) != 1 || ev.Targets["fake:b"] == nil {
		t.Fatalf("selection: %v %+v", err, ev)
	}
	_, err = Run(context.Background(), &config.Config{}, []Collector{s}, Env{}, Options{Targets: []string{"db:nope"}})
	if err == nil || !strings.Contains(err.Error(), `unknown target "db:nope"`) || !strings.Contains(err.Error(), "fake:a") {
		t.Fatalf("unknown target: %v", err)
	}
}

func TestRoot(t *testing.T) {
	t.Parallel()
	tests := []struct{ dir, want string }{
		{"", ""},
		{".", ""},
		{"examples/alarmlink", "examples/alarmlink"},
		{"./compliance/", "compliance"},
		{"../elsewhere", ""},
		{"/", ""},
	}
	for _, tc := range tests {
		if got := root(tc.dir); got != tc.want {
			t.Errorf("root(%q) = %q, want %q", tc.dir, got, tc.want)
		}
	}
}
