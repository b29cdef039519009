package site

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/sirupsen/logrus"
	"github.com/sirupsen/logrus/hooks/test"
)

// TestAutoconsentOwnTestPage crawls the consent-popup test page that ships in
// autoconsent's package (tests-wtr/lifecycle/find-cmp.html, its "Test page CMP") through
// the collector's path. Its rule must be detected, its popup found, its opt-out and opt-in
// done by clicks and its self-test recorded. The page's buttons do nothing, so both consent
// phases must say the click changed nothing and leave the target partial: no silent gap.
func TestAutoconsentOwnTestPage(t *testing.T) {
	t.Parallel() // waits on pages and banners far more than it computes
	requireChromium(t)
	requireAutoconsent(t)
	dir := autoconsentDir("")
	page, err := os.ReadFile(filepath.Join(dir, "tests-wtr", "lifecycle", "find-cmp.html"))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var ua, lang []string
	srv := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		ua, lang = append(ua, r.UserAgent()), append(lang, r.Header.Get("Accept-Language"))
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	// The page's banner is autoconsent's own test CMP, so the waits end as soon as its rules
	// match: generous limits cost nothing on a quiet machine and keep a loaded one (the race
	// detector, parallel browsers) from giving up on the rules too soon.
	c := NewWithOptions(Options{ConsentWait: 12 * time.Second, Settle: 150 * time.Millisecond, PageTimeout: 20 * time.Second, Tabs: 1})
	if c.ac == nil {
		t.Fatalf("autoconsent did not load: %+v", c.acInfo)
	}
	logger, _ := test.NewNullLogger()
	log := logrus.NewEntry(logger)
	b, err := c.startBrowser(context.Background(), log)
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	p, err := newPlan(&config.Site{URL: srv.URL + "/", MaxPages: 1}, nil, c.opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	doc, err := c.crawl(ctx, b, p, collect.Env{}, log)
	if err != nil {
		t.Fatal(err)
	}
	if a := doc.Autoconsent; !a.Loaded || a.Version != AutoconsentVersion || len(a.ScriptSHA256) != 64 ||
		len(a.RulesSHA256) != 64 || a.Rules < 100 {
		t.Errorf("autoconsent in the evidence: %+v", a)
	}
	if pr := doc.Browser.Presented; pr == nil || pr.Webdriver || strings.Contains(pr.UserAgent, "Headless") ||
		pr.Language != Locale || strings.Join(pr.Languages, ",") != Languages || pr.Window != "1366x768" {
		t.Errorf("the browser presented %+v", pr)
	}
	mu.Lock()
	for i := range ua {
		if strings.Contains(ua[i], "Headless") || !strings.Contains(ua[i], "Chrome/") || !strings.HasPrefix(lang[i], "nb-NO") {
			t.Errorf("the server saw User-Agent %q, Accept-Language %q", ua[i], lang[i])
		}
	}
	if doc.Browser.Presented != nil && len(lang) > 0 && doc.Browser.Presented.AcceptLanguage != lang[0] {
		t.Errorf("evidence says Accept-Language %q, the server saw %q", doc.Browser.Presented.AcceptLanguage, lang[0])
	}
	mu.Unlock()
	before := doc.Phases[evidence.PhaseBefore].Autoconsent
	if before == nil || before.CMP != "Test page CMP" || !before.Detected || !before.PopupFound || before.Action != "" {
		t.Errorf("before phase: %+v", before)
	}
	for ph, action := range map[string]string{evidence.PhaseReject: "optOut", evidence.PhaseAccept: "optIn"} {
		s := doc.Phases[ph]
		a := s.Autoconsent
		t.Logf("%s: %+v, unreached %q", ph, a, s.Unreached)
		if a == nil || a.Action != action || a.Result == nil || !*a.Result || !a.ByClicks || a.Clicks < 1 {
			t.Errorf("%s phase: autoconsent %+v, want %s done by clicks", ph, a, action)
		}
		if !strings.Contains(s.Unreached, "changed nothing") || s.Choice != "" {
			t.Errorf("%s phase: choice %q, unreached %q; the page's buttons do nothing", ph, s.Choice, s.Unreached)
		}
	}
	if a := doc.Phases[evidence.PhaseReject].Autoconsent; a == nil || a.SelfTest == nil {
		t.Errorf("reject phase: the rule's self-test was not recorded: %+v", a)
	}
	if got := unreachedPhases(doc); len(got) != 2 {
		t.Errorf("unreached phases %v, want reject and accept (the target is partial)", got)
	}
}

// TestWithoutAutoconsent shows the fallback: a folder without the package is said in the
// evidence, and vern's own detection still finds and operates a banner.
func TestWithoutAutoconsent(t *testing.T) {
	t.Parallel() // waits on pages and banners far more than it computes
	requireChromium(t)
	c := NewWithOptions(Options{Autoconsent: t.TempDir(), ConsentWait: 2 * time.Second, Settle: 150 * time.Millisecond,
		PageTimeout: 5 * time.Second, Tabs: 1})
	if c.ac != nil || c.acInfo.Loaded || !strings.Contains(c.acInfo.Error, "not installed") {
		t.Fatalf("autoconsent: %+v", c.acInfo)
	}
	if _, err := AutoconsentStatus(t.TempDir()); err == nil || !strings.Contains(err.Error(), "own banner detection") {
		t.Errorf("status for a missing package: %v", err)
	}
	srv := consentSite(t, "text-nb", nil, 0)
	logger, _ := test.NewNullLogger()
	log := logrus.NewEntry(logger)
	b, err := c.startBrowser(context.Background(), log)
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	p, err := newPlan(&config.Site{URL: srv.URL + "/", MaxPages: 1}, nil, c.opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	doc, err := c.crawl(ctx, b, p, collect.Env{}, log)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Autoconsent.Loaded || doc.Autoconsent.Error == "" {
		t.Errorf("evidence does not say autoconsent was missing: %+v", doc.Autoconsent)
	}
	if doc.Consent.Method != "text" || doc.Phases[evidence.PhaseReject].Choice != evidence.PhaseReject ||
		doc.Phases[evidence.PhaseAccept].Choice != evidence.PhaseAccept {
		t.Errorf("own detection: %+v, phases %+v", doc.Consent, doc.Phases)
	}
}
