package site

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/testdeadline"
	"github.com/sirupsen/logrus"
	"github.com/sirupsen/logrus/hooks/test"
)

// hostilePage is a page of a hostile fixture: a title, a body and links.
func hostilePage(title, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html lang=nb><head><title>%s</title></head><body>%s</body></html>", title, body)
	}
}

// okPage is the well-behaved page every hostile fixture links to: it must be collected
// in every phase whatever the hostile page did.
var okPage = func(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: "ok_seen", Value: sentinel + "-ok", Path: "/", MaxAge: 3600})
	hostilePage("Ok", `<p>Alt i orden.</p>`)(w, r)
}

// otherHost counts the requests another site gets: popups and redirects must never
// reach it through the crawl.
func otherHost(t *testing.T) (*atomic.Int64, string) {
	var n atomic.Int64
	s := serveOn(t, "127.0.0.2", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.SetCookie(w, &http.Cookie{Name: "elsewhere", Value: sentinel + "-other", Path: "/", MaxAge: 3600})
		hostilePage("Elsewhere", `<a href="/deeper">Deeper</a>`)(w, r)
	}))
	return &n, s.URL
}

// endless streams a chunked response until the client goes away or the server closes
// its connections (serveOn does, before Close waits for the handlers).
func endless() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!doctype html><html><head><title>Stream</title></head><body>")
		f, _ := w.(http.Flusher)
		chunk := strings.Repeat("<p>mer</p>", 100)
		for {
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
			if _, err := fmt.Fprint(w, chunk); err != nil {
				return
			}
			if f != nil {
				f.Flush()
			}
		}
	}
}

// hostilePageTimeout is vern's page limit in TestHostilePages: low, so that pages which
// never finish are cut quickly, yet many times what a well-behaved page takes on a
// loaded two-core machine, so that the good pages beside them load.
const hostilePageTimeout = 8 * time.Second

// hostileSlots bounds how many hostile sites are crawled at once in the shared browser.
// A case whose pages burn CPU (endless scripts) takes every slot: two spinning renderers
// beside another crawl would starve it of both cores.
type hostileSlots struct {
	mu     sync.Mutex
	tokens chan struct{}
}

func newHostileSlots(n int) *hostileSlots {
	s := &hostileSlots{tokens: make(chan struct{}, n)}
	return s
}

// take holds one slot, or every slot when exclusive, until the test ends.
func (s *hostileSlots) take(t *testing.T, exclusive bool) {
	n := 1
	if exclusive {
		n = cap(s.tokens)
	}
	s.mu.Lock()
	for range n {
		s.tokens <- struct{}{}
	}
	s.mu.Unlock()
	t.Cleanup(func() {
		for range n {
			<-s.tokens
		}
	})
}

