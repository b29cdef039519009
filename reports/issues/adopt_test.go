package issues

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports/issues/githubfake"
)

// listQueries returns the queries of the GET /issues requests received.
func listQueries(e *env) []string {
	var out []string
	for _, r := range e.srv.Requests() {
		if r.Method == http.MethodGet && strings.HasSuffix(r.Path, "/issues") {
			out = append(out, r.Query)
		}
	}
	return out
}

func countPath(e *env, method, suffix string) int {
	n := 0
	for _, r := range e.srv.Requests() {
		if r.Method == method && strings.HasSuffix(r.Path, suffix) {
			n++
		}
	}
	return n
}

// TestSyncAdoptsIssueWithoutVernLabel: a person takes vern's labels off an issue; the next
// run finds the issue again (by creator, or by rule label for an installation token), restores
// the labels with one edit and files no duplicate.
func TestSyncAdoptsIssueWithoutVernLabel(t *testing.T) {
	t.Parallel()
	inquiries := retention("public.inquiries", 120)
	tickets := retention("public.tickets", 7)
	tests := []struct {
		name         string
		installation bool
		remove       []string
		// closed closes the issue before its labels go, and the finding then returns.
		closed bool
		// lookup is the query the extra listing must carry; kind what is done with the issue.
		lookup, logged, kind string
		// users is how many GET /user the second run sends; lists how many GET /issues.
		users, lists int
	}{
		{name: "vern label removed, found by creator", remove: []string{"vern"},
			lookup: "creator=vern-bot", logged: "lookup=creator", kind: ActionUpdate, users: 1, lists: 2},
		{name: "every vern label removed, found by creator",
			remove: []string{"vern", "vern:db.retention_exceeded", "severity:high"},
			lookup: "creator=vern-bot", logged: "lookup=creator", kind: ActionUpdate, users: 1, lists: 2},
		{name: "installation token, found by rule label", installation: true, remove: []string{"vern"},
			lookup: "labels=vern%3Adb.retention_exceeded", logged: `lookup="rule labels"`, kind: ActionUpdate,
			users: 1, lists: 2},
		{name: "resolved issue unlabelled, finding returns", closed: true, remove: []string{"vern"},
			lookup: "creator=vern-bot", logged: "lookup=creator", kind: ActionReopen, users: 1, lists: 2},
		{name: "installation token, resolved issue unlabelled, finding returns", installation: true, closed: true,
			remove: []string{"vern"}, lookup: "labels=vern%3Adb.retention_exceeded", logged: `lookup="rule labels"`,
			kind: ActionReopen, users: 1, lists: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnvWith(t, func(o *githubfake.Options) { o.Installation = tc.installation })
			e.sync(document(inquiries, tickets))
			is := e.issue("db.retention_exceeded", "db:crm/public.inquiries")
			if tc.closed {
				e.sync(document(tickets))
			}
			e.srv.EditIssue(is.Number, func(is *githubfake.Issue) { is.Labels = append(is.Labels, "team:backend") })
			for _, l := range tc.remove {
				if !e.srv.RemoveLabel(is.Number, l) {
					t.Fatalf("issue #%d had no label %s", is.Number, l)
				}
			}
			before := e.issue("db.retention_exceeded", "db:crm/public.inquiries")

			e.logs.Reset()
			res := e.sync(document(inquiries, tickets))
			after := e.issue("db.retention_exceeded", "db:crm/public.inquiries") // fails on a duplicate
			if res.Created != 0 || res.Adopted != 1 || countPath(e, http.MethodPost, "/issues") != 0 {
				t.Fatalf("created %d, adopted %d; want the issue adopted: %+v", res.Created, res.Adopted, res.Actions)
			}
			if a := res.Actions[0]; a.Kind != tc.kind || a.Number != is.Number || !strings.HasPrefix(a.Reason, reasonAdopted) {
				t.Errorf("action %s #%d (%s), want %s #%d adopted", a.Kind, a.Number, a.Reason, tc.kind, is.Number)
			}
			for _, l := range []string{"vern", "vern:db.retention_exceeded", "severity:high", "team:backend"} {
				if !hasLabel(after, l) {
					t.Errorf("labels %v lack %s", after.Labels, l)
				}
			}
			if after.State != "open" || (after.Body != before.Body && !tc.closed) {
				t.Errorf("adopted issue: state %s, body changed %v", after.State, after.Body != before.Body)
			}
			if tc.closed && !strings.Contains(lastComment(after), "finds this again") {
				t.Errorf("reopened without the comment: %q", lastComment(after))
			}
			if n := countPath(e, http.MethodGet, "/user"); n != tc.users {
				t.Errorf("GET /user sent %d times, want %d", n, tc.users)
			}
			qs := listQueries(e)
			if len(qs) != tc.lists || !strings.Contains(qs[len(qs)-1], tc.lookup) || !strings.Contains(qs[len(qs)-1], "state=all") {
				t.Errorf("issue lists %q, want %d, the last with %s", qs, tc.lists, tc.lookup)
			}
			mustContain(t, e.logs.String(), tc.logged, "adopted")
			assertNoSecret(t, e, nil)

			// Back to the steady state: nothing written, no look-up.
			res = e.sync(document(inquiries, tickets))
			if res.Writes != 0 || res.Requests != 2 || res.Adopted != 0 {
				t.Fatalf("after adoption: %d writes, %d requests; want 0 and 2: %+v", res.Writes, res.Requests, res)
			}
		})
	}
}

