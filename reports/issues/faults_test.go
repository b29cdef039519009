package issues

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports/issues/githubfake"
)

// state is what a person sees of vern's issues: it must not depend on faults along the way.
type state struct {
	Title, Body, State, Reason string
	Labels                     string
	Comments                   int
}

func (e *env) state() map[string]state {
	e.t.Helper()
	out := map[string]state{}
	for id, is := range e.vernIssues() {
		out[id] = state{Title: is.Title, Body: is.Body, State: is.State, Reason: is.StateReason,
			Labels: strings.Join(is.Labels, ","), Comments: len(is.Comments)}
	}
	return out
}

func manyFindings(n int) []findings.Finding {
	var fs []findings.Finding
	for i := range n {
		fs = append(fs, retention(fmt.Sprintf("public.t%03d", i), int64(i+1)))
	}
	return fs
}

// reference runs the same history without faults and returns the state it ends in.
func reference(t *testing.T, docs ...*findings.Document) map[string]state {
	ref := newEnv(t)
	for _, d := range docs {
		ref.sync(d)
	}
	return ref.state()
}

func assertState(t *testing.T, e *env, want map[string]state) {
	t.Helper()
	got := e.state()
	if !reflect.DeepEqual(got, want) {
		for id, w := range want {
			if g := got[id]; !reflect.DeepEqual(g, w) {
				t.Errorf("issue %s:\n got %+v\nwant %+v", id, g, w)
			}
		}
		t.Fatalf("state differs: %d issues, want %d", len(got), len(want))
	}
}

func assertNoSecret(t *testing.T, e *env, err error) {
	t.Helper()
	if strings.Contains(e.logs.String(), testToken) || (err != nil && strings.Contains(err.Error(), testToken)) {
		t.Fatal("the token appears in the log or the error")
	}
}

