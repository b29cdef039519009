package site

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/npmcache"
	"github.com/sirupsen/logrus"
	"github.com/sirupsen/logrus/hooks/test"
)

// npmPackage is the folder scripts/npm-deps.sh installed a pinned package into; a
// missing one skips the test, or fails it under CI.
func npmPackage(t testing.TB, name string) string {
	t.Helper()
	p, ok := npmcache.Pinned(name)
	if !ok {
		t.Fatalf("%s is not pinned in internal/npmcache/packages.txt", name)
	}
	if _, err := os.Stat(filepath.Join(p.Dir(), ".integrity")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s@%s is not installed at %s (CI is set): run scripts/npm-deps.sh", name, p.Version, p.Dir())
		}
		t.Skipf("%s@%s is not installed at %s: run scripts/npm-deps.sh", name, p.Version, p.Dir())
	}
	return p.Dir()
}

// librarySite serves one page of testdata/libraries (as /, /index.html and /om/) with the
// library's npm package under /vendor/<name>/, the site's analytics and a planted tag.
func librarySite(t *testing.T, pkg, page, lang string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "libraries", page))
	if err != nil {
		t.Fatal(err)
	}
	html := strings.ReplaceAll(string(b), "{{LANG}}", lang)
	mux := http.NewServeMux()
	mux.Handle("/vendor/"+pkg+"/", http.StripPrefix("/vendor/"+pkg+"/", http.FileServer(http.Dir(npmPackage(t, pkg)))))
	for _, js := range []string{"ga.js", "planted.js"} {
		mux.HandleFunc("/"+js, func(w http.ResponseWriter, r *http.Request) {
			http.ServeFile(w, r, filepath.Join("testdata", "libraries", js))
		})
	}
	for _, p := range []string{"/{$}", "/index.html", "/om/"} {
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, html)
		})
	}
	mux.HandleFunc("/personvern", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html lang="nb"><head><title>Personvern</title></head><body><main>`+statementBody+`</main></body></html>`)
	})
	return serveOn(t, "127.0.0.1", mux).URL + "/"
}

// TestConsentLibraries crawls offline sites built on five open-source consent libraries
// from npm, with their default labels (English, and Norwegian where shipped) and no
// configuration. On each, both buttons must be found and operated, the analytics the
// library gates must appear only after "accept", the library's own choice cookie must be
// no finding, the planted pre-consent tag must be one, and the crawl must count /,
// /index.html and /om/ as two pages.
func TestConsentLibraries(t *testing.T) {
	t.Parallel() // waits on pages and banners far more than it computes
	requireChromium(t)
	cases := []struct {
		name, pkg, page, lang string
		// own is the library's record of the visitor's choice.
		own string
	}{
		{name: "vanilla-cookieconsent en", pkg: "vanilla-cookieconsent", page: "vanilla-cookieconsent-en.html", own: "cc_cookie"},
		{name: "klaro en", pkg: "klaro", page: "klaro.html", lang: "en", own: "klaro"},
		{name: "klaro nb", pkg: "klaro", page: "klaro.html", lang: "no", own: "klaro"},
		{name: "tarteaucitron en", pkg: "tarteaucitronjs", page: "tarteaucitron.html", lang: "en", own: "tarteaucitron"},
		{name: "tarteaucitron nb", pkg: "tarteaucitronjs", page: "tarteaucitron.html", lang: "no", own: "tarteaucitron"},
		{name: "osano cookieconsent en", pkg: "cookieconsent", page: "osano-en.html", own: "cookieconsent_status"},
		{name: "cookies-eu-banner en", pkg: "cookies-eu-banner", page: "cookies-eu-banner-en.html", own: "hasConsent"},
	}
	cfg := &config.Config{Declaration: testDeclaration()}
	urls := map[string]string{}
	for _, tc := range cases {
		u := librarySite(t, tc.pkg, tc.page, tc.lang)
		urls[tc.name] = u
		cfg.Inventory.Sites = append(cfg.Inventory.Sites, config.Site{URL: u, Statement: "/personvern", MaxPages: 5})
	}
	logger, _ := test.NewNullLogger()
	c := NewWithOptions(Options{ConsentWait: 4 * time.Second, Settle: 200 * time.Millisecond, PageTimeout: 20 * time.Second, Tabs: 2})
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	ev, err := collect.Run(ctx, cfg, []collect.Collector{c}, collect.Env{Log: logrus.NewEntry(logger)},
		collect.Options{Concurrency: 2})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(ev)
	if strings.Contains(string(raw), sentinel) {
		t.Fatalf("evidence holds a cookie value")
	}
	findings := evaluate(t, ev)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			target := TargetName(urls[tc.name])
			tg := ev.Targets[target]
			if tg == nil {
				t.Fatalf("no target %s", target)
			}
			if tg.Status != evidence.StatusOK {
				t.Errorf("target status %s: %s", tg.Status, tg.Reason)
			}
			var doc evidence.Site
			if err := json.Unmarshal(tg.Data, &doc); err != nil {
				t.Fatal(err)
			}
			t.Logf("consent %+v; phases reject %+v accept %+v; notes %q", doc.Consent,
				doc.Phases[evidence.PhaseReject].Autoconsent, doc.Phases[evidence.PhaseAccept].Autoconsent, doc.Notes)
			if !doc.Consent.Accept || !doc.Consent.Reject {
				t.Errorf("buttons: %+v", doc.Consent)
			}
			for _, ph := range []string{evidence.PhaseReject, evidence.PhaseAccept} {
				if s := doc.Phases[ph]; s.Choice != ph || s.Unreached != "" {
					t.Errorf("%s phase: choice %q, unreached %q", ph, s.Choice, s.Unreached)
				}
			}
			var ga, own, planted *evidence.SiteCookie
			for i, ck := range doc.Cookies {
				switch ck.Name {
				case "_ga":
					ga = &doc.Cookies[i]
				case tc.own:
					own = &doc.Cookies[i]
				case "_hjid":
					planted = &doc.Cookies[i]
				}
			}
			switch ga {
			case nil:
				t.Errorf("_ga never written: accept did not reach the analytics")
			default:
				for _, ph := range []string{evidence.PhaseBefore, evidence.PhaseReject} {
					if o, ok := ga.Phases[ph]; ok {
						t.Errorf("_ga written in the %s phase: %+v", ph, o)
					}
				}
				if o := ga.Phases[evidence.PhaseAccept]; !o.AfterChoice || o.BeforeChoice {
					t.Errorf("_ga in the accept phase: %+v", o)
				}
				if ga.LifetimeDays != 730 || ga.KeptDays != 400 {
					t.Errorf("_ga lifetime requested %d kept %d, want 730 and 400", ga.LifetimeDays, ga.KeptDays)
				}
			}
			if own == nil || own.Purpose != "necessary" {
				t.Errorf("the library's own cookie %s: %+v, want it recorded as necessary", tc.own, own)
			}
			if planted == nil {
				t.Errorf("the planted _hjid was not recorded")
			}
			var plantedFound bool
			for _, f := range findings["site://"+doc.Host] {
				if strings.Contains(f, tc.own) {
					t.Errorf("finding about the library's own cookie: %s", f)
				}
				if strings.HasPrefix(f, "cookies.before_consent ") && strings.Contains(f, "_hjid") {
					plantedFound = true
				}
			}
			if !plantedFound {
				t.Errorf("no cookies.before_consent finding for the planted _hjid: %q", findings["site://"+doc.Host])
			}
			paths := map[string]int{}
			for _, pg := range doc.Pages {
				paths[pg.Path]++
			}
			if paths["/"] != 1 || paths["/index.html"] != 0 {
				t.Errorf("pages %v: / and /index.html must be one page", paths)
			}
			if len(doc.Vendors) != 0 {
				t.Errorf("vendors %v: no request left the site, so no vendor is a processor", doc.Vendors)
			}
		})
	}
}
