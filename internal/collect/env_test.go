package collect

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/alarmlink/vern/internal/config"
)

// envRecorder is a collector that keeps the Env it was handed and logs one line with it.
type envRecorder struct{ got chan Env }

func (r envRecorder) Kind() string                    { return "fake" }
func (r envRecorder) Targets(*config.Config) []string { return []string{"fake:a"} }
func (r envRecorder) Collect(_ context.Context, _ *config.Config, _ string, env Env) (Result, error) {
	r.got <- env // before logging, so a nil logger fails the test instead of blocking it
	env.Log.Info("inside the collector")
	return Result{}, nil
}

func bufferLog() (*logrus.Entry, *bytes.Buffer) {
	var b bytes.Buffer
	l := logrus.New()
	l.SetOutput(&b)
	l.SetFormatter(&logrus.TextFormatter{DisableTimestamp: true, DisableColors: true})
	return logrus.NewEntry(l), &b
}

func TestWithDefaults(t *testing.T) {
	t.Parallel()
	given, _ := bufferLog()
	clock := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name        string
		env         Env
		wantLog     *logrus.Entry // nil: a discarding logger
		wantClockAt time.Time     // zero: the wall clock
	}{
		{"nothing given: a discarding logger and the wall clock", Env{}, nil, time.Time{}},
		{"a logger given is kept", Env{Log: given}, given, time.Time{}},
		{"a clock given is kept", Env{Now: clock}, nil, clock()},
		{"both given are kept", Env{Log: given, Now: clock}, given, clock()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := tc.env.WithDefaults()
			switch {
			case env.Log == nil:
				t.Fatal("Log is nil")
			case tc.wantLog != nil && env.Log != tc.wantLog:
				t.Error("the given logger was replaced")
			case tc.wantLog == nil && env.Log.Logger.Out != io.Discard:
				t.Errorf("default logger writes to %T, want io.Discard", env.Log.Logger.Out)
			}
			if env.Now == nil {
				t.Fatal("Now is nil")
			}
			got := env.Now()
			if !tc.wantClockAt.IsZero() && !got.Equal(tc.wantClockAt) {
				t.Errorf("Now() = %s, want the given clock's %s", got, tc.wantClockAt)
			}
			if tc.wantClockAt.IsZero() && time.Since(got) > time.Minute {
				t.Errorf("Now() = %s, want the wall clock", got)
			}
		})
	}
}

// TestRunHandsCollectorsAFullEnv: whatever the caller leaves out, a collector gets a logger
// and a clock, and a given logger receives the collector's lines with the target named.
func TestRunHandsCollectorsAFullEnv(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		withLog  bool
		withNow  bool
		wantLine string // in the given logger's output; "" when none is given
	}{
		{"no logger, no clock", false, false, ""},
		{"a logger, no clock", true, false, `msg="inside the collector" target="fake:a"`},
		{"a clock, no logger", false, true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var env Env
			var out *bytes.Buffer
			if tc.withLog {
				env.Log, out = bufferLog()
			}
			if tc.withNow {
				env.Now = func() time.Time { return at }
			}
			r := envRecorder{got: make(chan Env, 1)}
			ev, err := Run(context.Background(), &config.Config{}, []Collector{r}, env, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got Env
			select {
			case got = <-r.got:
			default:
				t.Fatalf("collector never ran: %+v", ev.Targets["fake:a"])
			}
			if got.Log == nil || got.Now == nil {
				t.Fatalf("collector got Log %v, Now set %t", got.Log, got.Now != nil)
			}
			if tc.withNow && (!got.Now().Equal(at) || !ev.StartedAt.Equal(at) || !ev.Targets["fake:a"].FinishedAt.Equal(at)) {
				t.Errorf("collector's clock %s, evidence started %s: want both from the given clock %s", got.Now(), ev.StartedAt, at)
			}
			if out != nil && !strings.Contains(out.String(), tc.wantLine) {
				t.Errorf("log = %q, want a line with %q", out.String(), tc.wantLine)
			}
		})
	}
}

func TestHook(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	var seen []string
	record := func(point string) error {
		seen = append(seen, point)
		if point == HookPoint("fake", "fails") {
			return boom
		}
		return nil
	}
	tests := []struct {
		name    string
		hooks   func(string) error
		point   string
		wantErr error
		wantRun bool
	}{
		{"no hooks: nothing runs", nil, HookPoint("fake", "fails"), nil, false},
		{"a hook that passes", record, HookPoint("fake", "passes"), nil, true},
		{"a hook that fails", record, HookPoint("fake", "fails"), boom, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seen = nil
			err := Env{Hooks: tc.hooks}.Hook(tc.point)
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Errorf("Hook(%s) = %v, want %v", tc.point, err, tc.wantErr)
			}
			if ran := len(seen) == 1 && seen[0] == tc.point; ran != tc.wantRun {
				t.Errorf("hooks saw %v, want the point run: %t", seen, tc.wantRun)
			}
		})
	}
}

func TestHookPoint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, kind, point, want string
	}{
		{"postgres step", "postgres", "after_catalog", "postgres/after_catalog"},
		{"site phase", "site", "before_phase_reject", "site/before_phase_reject"},
		{"processors document", "processors", "document", "processors/document"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := HookPoint(tc.kind, tc.point); got != tc.want {
				t.Errorf("HookPoint(%q, %q) = %q, want %q", tc.kind, tc.point, got, tc.want)
			}
		})
	}
}
