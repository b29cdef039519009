package issues

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports/issues/githubfake"
)

const testToken = "ghp_secretTESTTOKEN0123456789"

// start is the real time, so go-github's own rate-limit check (on the real clock) is exercised.
var start = time.Now().UTC().Truncate(time.Second)

// env is a fake GitHub with a manual clock, and the log of the syncs run against it.
type env struct {
	t     *testing.T
	srv   *githubfake.Server
	clock *githubfake.Clock
	logs  *bytes.Buffer
}

func newEnv(t *testing.T) *env { t.Helper(); return newEnvWith(t, nil) }

// newEnvWith is newEnv with the fake's options changed by mod (when not nil).
func newEnvWith(t *testing.T, mod func(*githubfake.Options)) *env {
	t.Helper()
	clock := githubfake.NewClock(start)
	opts := githubfake.Options{Owner: "alarmlink", Repo: "compliance", Private: true, Token: testToken, Now: clock.Now}
	if mod != nil {
		mod(&opts)
	}
	srv := githubfake.New(opts)
	t.Cleanup(srv.Close)
	return &env{t: t, srv: srv, clock: clock, logs: &bytes.Buffer{}}
}

func (e *env) options(doc *findings.Document) Options {
	l := logrus.New()
	l.Out = e.logs
	l.Level = logrus.DebugLevel
	return Options{
		Repo: "alarmlink/compliance", Token: testToken, APIURL: e.srv.URL, HTTPClient: e.srv.Client(),
		Findings: doc, Lang: "en", ReportURL: "https://ci.example/run/1/report.html",
		Sleep: e.clock.Sleep, Now: e.clock.Now, Log: logrus.NewEntry(l),
	}
}

// sync runs a sync that must succeed; e.srv's request log is reset first.
func (e *env) sync(doc *findings.Document, mods ...func(*Options)) *Result {
	e.t.Helper()
	res, err := e.trySync(context.Background(), doc, mods...)
	if err != nil {
		e.t.Fatalf("sync: %v", err)
	}
	return res
}

func (e *env) trySync(ctx context.Context, doc *findings.Document, mods ...func(*Options)) (*Result, error) {
	e.srv.ResetRequests()
	o := e.options(doc)
	for _, m := range mods {
		m(&o)
	}
	return Sync(ctx, o)
}

// vernIssues returns the issues carrying a marker, by identity; it fails on duplicates.
func (e *env) vernIssues() map[string]githubfake.Issue {
	e.t.Helper()
	out := map[string]githubfake.Issue{}
	for _, is := range e.srv.Issues() {
		id := markerID(is.Body)
		if id == "" {
			continue
		}
		if prev, ok := out[id]; ok {
			e.t.Fatalf("duplicate issues #%d and #%d for %s", prev.Number, is.Number, id)
		}
		out[id] = is
	}
	return out
}

func (e *env) issue(rule, target string) githubfake.Issue {
	e.t.Helper()
	is, ok := e.vernIssues()[IssueID(rule, target)]
	if !ok {
		e.t.Fatalf("no issue for %s on %s", rule, target)
	}
	return is
}

// exitCode is the exit code the command line gives err: 2 for options or a repository
// refused, 4 for a sync not delivered, -1 for an error that is not a sync's.
func exitCode(err error) int {
	var e *Error
	if !errors.As(err, &e) {
		return -1
	}
	switch e.Failure {
	case FailureOptions, FailureRefused:
		return 2
	case FailureDelivery:
		return 4
	}
	return -1
}

func hasLabel(is githubfake.Issue, l string) bool {
	for _, x := range is.Labels {
		if x == l {
			return true
		}
	}
	return false
}

func lastComment(is githubfake.Issue) string {
	if len(is.Comments) == 0 {
		return ""
	}
	return is.Comments[len(is.Comments)-1].Body
}

func count(n int64) *int64 { return &n }

