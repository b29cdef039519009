package issues

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports/issues/githubfake"
)

// TestSyncLifecycle walks one repository through a season of nightly audits.
func TestSyncLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	// Issues that are not vern's: one labelled vern by a person without a marker, one plain.
	foreign := e.srv.AddIssue(githubfake.Issue{Title: "Discuss vern rollout", Body: "no marker here", Labels: []string{"vern"}})
	plain := e.srv.AddIssue(githubfake.Issue{Title: "Printer broken", Body: "<!-- not vern -->"})

	base := []findings.Finding{
		retention("public.inquiries", 120), retention("public.tickets", 7),
		clause("nordlys-crm", "c", 2, 14), clause("nordlys-crm", "a", 1, 3),
		cookie("www.alarmlink.no", "_ga"),
	}

	// 1. First run creates one issue per rule and target, with labels created in colour.
	res := e.sync(document(base...))
	if res.Created != 4 || e.srv.Count(http.MethodPost) != 4+5 {
		t.Fatalf("first run: created %d, %d POSTs; want 4 issues and 5 labels: %+v", res.Created, e.srv.Count(http.MethodPost), res)
	}
	if got := len(e.vernIssues()); got != 4 {
		t.Fatalf("vern issues = %d, want 4", got)
	}
	dpa := e.issue("processor.clause_missing", "processor://nordlys-crm")
	for _, l := range []string{"vern", "vern:processor.clause_missing", "severity:medium"} {
		if !hasLabel(dpa, l) {
			t.Errorf("issue labels %v lack %s", dpa.Labels, l)
		}
	}
	if c := e.srv.Labels()["severity:high"].Color; c != "d93f0b" {
		t.Errorf("severity:high colour = %q", c)
	}
	mustContain(t, dpa.Body, "`processor://nordlys-crm#clause=a`", "`processor://nordlys-crm#clause=c`", "page: 2", "line: 14",
		"GDPR Art. 28(3)", "waivers.yaml", "rule: \"processor.clause_missing\"", "https://ci.example/run/1/report.html")

	// 2. The same findings again: no write, one list request per 100 issues.
	res = e.sync(document(base...), func(o *Options) { o.ReportURL = "https://ci.example/run/2/report.html" })
	if w := e.srv.Writes(); w != 0 || res.Writes != 0 {
		t.Fatalf("unchanged run wrote %d times: %v", w, e.srv.Requests())
	}
	if gets := e.srv.Count(http.MethodGet); gets != 2 {
		t.Errorf("unchanged run sent %d GETs, want 2 (repository, one page of issues)", gets)
	}
	if res.Unchanged != 4 {
		t.Errorf("unchanged = %d, want 4", res.Unchanged)
	}

	// 3. One table is cleaned up and another grows: close one, update the other.
	res = e.sync(document(retention("public.inquiries", 130), base[2], base[3], base[4]))
	if res.Closed != 1 || res.Updated != 1 || res.Created != 0 {
		t.Fatalf("third run: %+v", res)
	}
	tickets := e.issue("db.retention_exceeded", "db:crm/public.tickets")
	if tickets.State != "closed" || tickets.StateReason != "completed" || !strings.Contains(lastComment(tickets), "no longer finds") {
		t.Errorf("resolved issue: state %s/%s, comment %q", tickets.State, tickets.StateReason, lastComment(tickets))
	}
	mustContain(t, e.issue("db.retention_exceeded", "db:crm/public.inquiries").Body, "| 130 |")

	// 4. It comes back: reopened with a comment.
	res = e.sync(document(base...))
	tickets = e.issue("db.retention_exceeded", "db:crm/public.tickets")
	if res.Reopened != 1 || tickets.State != "open" || !strings.Contains(lastComment(tickets), "finds this again") {
		t.Fatalf("regression: %+v, state %s, comment %q", res, tickets.State, lastComment(tickets))
	}

	// 5. A waiver closes it as not planned, with justification, approver and expiry.
	withWaiver := []findings.Finding{base[0], waived(base[1], "2026-06-30"), base[2], base[3], base[4]}
	res = e.sync(document(withWaiver...))
	tickets = e.issue("db.retention_exceeded", "db:crm/public.tickets")
	if res.Waived != 1 || tickets.State != "closed" || tickets.StateReason != "not_planned" || !hasLabel(tickets, "vern:waived") {
		t.Fatalf("waiver: %+v, issue %s/%s %v", res, tickets.State, tickets.StateReason, tickets.Labels)
	}
	mustContain(t, lastComment(tickets), "Archive migration runs in Q2", "`Kari Nordmann, DPO`", "`2026-06-30`")
	if e.sync(document(withWaiver...)); e.srv.Writes() != 0 {
		t.Errorf("waived and unchanged: %d writes", e.srv.Writes())
	}

	// 6. The waiver expires (the finding is no longer waived): reopened, waived label gone.
	res = e.sync(document(base...))
	tickets = e.issue("db.retention_exceeded", "db:crm/public.tickets")
	if res.Reopened != 1 || tickets.State != "open" || hasLabel(tickets, "vern:waived") ||
		!strings.Contains(lastComment(tickets), "no longer in force") {
		t.Fatalf("expiry: %+v, issue %s %v %q", res, tickets.State, tickets.Labels, lastComment(tickets))
	}

	// 7. A person closes an issue as not planned: it stays closed, untouched.
	cookies := e.issue("cookies.before_consent", "site:www.alarmlink.no")
	e.srv.EditIssue(cookies.Number, func(is *githubfake.Issue) { is.State, is.StateReason = "closed", "not_planned" })
	res = e.sync(document(append(base[:4:4], cookie("www.alarmlink.no", "_ga"), cookie("www.alarmlink.no", "_fbp"))...))
	if got := e.issue("cookies.before_consent", "site:www.alarmlink.no"); got.State != "closed" || got.Body != cookies.Body {
		t.Errorf("person's not-planned close was changed: %s, body changed %v", got.State, got.Body != cookies.Body)
	}
	if res.Skipped != 1 || e.srv.Writes() != 0 {
		t.Errorf("person closed: %+v, %d writes", res, e.srv.Writes())
	}

	// 8. Issues vern did not create were never touched.
	all := e.srv.Issues()
	if f := all[foreign-1]; f.Body != "no marker here" || f.State != "open" || len(f.Comments) != 0 {
		t.Errorf("foreign issue touched: %+v", f)
	}
	if p := all[plain-1]; p.Title != "Printer broken" || p.State != "open" || len(p.Comments) != 0 {
		t.Errorf("plain issue touched: %+v", p)
	}
}