// TestHostilePages crawls pages that fight the crawler, in one shared browser. Each
// case says whether the site is collected (or fails, and why), which pages loaded or
// not (with the reason recorded), and what the evidence notes.
func TestHostilePages(t *testing.T) {
	requireChromium(t)
	testdeadline.Bound(t, 20*time.Minute) // above the cases' own bounds, which name the case that hangs
	c := NewWithOptions(Options{ConsentWait: 200 * time.Millisecond, Settle: 100 * time.Millisecond,
		PageTimeout: hostilePageTimeout, Tabs: 2, MaxRecords: 100, MaxName: 256})
	logger, _ := test.NewNullLogger()
	log := logrus.NewEntry(logger)
	b, err := c.startBrowser(context.Background(), log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.close)
	slots := newHostileSlots(2)
	huge := strings.Repeat("<p>Fyll</p>\n", 30<<20/12)
	longName := strings.Repeat("k", 10<<10)

	type site struct {
		start string
		pages map[string]http.HandlerFunc
	}
	tests := []struct {
		name string
		site func(other string) site
		// fail is a part of the failure's reason; "" when the site must be collected.
		fail string
		// pages maps a path to a part of its recorded error ("" loaded without one).
		pages map[string]string
		// absent are paths that must not be recorded as pages.
		absent []string
		notes  []string
		// capped: the page fills the record limit, so the ok page's cookie may be over it.
		capped bool
		// burnsCPU: the site's scripts spin or allocate without end; it is crawled alone.
		burnsCPU bool
		check    func(t *testing.T, doc *evidence.Site, raw string)
	}{
		{
			name: "dialogs on load, on a timer and before unload",
			site: func(string) site {
				return site{start: `<a href="/ok">Ok</a> <a href="/more">Mer</a>
<script>alert('velkommen'); confirm('sikker?'); prompt('navn?');
setTimeout(() => alert('senere'), 20);
addEventListener('beforeunload', (e) => { e.preventDefault(); e.returnValue = 'bli'; });</script>`,
					pages: map[string]http.HandlerFunc{"/more": hostilePage("Mer",
						`<script>for (let i = 0; i < 3; i++) alert(i);</script>`)}}
			},
			pages: map[string]string{"/": "", "/ok": "", "/more": ""},
			notes: []string{"JavaScript dialogs"},
			check: func(t *testing.T, doc *evidence.Site, _ string) {
				if n := doc.Phases[evidence.PhaseBefore].Dialogs; n < 6 {
					t.Errorf("before phase dismissed %d dialogs, want at least 6", n)
				}
			},
		},
		{
			name: "scripts that never yield or allocate without end",
			site: func(string) site {
				return site{start: `<a href="/spin">Spinn</a> <a href="/spinlate">Senere</a> <a href="/alloc">Minne</a> <a href="/ok">Ok</a>`,
					pages: map[string]http.HandlerFunc{
						"/spin":     hostilePage("Spinn", `<script>while (true) {}</script>`),
						"/spinlate": hostilePage("Senere", `<script>setTimeout(() => { while (true) {} }, 10);</script>`),
						"/alloc": hostilePage("Minne", `<script>const a = [];
for (;;) a.push(new Array(1e6).fill(Math.random()));</script>`),
					}}
			},
			pages:    map[string]string{"/": "", "/ok": "", "/spin": "timed out", "/spinlate": "timed out", "/alloc": "*"},
			burnsCPU: true,
		},
		{
			name: "popups and target=_blank links",
			site: func(other string) site {
				return site{start: fmt.Sprintf(`<a href="/ok" target="_blank" id="blank">Ok</a>
<a href="%[1]s/lenke" target="_blank">Annen</a>
<script>window.open(%[1]q + '/popup'); window.open('/ok2');
setTimeout(() => { window.open(%[1]q + '/senere'); document.getElementById('blank').click(); }, 10);</script>`, other),
					pages: map[string]http.HandlerFunc{"/ok2": okPage}}
			},
			pages:  map[string]string{"/": "", "/ok": ""},
			absent: []string{"/popup", "/lenke", "/senere", "/ok2"},
		},
		{
			name: "redirect loops and a redirect to another host",
			site: func(other string) site {
				return site{start: `<a href="/loop">Loop</a> <a href="/meta">Meta</a> <a href="/reload">Reload</a>
<a href="/away">Bort</a> <a href="/ok">Ok</a>`,
					pages: map[string]http.HandlerFunc{
						"/loop": func(w http.ResponseWriter, r *http.Request) {
							http.Redirect(w, r, "/loop", http.StatusFound)
						},
						"/meta":   hostilePage("Meta", `<meta http-equiv="refresh" content="0;url=/meta"><a href="/ok">Ok</a>`),
						"/reload": hostilePage("Reload", `<script>setTimeout(() => location.reload(), 5);</script>`),
						"/away": func(w http.ResponseWriter, r *http.Request) {
							http.Redirect(w, r, other+"/elsewhere", http.StatusFound)
						},
					}}
			},
			pages: map[string]string{"/": "", "/ok": "", "/loop": "ERR_TOO_MANY_REDIRECTS|timed out", "/away": "led off the site",
				"/meta": "*", "/reload": "*"},
			absent: []string{"/elsewhere", "/deeper"},
			notes:  []string{"led off the site's hosts were stopped"},
		},
		{
			name: "a start page that redirects to another host",
			site: func(other string) site {
				return site{start: "", pages: map[string]http.HandlerFunc{
					"/{$}": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, other+"/", http.StatusFound) },
				}}
			},
			fail: "led off the site",
		},
		{
			name:     "a start page that never yields",
			site:     func(string) site { return site{start: `<script>while (true) {}</script>`} },
			fail:     "timed out",
			burnsCPU: true,
		},
		{
			name: "a 30 MB page and a response that never ends",
			site: func(string) site {
				return site{start: `<a href="/huge">Stor</a> <a href="/stream">Strøm</a> <a href="/ok">Ok</a>`,
					pages: map[string]http.HandlerFunc{
						"/huge": func(w http.ResponseWriter, r *http.Request) {
							w.Header().Set("Content-Type", "text/html")
							w.Header().Set("Content-Length", fmt.Sprint(len(huge)))
							fmt.Fprint(w, huge)
						},
						"/stream": endless(),
					}}
			},
			pages: map[string]string{"/": "", "/ok": "", "/huge": "over the limit", "/stream": "timed out"},
		},
		{
			name: "links that are not pages",
			site: func(string) site {
				return site{start: `<a href="javascript:alert(1)">js</a> <a href="mailto:post@example.no">e-post</a>
<a href="tel:+4712345678">tlf</a> <a href="data:text/html,<script>alert(1)</script>">data</a>
<a href="file:///etc/passwd">fil</a> <a href="about:blank">about</a> <a href="/download">Last ned</a> <a href="/ok">Ok</a>`,
					pages: map[string]http.HandlerFunc{"/download": func(w http.ResponseWriter, r *http.Request) {
						w.Header().Set("Content-Type", "text/html")
						w.Header().Set("Content-Disposition", `attachment; filename="rapport.html"`)
						fmt.Fprint(w, "<p>"+sentinel+"-download</p>")
					}}}
			},
			pages:  map[string]string{"/": "", "/ok": "", "/download": "a download"},
			absent: []string{"/etc/passwd", "blank", "+4712345678"},
		},
		{
			name: "thousands of cookies and storage keys",
			site: func(string) site {
				return site{start: `<a href="/ok">Ok</a><script>
for (let i = 0; i < 3000; i++) {
  document.cookie = 'c' + i + '=` + sentinel + `; path=/; max-age=3600';
  localStorage.setItem('k' + i, '` + sentinel + `');
  sessionStorage.setItem('s' + i, '` + sentinel + `');
}</script>`}
			},
			pages:  map[string]string{"/": "", "/ok": ""},
			capped: true,
			notes:  []string{"were not recorded: a phase records at most 100 cookies and 100 storage keys"},
			check: func(t *testing.T, doc *evidence.Site, _ string) {
				if len(doc.Cookies) > 3*100+1 || len(doc.Storage) > 3*100 {
					t.Errorf("%d cookies and %d storage keys recorded, over the limit", len(doc.Cookies), len(doc.Storage))
				}
				if doc.Phases[evidence.PhaseBefore].Dropped == 0 {
					t.Errorf("no dropped records counted: %+v", doc.Phases[evidence.PhaseBefore])
				}
			},
		},
		{
			name: "names with markup, quotes, newlines and 10 KB",
			site: func(string) site {
				return site{start: `<a href="/ok">Ok</a><script>
document.cookie = '<img src=x onerror=alert(1)>=` + sentinel + `; path=/';
document.cookie = 'a"b\'c=` + sentinel + `; path=/';
document.cookie = '` + longName + `=v; path=/';
localStorage.setItem('<script>alert("k")<\/script>', '` + sentinel + `');
localStorage.setItem('linje\nto', '` + sentinel + `');
localStorage.setItem('` + longName + `', '` + sentinel + `');
</script>`}
			},
			pages: map[string]string{"/": "", "/ok": ""},
			notes: []string{"longer than 256 bytes were cut"},
			check: func(t *testing.T, doc *evidence.Site, raw string) {
				names := map[string]bool{}
				for _, ck := range doc.Cookies {
					names[ck.Name] = true
					if len(ck.Name) > 256 {
						t.Errorf("cookie name of %d bytes", len(ck.Name))
					}
				}
				for _, s := range doc.Storage {
					names[s.Key] = true
					if len(s.Key) > 256 {
						t.Errorf("storage key of %d bytes", len(s.Key))
					}
				}
				for _, want := range []string{`<script>alert("k")</script>`, "linje\nto", strings.Repeat("k", 256)} {
					if !names[want] {
						t.Errorf("name %.40q not recorded as text", want)
					}
				}
				if strings.Contains(raw, "<script>") || strings.Contains(raw, "<img") {
					t.Errorf("markup is not escaped in the evidence")
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			slots.take(t, tc.burnsCPU)
			testdeadline.Bound(t, 6*time.Minute)
			hits, other := otherHost(t)
			fx := tc.site(other)
			mux := http.NewServeMux()
			if _, ok := fx.pages["/{$}"]; !ok {
				mux.HandleFunc("/{$}", hostilePage("Start", fx.start))
			}
			mux.HandleFunc("/ok", okPage)
			for path, h := range fx.pages {
				if h != nil {
					mux.HandleFunc(path, h)
				}
			}
			srv := serveOn(t, "127.0.0.1", mux)
			p, err := newPlan(&config.Site{URL: srv.URL + "/", MaxPages: 12}, nil, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			// The site's own limit is generous: the case bounds pages, not whole sites.
			ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
			defer cancel()
			started := time.Now()
			doc, err := c.crawl(ctx, b, p, collect.Env{}, log)
			t.Logf("crawled in %s", time.Since(started).Round(time.Millisecond))
			if hits.Load() != 0 {
				t.Errorf("another host got %d requests through the crawl", hits.Load())
			}
			if tc.fail != "" {
				var f *collect.Failure
				if !errors.As(err, &f) || !strings.Contains(f.Reason, tc.fail) {
					t.Fatalf("want a failure saying %q, got %v", tc.fail, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("crawl: %v", err)
			}
			if doc.Truncated {
				t.Errorf("the crawl ran out of the site's time")
			}
			rawB, _ := json.Marshal(doc)
			raw := string(rawB)
			if strings.Contains(raw, sentinel) {
				t.Fatalf("evidence holds a cookie or storage value")
			}
			got := map[string]evidence.SitePage{}
			for _, pg := range doc.Pages {
				got[pg.Host+pg.Path] = pg
				if pg.Host != "" {
					t.Errorf("recorded a page on another host: %+v", pg)
				}
			}
			for path, want := range tc.pages {
				pg, ok := got[path]
				switch {
				case !ok:
					t.Errorf("%s: not recorded; pages %+v", path, doc.Pages)
				case want == "" && pg.Error != "":
					t.Errorf("%s: error %q, want a load", path, pg.Error)
				case want != "" && want != "*" && !containsAny(pg.Error, strings.Split(want, "|")):
					t.Errorf("%s: error %q, want %q", path, pg.Error, want)
				}
			}
			for _, path := range tc.absent {
				for _, pg := range doc.Pages {
					if strings.Contains(pg.Path, path) {
						t.Errorf("recorded %s as a page: %+v", path, pg)
					}
				}
			}
			// The well-behaved pages are collected in every phase.
			for _, ph := range phases {
				if s := doc.Phases[ph]; s.Pages < 2 {
					t.Errorf("%s phase loaded %d pages: %+v", ph, s.Pages, s)
				}
			}
			var okSeen bool
			for _, ck := range doc.Cookies {
				if ck.Name == "ok_seen" {
					_, a := ck.Phases[evidence.PhaseAccept]
					_, r := ck.Phases[evidence.PhaseReject]
					okSeen = a && r
				}
			}
			if !okSeen && !tc.capped {
				t.Errorf("the ok page's cookie is missing in a phase (%d cookies)", len(doc.Cookies))
			}
			notes := strings.Join(doc.Notes, "\n")
			for _, n := range tc.notes {
				if !strings.Contains(notes, n) {
					t.Errorf("notes %q do not say %q", notes, n)
				}
			}
			if tc.check != nil {
				tc.check(t, doc, raw)
			}
			for _, pg := range doc.Pages {
				t.Logf("page %s status %d error %q", pg.Path, pg.Status, pg.Error)
			}
			t.Logf("phases %+v notes %q", doc.Phases, doc.Notes)
		})
	}
}

// containsAny reports whether s holds one of the alternatives: a redirect loop ends either
// at Chromium's redirect limit or, on a loaded machine, at the page time limit; both are
// bounded outcomes.
func containsAny(s string, alternatives []string) bool {
	for _, a := range alternatives {
		if strings.Contains(s, a) {
			return true
		}
	}
	return false
}