// TestSyncAdoptionDryRun: a dry run finds the unlabelled issue too and says it is taken back.
func TestSyncAdoptionDryRun(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.sync(document(retention("public.inquiries", 5)))
	is := e.issue("db.retention_exceeded", "db:crm/public.inquiries")
	e.srv.RemoveLabel(is.Number, "vern")
	var out bytes.Buffer
	res := e.sync(document(retention("public.inquiries", 5)), func(o *Options) { o.DryRun, o.Out = true, &out })
	if e.srv.Writes() != 0 || res.Created != 0 || res.Updated != 1 || res.Adopted != 1 {
		t.Fatalf("dry run: %d writes, %+v", e.srv.Writes(), res)
	}
	mustContain(t, out.String(), "would create 0, would update 1", "1 issues found without the vern label", reasonAdopted)
}

// TestSyncAdoptionLookupOnlyWithCreates: the extra listing is sent only by runs that would
// file issues, and a refused GET /user is asked once a run.
func TestSyncAdoptionLookupOnlyWithCreates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		installation bool
		// lists is the GET /issues of a run filing two issues of two rules into an empty repository.
		lists int
	}{
		{name: "personal token", lists: 2},
		{name: "installation token", installation: true, lists: 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnvWith(t, func(o *githubfake.Options) { o.Installation = tc.installation })
			doc := document(retention("public.inquiries", 5), cookie("www.alarmlink.no", "_ga"))
			res := e.sync(doc)
			if res.Created != 2 || len(listQueries(e)) != tc.lists || countPath(e, http.MethodGet, "/user") != 1 {
				t.Fatalf("first run: created %d, lists %q, %d GET /user", res.Created, listQueries(e),
					countPath(e, http.MethodGet, "/user"))
			}
			e.sync(document(retention("public.inquiries", 6), cookie("www.alarmlink.no", "_ga")))
			if n := len(listQueries(e)); n != 1 || countPath(e, http.MethodGet, "/user") != 0 {
				t.Fatalf("update-only run: %d lists, %d GET /user; want 1 and 0", n, countPath(e, http.MethodGet, "/user"))
			}
		})
	}
}

// TestSyncAdoptionLookupFails: a failed extra listing fails the run (exit 4) rather than
// risking a duplicate, and the next run converges.
func TestSyncAdoptionLookupFails(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	doc := document(retention("public.inquiries", 5))
	e.sync(doc)
	is := e.issue("db.retention_exceeded", "db:crm/public.inquiries")
	e.srv.RemoveLabel(is.Number, "vern")
	// The first GET /issues is the vern listing; every later one fails.
	e.srv.Inject(&githubfake.Fault{Method: "GET", Path: "/issues", Skip: 1, Times: -1, Status: 503})
	if _, err := e.trySync(context.Background(), doc); exitCode(err) != 4 {
		t.Fatalf("err %v, want exit 4", err)
	}
	if e.srv.Writes() != 0 {
		t.Fatalf("failed look-up wrote: %v", e.srv.Requests())
	}
	e.srv.ClearFaults()
	if res := e.sync(doc); res.Adopted != 1 || res.Created != 0 {
		t.Fatalf("recovery: %+v", res)
	}
	if n := len(e.vernIssues()); n != 1 {
		t.Fatalf("%d vern issues, want 1", n)
	}
}

// TestSyncExplainsReclose: a person reopens an issue vern closed while the finding is still
// gone (or still waived); vern closes it again with a new comment, once per reopening, and
// a run interrupted between comment and close does not comment twice.
func TestSyncExplainsReclose(t *testing.T) {
	t.Parallel()
	kept := retention("public.inquiries", 5)
	tests := []struct {
		name   string
		closed *findings.Document
		want   string
		reason string
	}{
		{name: "resolved", closed: document(kept), want: "no longer finds", reason: "completed"},
		{name: "waived", closed: document(kept, waived(retention("public.tickets", 7), "2026-06-30")),
			want: "Archive migration runs in Q2", reason: "not_planned"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.sync(document(kept, retention("public.tickets", 7)))
			e.sync(tc.closed)
			num := e.issue("db.retention_exceeded", "db:crm/public.tickets").Number
			reopen := func() {
				e.srv.EditIssue(num, func(is *githubfake.Issue) { is.State, is.StateReason = "open", "reopened" })
			}
			check := func(step string, comments int) {
				t.Helper()
				is := e.issue("db.retention_exceeded", "db:crm/public.tickets")
				if is.State != "closed" || is.StateReason != tc.reason || len(is.Comments) != comments ||
					!strings.Contains(lastComment(is), tc.want) {
					t.Fatalf("%s: %s/%s with %d comments (want closed/%s with %d), last %q",
						step, is.State, is.StateReason, len(is.Comments), tc.reason, comments, lastComment(is))
				}
			}
			check("closed by vern", 1)

			reopen()
			e.sync(tc.closed)
			check("closed again after a person reopened it", 2)
			if res := e.sync(tc.closed); res.Writes != 0 {
				t.Fatalf("closed again, then %d writes", res.Writes)
			}

			// Reopened again; the run comments and dies before the close: one comment for it.
			reopen()
			e.srv.Inject(&githubfake.Fault{Method: "PATCH", Path: "/issues/*", Drop: true, Times: -1})
			if _, err := e.trySync(context.Background(), tc.closed); exitCode(err) != 4 {
				t.Fatalf("err %v, want exit 4", err)
			}
			e.srv.ClearFaults()
			e.sync(tc.closed)
			check("closed after an interrupted run", 3)
		})
	}
}
