package site

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/alarmlink/vern/internal/config"
)

func TestOnePageOneAddress(t *testing.T) {
	p, err := newPlan(&config.Site{URL: "https://example.no:443/"}, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.host != "example.no" {
		t.Fatalf("plan host %q, want the default port dropped", p.host)
	}
	tests := []struct {
		name, first, second string
	}{
		{name: "index.html is the folder", first: "https://example.no/", second: "https://example.no/index.html"},
		{name: "index.php in a folder", first: "https://example.no/om/", second: "https://example.no/om/index.php"},
		{name: "trailing slash", first: "https://example.no/om", second: "https://example.no/om/"},
		{name: "fragment", first: "https://example.no/om", second: "https://example.no/om#team"},
		{name: "default port", first: "https://example.no/om", second: "https://example.no:443/om"},
		{name: "host case", first: "https://example.no/om", second: "https://EXAMPLE.no/om"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFrontier(p)
			if _, ok := f.admit(tc.first); !ok {
				t.Fatalf("%s not admitted", tc.first)
			}
			if u, ok := f.admit(tc.second); ok {
				t.Errorf("%s admitted again as %s", tc.second, u)
			}
			if a, b := p.pagePath(tc.first), p.pagePath(tc.second); a != b {
				t.Errorf("recorded as %q and %q", a, b)
			}
		})
	}
	f := newFrontier(p)
	if _, ok := f.admit("https://example.no/om"); !ok {
		t.Fatal("not admitted")
	}
	if _, ok := f.admit("https://example.no/kontakt"); !ok {
		t.Error("another page was not admitted")
	}
}

func TestRuleCookies(t *testing.T) {
	rules := []json.RawMessage{
		json.RawMessage(`{"name":"a","test":[{"cookieContains":"cc_cookie="}]}`),
		json.RawMessage(`{"name":"b","test":[{"any":[{"cookieContains":"cookieConsent=1"}]}]}`),
		json.RawMessage(`{"name":"c","test":[{"cookieContains":"__adroll_fpc","negated":true}]}`),
		json.RawMessage(`{"name":"d","test":[{"cookieContains":"a b"}]}`),
	}
	got := slices.Sorted(maps.Keys(ruleCookies(rules)))
	want := []string{"cc_cookie", "cookieConsent"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("rule cookies %v, want %v (negated and malformed left out)", got, want)
	}
}

func TestVisitorUA(t *testing.T) {
	ua := "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"
	if got := visitorUA(ua); got != "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" {
		t.Errorf("visitor UA %q", got)
	}
}
