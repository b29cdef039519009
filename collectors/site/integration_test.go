package site

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/engine"
	"github.com/alarmlink/vern/internal/evidence"
	vernrego "github.com/alarmlink/vern/rego"
	"github.com/sirupsen/logrus"
	"github.com/sirupsen/logrus/hooks/test"
)

// testDeclaration declares analytics and functional cookies and the statement's date.
func testDeclaration() config.Declaration {
	return config.Declaration{
		Controller: config.Controller{Name: "Alarmlink AS"},
		Statement:  config.Statement{Updated: "2025-09-10"},
		Cookies: config.CookiePolicy{
			Purposes:    []config.CookiePurpose{{ID: "analytics"}, {ID: "functional"}},
			MaxLifetime: "13 months",
		},
	}
}

// evaluate runs the rules on the evidence with vern's engine and returns the cookies and
// site findings as "rule resource" lines per target.
func evaluate(t *testing.T, ev *evidence.Evidence) map[string][]string {
	t.Helper()
	eng, err := engine.New(context.Background(), engine.Options{Bundle: vernrego.Bundle})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := eng.Evaluate(context.Background(), ev, time.Now())
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	out := map[string][]string{}
	for _, f := range fs {
		if f.Area != "cookies" && f.Area != "site" {
			continue
		}
		out[f.Target] = append(out[f.Target], f.Rule+" "+f.Resource)
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

func TestCollectPlantedCleanAndBrokenSites(t *testing.T) {
	t.Parallel() // waits on pages and banners far more than it computes
	requireChromium(t)
	tracker := trackerServer(t)
	cdn := cdnServer(t)
	planted := plantedSite(t, tracker.URL)
	clean := cleanSite(t, cdn.URL)
	down := downSite(t)
	slow := slowSite(t)
	garbage := garbageSite(t)

	cfg := &config.Config{
		Declaration: testDeclaration(),
		Inventory: config.Inventory{Sites: []config.Site{
			{URL: planted.URL + "/", Statement: "/personvern", MaxPages: 12,
				Consent: &config.ConsentSelectors{Accept: "#accept", Reject: "#reject"}},
			{URL: clean.URL + "/", Statement: "/personvern", MaxPages: 10},
			{URL: down, Statement: "/personvern"},
			{URL: slow.URL + "/", Statement: "/personvern", Timeout: "3s"},
			{URL: garbage, Statement: "/personvern"},
		}},
	}
	logger, _ := test.NewNullLogger()
	c := NewWithOptions(Options{ConsentWait: time.Second, Settle: 150 * time.Millisecond, PageTimeout: 5 * time.Second})
	ev, err := collect.Run(context.Background(), cfg, []collect.Collector{c}, collect.Env{Log: logrus.NewEntry(logger)},
		collect.Options{Concurrency: 5})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), sentinel) {
		t.Fatalf("evidence holds a cookie or storage value: %s", raw)
	}
	if strings.Contains(string(raw), "uid=") {
		t.Errorf("evidence holds a query string")
	}

	pt, ct := TargetName(planted.URL), TargetName(clean.URL)
	for _, name := range []string{pt, ct} {
		if tg := ev.Targets[name]; tg == nil || tg.Status != evidence.StatusOK {
			t.Fatalf("%s: %+v", name, tg)
		}
	}
	for _, u := range []string{down, slow.URL, garbage} {
		tg := ev.Targets[TargetName(u)]
		if tg == nil || tg.Status != evidence.StatusFailed || tg.Reason == "" {
			t.Errorf("%s: want failed with a reason, got %+v", u, tg)
		}
	}

	var doc evidence.Site
	if err := json.Unmarshal(ev.Targets[pt].Data, &doc); err != nil {
		t.Fatal(err)
	}
	t.Run("evidence", func(t *testing.T) {
		if doc.Browser == nil || doc.Browser.User == "" || doc.Browser.Locale != Locale {
			t.Errorf("browser: %+v", doc.Browser)
		}
		if len(doc.Pages) > 12 {
			t.Errorf("crawled %d pages, max_pages is 12", len(doc.Pages))
		}
		var title bool
		for _, pg := range doc.Pages {
			if pg.Title == xssTitle {
				title = true
			}
			if pg.Host != "" {
				t.Errorf("left the site: %+v", pg)
			}
		}
		if !title {
			t.Errorf("the hostile title is not kept as text: %+v", doc.Pages)
		}
		for _, r := range doc.Requests {
			if strings.HasPrefix(r.Host, "127.0.0.4") {
				t.Errorf("followed a link to another host: %+v", r)
			}
		}
		if !doc.Consent.Reject || !doc.Consent.Accept || doc.Consent.Method != "selectors" {
			t.Errorf("consent: %+v", doc.Consent)
		}
		if doc.Statement.Updated != "2025-09-10" || !doc.Statement.Reachable || doc.Statement.SHA256 == "" {
			t.Errorf("statement: %+v", doc.Statement)
		}
		// Meta is seen only through its first-party _fbp cookie and no request goes to its
		// hosts: not a processor, and the notes say so.
		if _, ok := doc.Vendors["meta"]; ok {
			t.Errorf("vendors: %+v", doc.Vendors)
		}
		counted := false
		for _, n := range doc.Notes {
			counted = counted || (strings.Contains(n, "not counted as processors") && strings.Contains(n, "meta"))
		}
		if !counted {
			t.Errorf("notes %q do not say meta was not counted", doc.Notes)
		}
	})

	got := evaluate(t, ev)
	ph, th := doc.Host, ""
	for _, r := range doc.Requests {
		if strings.HasPrefix(r.Host, "127.0.0.2") {
			th = r.Host
		}
	}
	p := func(s string) string { return fmt.Sprintf(s, ph) }
	want := []string{
		p("cookies.after_reject site://%s/cookie/127.0.0.1/_fbp"),
		p("cookies.before_consent site://%s/cookie/127.0.0.1/_fbp"),
		p("cookies.before_consent site://%s/cookie/127.0.0.1/_ga"),
		p("cookies.before_consent site://%s/cookie/127.0.0.2/trk_uid"),
		p("cookies.before_consent site://%s/storage/tracker_state"),
		p("cookies.insecure site://%s/cookie/127.0.0.1/sessionid"),
		p("cookies.purpose_undeclared site://%s/cookie/127.0.0.1/_fbp"),
		p("cookies.unclassified site://%s/cookie/127.0.0.2/trk_uid"),
		p("site.statement_link_missing site://%s/page/kontakt"),
		p("site.statement_link_missing site://%s/page/om"),
		p("site.third_party_before_consent site://%s/request/") + th,
	}
	sort.Strings(want)
	t.Run("planted findings", func(t *testing.T) {
		if g := got["site://"+ph]; strings.Join(g, "\n") != strings.Join(want, "\n") {
			t.Errorf("planted site findings:\ngot\n%s\nwant\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("clean control", func(t *testing.T) {
		var cd evidence.Site
		if err := json.Unmarshal(ev.Targets[ct].Data, &cd); err != nil {
			t.Fatal(err)
		}
		if g := got["site://"+cd.Host]; len(g) > 0 {
			t.Errorf("clean site has findings:\n%s", strings.Join(g, "\n"))
		}
		if cd.Consent.Method != "text" || !cd.Consent.Reject {
			t.Errorf("banner by text not found: %+v", cd.Consent)
		}
		var cdnSeen bool
		for _, r := range cd.Requests {
			cdnSeen = cdnSeen || strings.HasPrefix(r.Host, "127.0.0.3")
		}
		if !cdnSeen {
			t.Errorf("the CDN request is not listed: %+v", cd.Requests)
		}
		var ga bool
		for _, ck := range cd.Cookies {
			if ck.Name == "_ga" {
				ga = ck.Phases[evidence.PhaseAccept].AfterChoice && ck.Phases[evidence.PhaseBefore].FirstSeen == ""
			}
		}
		if !ga {
			t.Errorf("_ga after accept only: %+v", cd.Cookies)
		}
	})
}
