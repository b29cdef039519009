package issues

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/alarmlink/vern/reports/issues/githubfake"
)

// TestSyncSaysWhatFailed checks that a failed sync's error and result say what failed, so
// the caller can tell options to fix from a repository refused or not brought in line.
func TestSyncSaysWhatFailed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		private    bool
		mod        func(*Options)
		want       Failure
		wantResult bool
	}{
		{name: "malformed repository", private: true, mod: func(o *Options) { o.Repo = "no-slash" }, want: FailureOptions},
		{name: "no findings", private: true, mod: func(o *Options) { o.Findings = nil }, want: FailureOptions},
		{name: "public repository", private: false, mod: func(*Options) {}, want: FailureRefused, wantResult: true},
		{name: "completed", private: true, mod: func(*Options) {}, want: "", wantResult: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			clock := githubfake.NewClock(start)
			srv := githubfake.New(githubfake.Options{Owner: "alarmlink", Repo: "compliance", Private: tc.private, Now: clock.Now})
			t.Cleanup(srv.Close)
			e := &env{t: t, srv: srv, clock: clock, logs: &bytes.Buffer{}}
			res, err := e.trySync(context.Background(), document(retention("public.inquiries", 5)), tc.mod)
			var se *Error
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("err %v, want none", err)
			case tc.want != "" && (!errors.As(err, &se) || se.Failure != tc.want):
				t.Fatalf("err %v, want failure %q", err, tc.want)
			case (res != nil) != tc.wantResult:
				t.Fatalf("result %+v, want one: %v", res, tc.wantResult)
			case res != nil && res.Failure != tc.want:
				t.Fatalf("result failure %q, want %q", res.Failure, tc.want)
			}
		})
	}
}
