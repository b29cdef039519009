package site

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/collectors/site/catalog"
	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

func TestUpdatedDate(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, text, want string }{
		{"norwegian numeric", "Tekst. Sist oppdatert: 10.09.2025 Mer tekst", "2025-09-10"},
		{"norwegian words", "Oppdatert 3. mars 2024.", "2024-03-03"},
		{"iso", "Last updated: 2025-01-31", "2025-01-31"},
		{"english month first", "Last updated September 10, 2025", "2025-09-10"},
		{"english day first", "Updated on 10 September 2025", "2025-09-10"},
		{"no label", "10.09.2025", ""},
		{"label without date", "Sist oppdatert: snart", ""},
		{"impossible date", "Sist oppdatert: 31.02.2025", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got, _ := updatedDate(tc.text); got != tc.want {
				t.Errorf("updatedDate(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestFrontierStopsTraps(t *testing.T) {
	t.Parallel()
	p, err := newPlan(&config.Site{URL: "https://www.example.no/"}, nil, NewWithOptions(Options{}).opts)
	if err != nil {
		t.Fatal(err)
	}
	f := newFrontier(p)
	n := 0
	for y := 2000; y < 2100; y++ {
		for m := 1; m <= 12; m++ {
			if _, ok := f.admit("https://www.example.no/kalender/" + itoa(y) + "/" + itoa(m)); ok {
				n++
			}
			if _, ok := f.admit("https://www.example.no/s?q=" + itoa(y*100+m)); ok {
				n++
			}
		}
	}
	if n > maxPatternPages+maxQueryVariants {
		t.Errorf("admitted %d trap pages", n)
	}
	for _, tc := range []struct {
		name, link string
		ok         bool
	}{
		{"same host", "https://www.example.no/om#team", true},
		{"other host", "https://evil.example.com/", false},
		{"mailto", "mailto:post@example.no", false},
		{"pdf", "https://www.example.no/a.pdf", false},
	} {
		if _, ok := f.admit(tc.link); ok != tc.ok {
			t.Errorf("%s: admit(%q) = %v", tc.name, tc.link, ok)
		}
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestCatalogLookup(t *testing.T) {
	t.Parallel()
	cat, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, cookie, domain, purpose string
		found                         bool
	}{
		{"analytics first party", "_ga", "www.example.no", "analytics", true},
		{"curated session", "PHPSESSID", "www.example.no", "necessary", true},
		{"consent platform's own", "CookieConsent", "www.example.no", "necessary", true},
		{"generic name on its vendor", "fr", "facebook.com", "marketing", true},
		{"generic name elsewhere", "fr", "www.example.no", "", false},
		{"prefix", "_hjSessionUser_123", "www.example.no", "analytics", true},
		{"unknown", "zz_unknown", "www.example.no", "", false},
	}
	for _, tc := range tests {
		e, ok := cat.Lookup(tc.cookie, tc.domain)
		if ok != tc.found || (ok && e.Purpose != tc.purpose) {
			t.Errorf("%s: Lookup(%q, %q) = %+v, %v", tc.name, tc.cookie, tc.domain, e, ok)
		}
	}
	if h, ok := catalog.LookupHost("connect.facebook.net"); !ok || h.Vendor != "meta" {
		t.Errorf("host lookup: %+v", h)
	}
}

func TestParseCookieLineDropsValues(t *testing.T) {
	t.Parallel()
	u, _ := url.Parse("https://www.example.no/x")
	w, ok := parseCookieLine("sid=SECRET; Max-Age=86400; HttpOnly; SameSite=Strict", u, timeNow())
	if !ok || w.name != "sid" || w.lifetimeDays != 1 || !w.httpOnly || w.sameSite != "Strict" || w.domain != "www.example.no" {
		t.Errorf("%+v", w)
	}
	if _, ok := parseCookieLine("sid=; Max-Age=0", u, timeNow()); ok {
		t.Error("a deletion is not a write")
	}
}

func TestBrowserNoneIsPartialAndHeaderOnly(t *testing.T) {
	t.Parallel()
	tracker := trackerServer(t)
	s := plantedSite(t, tracker.URL)
	cfg := &config.Config{Declaration: testDeclaration(), Inventory: config.Inventory{Sites: []config.Site{{URL: s.URL + "/", Statement: "/personvern", MaxPages: 6}}}}
	c := NewWithOptions(Options{Browser: BrowserNone})
	res, err := c.Collect(context.Background(), cfg, c.Targets(cfg)[0], collect.Env{}.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	if !res.Partial || res.Reason == "" {
		t.Errorf("not marked partial: %+v", res)
	}
	doc := res.Data.(*evidence.Site)
	b, _ := json.Marshal(doc)
	if strings.Contains(string(b), sentinel) {
		t.Fatalf("value in evidence: %s", b)
	}
	if doc.Mode != "http" || doc.Consent.Checked || len(doc.Pages) == 0 || len(doc.Pages) > 6 {
		t.Errorf("doc: mode %s consent %+v pages %d", doc.Mode, doc.Consent, len(doc.Pages))
	}
	if len(doc.Cookies) != 1 || doc.Cookies[0].Name != "sessionid" || doc.Cookies[0].Phases["before"].SetBy[0] != "header" {
		t.Errorf("cookies: %+v", doc.Cookies)
	}
	if doc.Statement.Updated != "2025-09-10" {
		t.Errorf("statement: %+v", doc.Statement)
	}
}

func TestMissingChromiumIsAClearFailure(t *testing.T) {
	t.Parallel()
	cfg := &config.Config{Inventory: config.Inventory{Sites: []config.Site{{URL: "http://127.0.0.1:9/"}}}}
	c := NewWithOptions(Options{ChromiumPath: "/nonexistent/chromium"})
	_, err := c.Collect(context.Background(), cfg, "site:127.0.0.1:9", collect.Env{}.WithDefaults())
	var f *collect.Failure
	if !errors.As(err, &f) || !errors.Is(err, ErrNoChromium) || !strings.Contains(f.Fix, "chromium") {
		t.Fatalf("err = %v", err)
	}
}

func TestSyntheticEvidence(t *testing.T) {
	t.Parallel()
	doc := Synthetic("www.example.no", 100)
	if len(doc.Cookies) != 100 {
		t.Fatalf("%d cookies", len(doc.Cookies))
	}
	if _, err := json.Marshal(doc); err != nil {
		t.Fatal(err)
	}
}

var _ = http.StatusOK

func timeNow() time.Time { return time.Now() }

func TestRecorderBoundsNamesAndCounts(t *testing.T) {
	t.Parallel()
	p, err := newPlan(&config.Site{URL: "https://www.example.no/"}, nil, NewWithOptions(Options{MaxRecords: 3, MaxName: 7}).opts)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, key, want string
	}{
		{"short", "ab", "ab"},
		{"markup kept as text", "<b>\"x\"\n", "<b>\"x\"\n"},
		{"cut on a character boundary", "æøåæøå", "æøå"},
	}
	for _, tc := range tests {
		r := newRecorder(p, evidence.PhaseBefore)
		r.storageKey("local", tc.key, "https://www.example.no/", true)
		if _, ok := r.storage["local\x00"+tc.want]; !ok || len(r.storage) != 1 {
			t.Errorf("%s: storage %v, want key %q", tc.name, r.storage, tc.want)
		}
	}
	r := newRecorder(p, evidence.PhaseBefore)
	for i := range 10 {
		r.scriptCookie("c"+itoa(i), "", "https://www.example.no/")
		r.storageKey("local", "k"+itoa(i), "https://www.example.no/", true)
	}
	r.scriptCookie(strings.Repeat("n", 100), "", "https://www.example.no/")
	if len(r.cookies) != 3 || len(r.storage) != 3 || r.dropped != 15 || r.truncated != 0 {
		t.Errorf("cookies %d storage %d dropped %d truncated %d", len(r.cookies), len(r.storage), r.dropped, r.truncated)
	}
}