var testRules = map[string]findings.Rule{
	"db.retention_exceeded": {
		ID: "db.retention_exceeded", Title: "Rows kept past their retention period", Severity: "high", Kind: "drift", Area: "db",
		Description: "Rows are kept longer than the retention period the statement promises.",
		Legal:       []string{"GDPR Art. 5(1)(e)", "GDPR Art. 17"},
		Remediation: "Delete or anonymise the rows past the period, and schedule the deletion.",
		NB: &findings.Text{Title: "Rader lagret lenger enn lagringstiden",
			Description: "Rader lagres lenger enn lagringstiden personvernerklæringen lover.",
			Remediation: "Slett eller anonymiser radene, og planlegg slettingen."},
		Builtin: true,
	},
	"processor.clause_missing": {
		ID: "processor.clause_missing", Title: "Data processing agreement lacks a clause", Severity: "medium", Area: "processor",
		Description: "The agreement lacks an element Art. 28(3) requires.",
		Legal:       []string{"GDPR Art. 28(3)"},
		Remediation: "Amend the agreement with the missing clauses.",
		NB: &findings.Text{Title: "Databehandleravtalen mangler en klausul",
			Description: "Avtalen mangler et element artikkel 28(3) krever.", Remediation: "Endre avtalen."},
		Builtin: true,
	},
	"cookies.before_consent": {
		ID: "cookies.before_consent", Title: "Cookie set before consent", Severity: "high", Area: "cookies",
		Description: "A non-essential cookie is written before any choice.",
		Legal:       []string{"ekomloven § 3-15"}, Remediation: "Load the tag only after consent.",
		Builtin: true,
	},
}

func retention(table string, rows int64) findings.Finding {
	target := "db:crm/" + table
	return findings.Finding{Rule: "db.retention_exceeded", Title: "Rows kept past their retention period", Severity: "high",
		Area: "db", Resource: target, Target: target, Count: count(rows),
		Message:   fmt.Sprintf("%d rows older than 12 months", rows),
		MessageNB: fmt.Sprintf("%d rader eldre enn 12 måneder", rows),
		Details:   map[string]any{"max_days": float64(365), "timestamp": "created_at"},
		Legal:     []string{"GDPR Art. 5(1)(e)"}, Fingerprint: "fp-" + table,
		Location: &findings.Location{File: "vern.yaml", Line: 12}}
}

func clause(processor, letter string, page, line int) findings.Finding {
	target := "processor://" + processor
	return findings.Finding{Rule: "processor.clause_missing", Severity: "medium", Area: "processor",
		Resource: target + "#clause=" + letter, Target: target,
		Message:     "Art. 28(3)(" + letter + ") missing",
		Details:     map[string]any{"clause": letter, "document": processor + ".md", "page": float64(page), "line": float64(line)},
		Fingerprint: "fp-" + processor + letter}
}

func cookie(host, name string) findings.Finding {
	return findings.Finding{Rule: "cookies.before_consent", Severity: "high", Area: "cookies",
		Resource: "site:" + host + "/cookie/" + name, Target: "site:" + host,
		Message: "cookie " + name + " set before consent", Details: map[string]any{"cookie": name, "vendor": "google"},
		Fingerprint: "fp-" + host + name}
}

func waived(f findings.Finding, expires string) findings.Finding {
	f.Waiver = &findings.Waiver{Justification: "Archive migration runs in Q2", ApprovedBy: "Kari Nordmann, DPO",
		Created: "2026-01-10", Expires: expires, Resource: f.Resource}
	return f
}

func document(fs ...findings.Finding) *findings.Document {
	return &findings.Document{VernVersion: "test", EvaluatedAt: start, Findings: fs, Rules: testRules,
		Targets: []findings.TargetStatus{{Name: "db:crm", Kind: "postgres", Status: "ok"}}}
}

func mustContain(t *testing.T, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("missing %q in:\n%s", sub, s)
		}
	}
}
