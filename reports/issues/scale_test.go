package issues

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/findings"
)

// scaleFindings is 500 findings, each its own issue: 400 tables, 50 agreements, 50 sites.
func scaleFindings() []findings.Finding {
	var fs []findings.Finding
	for i := range 400 {
		fs = append(fs, retention(fmt.Sprintf("public.t%03d", i), int64(i+1)))
	}
	for i := range 50 {
		fs = append(fs, clause(fmt.Sprintf("processor-%02d", i), "c", 2, 10+i))
		fs = append(fs, cookie(fmt.Sprintf("site%02d.alarmlink.no", i), "_ga"))
	}
	return fs
}

// TestSync500 files 500 findings from scratch and re-syncs them unchanged; run with -v to see
// the counts. The first run keeps to GitHub's content-creation limits on the injected clock.
func TestSync500(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	doc := document(scaleFindings()...)

	first := e.sync(doc)
	reqs := e.srv.Requests()
	t.Logf("first run: %d findings -> %d issues created; %d requests (%d GET, %d POST, %d PATCH), %d retries, throttled %v",
		len(doc.Findings), first.Created, first.Requests, e.srv.Count(http.MethodGet), e.srv.Count(http.MethodPost),
		e.srv.Count(http.MethodPatch), first.Retries, first.Waited)
	if first.Created != 500 || len(e.vernIssues()) != 500 {
		t.Fatalf("created %d", first.Created)
	}
	// Repository, vern listing, GET /user, listing by creator (for issues that lost the vern
	// label), labels.
	if gets := e.srv.Count(http.MethodGet); gets != 5 {
		t.Errorf("first run sent %d GETs, want 5", gets)
	}
	// Content creation: at most 80 POSTs in any minute, a second between writes.
	var posts []time.Time
	var last time.Time
	for _, r := range reqs {
		if r.Method == http.MethodGet {
			continue
		}
		if !last.IsZero() && r.Time.Sub(last) < time.Second {
			t.Fatalf("writes %v apart", r.Time.Sub(last))
		}
		last = r.Time
		posts = append(posts, r.Time)
	}
	for i := 80; i < len(posts); i++ {
		if posts[i].Sub(posts[i-80]) < time.Minute {
			t.Fatalf("81 content-creating requests within %v", posts[i].Sub(posts[i-80]))
		}
	}
	for i := 500; i < len(posts); i++ {
		if posts[i].Sub(posts[i-500]) < time.Hour {
			t.Fatalf("501 content-creating requests within %v", posts[i].Sub(posts[i-500]))
		}
	}

	second := e.sync(doc)
	t.Logf("second run (unchanged): %d issues listed, %d unchanged; %d requests (%d GET), %d writes",
		second.Issues, second.Unchanged, second.Requests, e.srv.Count(http.MethodGet), second.Writes)
	if second.Writes != 0 || second.Requests != 1+5 || second.Unchanged != 500 {
		t.Fatalf("unchanged re-sync: %+v", second)
	}

	// A person takes the vern label off every issue: all are adopted, one edit each.
	for _, is := range e.srv.Issues() {
		e.srv.RemoveLabel(is.Number, "vern")
	}
	third := e.sync(doc)
	t.Logf("third run (vern label removed from all): %d adopted, %d created; %d requests (%d GET, %d PATCH)",
		third.Adopted, third.Created, third.Requests, e.srv.Count(http.MethodGet), e.srv.Count(http.MethodPatch))
	if third.Adopted != 500 || third.Created != 0 || e.srv.Count(http.MethodPatch) != 500 || len(e.vernIssues()) != 500 {
		t.Fatalf("label removed from all: %+v", third)
	}
	if fourth := e.sync(doc); fourth.Writes != 0 || fourth.Requests != 1+5 {
		t.Fatalf("after adopting all: %+v", fourth)
	}
}