func TestSyncKeepsOtherLabels(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.sync(document(retention("public.inquiries", 5)))
	is := e.issue("db.retention_exceeded", "db:crm/public.inquiries")
	e.srv.EditIssue(is.Number, func(is *githubfake.Issue) { is.Labels = append(is.Labels, "team:backend") })

	e.sync(document(retention("public.inquiries", 6)), func(o *Options) { o.Labels = []string{"personvern"} })
	is = e.issue("db.retention_exceeded", "db:crm/public.inquiries")
	for _, l := range []string{"team:backend", "personvern", "vern", "severity:high"} {
		if !hasLabel(is, l) {
			t.Errorf("labels %v lack %s", is.Labels, l)
		}
	}
}

func TestSyncIncompleteAuditDoesNotClose(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.sync(document(retention("public.inquiries", 5)))
	doc := document()
	doc.Targets = []findings.TargetStatus{{Name: "db:crm", Kind: "postgres", Status: "failed", Reason: "connection refused"}}
	res := e.sync(doc)
	if res.Closed != 0 || res.Skipped != 1 || e.srv.Writes() != 0 {
		t.Fatalf("incomplete audit: %+v, %d writes", res, e.srv.Writes())
	}
}

func TestSyncRefusesPublicRepository(t *testing.T) {
	t.Parallel()
	clock := githubfake.NewClock(start)
	srv := githubfake.New(githubfake.Options{Owner: "alarmlink", Repo: "compliance", Now: clock.Now})
	t.Cleanup(srv.Close)
	e := &env{t: t, srv: srv, clock: clock, logs: &bytes.Buffer{}}

	_, err := e.trySync(context.Background(), document(retention("public.inquiries", 5)))
	if !errors.Is(err, ErrPublicRepository) || exitCode(err) != 2 {
		t.Fatalf("public repository: err %v (exit %d)", err, exitCode(err))
	}
	if srv.Writes() != 0 {
		t.Fatalf("public repository written: %v", srv.Requests())
	}
	res := e.sync(document(retention("public.inquiries", 5)), func(o *Options) { o.AllowPublic = true })
	if res.Created != 1 {
		t.Fatalf("allowed public: %+v", res)
	}
}

func TestSyncDryRun(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.sync(document(retention("public.inquiries", 5), retention("public.tickets", 1)))

	var out bytes.Buffer
	res := e.sync(document(retention("public.inquiries", 6), clause("nordlys-crm", "a", 1, 1)),
		func(o *Options) { o.DryRun, o.Out = true, &out })
	if e.srv.Writes() != 0 {
		t.Fatalf("dry run wrote: %v", e.srv.Requests())
	}
	if res.Created != 1 || res.Updated != 1 || res.Closed != 1 || !res.DryRun {
		t.Fatalf("dry run result: %+v", res)
	}
	mustContain(t, out.String(), "would create 1, would update 1, would close 1", "would create       new", "would update       #", "would close        #")
	if strings.Contains(out.String(), testToken) {
		t.Fatal("dry run printed the token")
	}
}

func TestSyncNorwegian(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.sync(document(retention("public.inquiries", 5)), func(o *Options) { o.Lang = "nb" })
	is := e.issue("db.retention_exceeded", "db:crm/public.inquiries")
	mustContain(t, is.Title, "Rader lagret lenger enn lagringstiden")
	mustContain(t, is.Body, "### Hva er galt", "personvernerklæringen lover", "5 rader eldre enn 12 måneder", "Slett eller anonymiser")
}

func TestSyncInvalidOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts Options
	}{
		{name: "no repo", opts: Options{Findings: document()}},
		{name: "bad repo", opts: Options{Repo: "alarmlink", Findings: document()}},
		{name: "no findings", opts: Options{Repo: "a/b"}},
		{name: "bad lang", opts: Options{Repo: "a/b", Findings: document(), Lang: "de"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if _, err := Sync(context.Background(), tc.opts); exitCode(err) != 2 {
				t.Fatalf("err %v, exit %d; want exit 2", err, exitCode(err))
			}
		})
	}
}