// TestSyncRecoversFromFaults injects one kind of fault into a run and checks the run ends in
// the same issues as a run without it, with nothing done twice.
func TestSyncRecoversFromFaults(t *testing.T) {
	t.Parallel()
	before := document(manyFindings(3)...)
	// after: t000 is fixed (close), t001 grows (update), t003 is new (create).
	after := document(retention("public.t001", 99), retention("public.t002", 3), retention("public.t003", 4))

	tests := []struct {
		name  string
		fault func(e *env) *githubfake.Fault
		// minWait is the least the run must have waited.
		minWait time.Duration
		// posts is how many POST /issues the faulty run sends (0: not checked); it files two
		// issues, so 2 means nothing was sent again.
		posts int
	}{
		{name: "403 secondary limit on create", minWait: 60 * time.Second, posts: 3,
			fault: func(e *env) *githubfake.Fault { return githubfake.SecondaryLimit("POST", "/issues", 60) }},
		{name: "403 secondary limit without Retry-After", minWait: time.Minute,
			fault: func(e *env) *githubfake.Fault {
				f := githubfake.SecondaryLimit("PATCH", "/issues/*", 0)
				f.Header = nil
				return f
			}},
		{name: "429 with Retry-After on list", minWait: 30 * time.Second,
			fault: func(e *env) *githubfake.Fault { return githubfake.TooManyRequests("GET", "/issues", 30) }},
		{name: "429 on comment", minWait: 5 * time.Second,
			fault: func(e *env) *githubfake.Fault { return githubfake.TooManyRequests("POST", "/issues/*/comments", 5) }},
		{name: "502s on list", fault: func(e *env) *githubfake.Fault { return githubfake.BadGateway("GET", "/issues", 3) }},
		{name: "502s on edit", fault: func(e *env) *githubfake.Fault { return githubfake.BadGateway("PATCH", "/issues/*", 2) }},
		{name: "502 on create, not created", posts: 3,
			fault: func(e *env) *githubfake.Fault { return githubfake.BadGateway("POST", "/issues", 1) }},
		{name: "connection cut after create", posts: 2,
			fault: func(e *env) *githubfake.Fault { return githubfake.CutAfter("POST", "/issues") }},
		{name: "connection cut before create", posts: 3,
			fault: func(e *env) *githubfake.Fault { return &githubfake.Fault{Method: "POST", Path: "/issues", Drop: true} }},
		{name: "connection cut after comment",
			fault: func(e *env) *githubfake.Fault { return githubfake.CutAfter("POST", "/issues/*/comments") }},
		{name: "connection cut after label create",
			fault: func(e *env) *githubfake.Fault { return githubfake.CutAfter("POST", "/labels") }},
		{name: "connection cut on edit",
			fault: func(e *env) *githubfake.Fault {
				return &githubfake.Fault{Method: "PATCH", Path: "/issues/*", Drop: true, After: true}
			}},
		{name: "primary limit exhausted", minWait: 10 * time.Minute,
			fault: func(e *env) *githubfake.Fault { e.srv.SetRemaining(0, e.clock.Now().Add(10*time.Minute)); return nil }},
		{name: "primary limit reaches zero on a success", minWait: 10 * time.Minute,
			fault: func(e *env) *githubfake.Fault { e.srv.SetRemaining(1, e.clock.Now().Add(10*time.Minute)); return nil }},
	}
	want := reference(t, before, after)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.sync(before)
			// A new rule needs a new label in the faulty run.
			doc := document(append(after.Findings, cookie("www.alarmlink.no", "_ga"))...)
			f := tc.fault(e)
			if f != nil {
				e.srv.Inject(f)
			}
			res, err := e.trySync(context.Background(), doc)
			assertNoSecret(t, e, err)
			if err != nil {
				t.Fatalf("sync: %v", err)
			}
			if f != nil && f.Fired() == 0 {
				t.Fatal("the fault never fired")
			}
			if res.Waited < tc.minWait {
				t.Errorf("waited %v, want at least %v", res.Waited, tc.minWait)
			}
			if tc.posts > 0 {
				n := 0
				for _, r := range e.srv.Requests() {
					if r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/issues") {
						n++
					}
				}
				if n != tc.posts {
					t.Errorf("POST /issues sent %d times, want %d", n, tc.posts)
				}
			}
			// Back to the reference history: the cookie issue closes, the rest must match.
			e.srv.ClearFaults()
			e.sync(after)
			got := e.state()
			delete(got, IssueID("cookies.before_consent", "site:www.alarmlink.no"))
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("state after recovery differs:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestSyncConnectionCutMidRun loses the connection for good half way: the run fails with exit
// code 4, and the run after recovery converges with no duplicates.
func TestSyncConnectionCutMidRun(t *testing.T) {
	t.Parallel()
	doc := document(manyFindings(12)...)
	want := reference(t, doc)

	e := newEnv(t)
	// Repository, list, list by creator, labels, 2 label creates, then 4 creates get through
	// (GET /user is outside the repository, which the fault does not count).
	e.srv.Inject(&githubfake.Fault{Path: "*any", Drop: true, Skip: 10, Times: -1})
	_, err := e.trySync(context.Background(), doc)
	if err == nil || exitCode(err) != 4 {
		t.Fatalf("cut run: err %v, exit %d; want exit 4", err, exitCode(err))
	}
	assertNoSecret(t, e, err)
	if n := len(e.vernIssues()); n == 0 || n == 12 {
		t.Fatalf("cut run made %d issues; want a partial run", n)
	}
	e.srv.ClearFaults()
	e.sync(doc)
	assertState(t, e, want)
}

// TestSyncKilledHalfwayConverges cancels a run in the middle of a create (the issue is made,
// the answer lost) and reruns it.
func TestSyncKilledHalfwayConverges(t *testing.T) {
	t.Parallel()
	first := document(manyFindings(10)...)
	second := document(manyFindings(20)[5:]...) // 5 resolved, 10 kept, 5 new
	want := reference(t, first, second)

	e := newEnv(t)
	for _, doc := range []*findings.Document{first, second} {
		ctx, cancel := context.WithCancel(context.Background())
		e.srv.Inject(&githubfake.Fault{Method: "POST", Skip: 4, Path: "/issues*", OnFire: cancel, Drop: true, After: true})
		_, err := e.trySync(ctx, doc)
		cancel()
		if err == nil || exitCode(err) != 4 {
			t.Fatalf("killed run: err %v (exit %d), want exit 4", err, exitCode(err))
		}
		e.srv.ClearFaults()
		e.sync(doc)
	}
	assertState(t, e, want)
	if res := e.sync(second); res.Writes != 0 {
		t.Fatalf("converged state is not stable: %+v", res)
	}
}

// TestSyncGivesUp returns exit code 4 when a request still fails after its retries, having
// created nothing twice.
func TestSyncGivesUp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault *githubfake.Fault
	}{
		{name: "create always 502", fault: &githubfake.Fault{Method: "POST", Path: "/issues", Times: -1, Status: 502}},
		{name: "list always 503", fault: &githubfake.Fault{Method: "GET", Path: "/issues", Times: -1, Status: 503}},
		{name: "secondary limit never lifts", fault: func() *githubfake.Fault {
			f := githubfake.SecondaryLimit("POST", "/issues", 120)
			f.Times = -1
			return f
		}()},
		{name: "forbidden", fault: &githubfake.Fault{Method: "POST", Path: "/issues", Status: 403,
			Body: `{"message":"Resource not accessible by integration"}`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.srv.Inject(tc.fault)
			_, err := e.trySync(context.Background(), document(manyFindings(2)...))
			if exitCode(err) != 4 {
				t.Fatalf("err %v (exit %d), want exit 4", err, exitCode(err))
			}
			assertNoSecret(t, e, err)
			if n := len(e.srv.Issues()); n > 0 {
				t.Fatalf("%d issues created by a failing run", n)
			}
			e.srv.ClearFaults()
			e.sync(document(manyFindings(2)...))
			if n := len(e.vernIssues()); n != 2 {
				t.Fatalf("recovery made %d issues, want 2", n)
			}
		})
	}
}

// TestSyncInterruptedCloseCommentsOnce: a run posts the closing comment and dies before the
// close; the next run closes the issue without commenting again.
func TestSyncInterruptedCloseCommentsOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.sync(document(manyFindings(2)...))
	e.srv.Inject(&githubfake.Fault{Method: "PATCH", Path: "/issues/*", Drop: true, Times: -1})
	if _, err := e.trySync(context.Background(), document(manyFindings(1)...)); exitCode(err) != 4 {
		t.Fatalf("err %v, want exit 4", err)
	}
	e.srv.ClearFaults()
	res := e.sync(document(manyFindings(1)...))
	is := e.issue("db.retention_exceeded", "db:crm/public.t001")
	if res.Closed != 1 || is.State != "closed" || len(is.Comments) != 1 {
		t.Fatalf("closed %d, state %s, %d comments; want closed with one comment", res.Closed, is.State, len(is.Comments))
	}
}
