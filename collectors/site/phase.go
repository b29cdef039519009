package site

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
	"github.com/sirupsen/logrus"
)

// pageResult is one visited page.
type pageResult struct {
	url            string
	path, host     string
	title          string
	status         int
	linksStatement bool
	links          []string
	err            string
}

// phaseRun is one consent phase: a fresh incognito browser context and its tabs.
type phaseRun struct {
	c     *Collector
	p     *plan
	rec   *recorder
	ctx   context.Context // ends with the phase
	bctx  cdp.BrowserContextID
	tabs  []*tab
	phase string
	log   *logrus.Entry
	// opened numbers the tabs, so that request ids stay apart when a tab is replaced.
	opened atomic.Int64
	// acs drives autoconsent in the first tab; nil when it is not installed or vern.yaml
	// names the banner's selectors.
	acs *acSession
	// ua is the user agent the tabs present.
	ua string
}

// tab is one tab pages load in. A tab that a page wedged (a script that never yields,
// a load that never ends) is closed and replaced by a fresh one.
type tab struct {
	ctx    context.Context
	cancel context.CancelFunc
	guard  *tabGuard
}

// phaseOutcome is what a phase hands back.
type phaseOutcome struct {
	pages     []pageResult
	summary   evidence.SitePhase
	consent   consentState
	statement *evidence.SiteStatement
	truncated bool
	presented *evidence.SitePresented
}

// runPhase visits the site in a fresh incognito context. In the before phase it discovers
// the pages (breadth first); the consent phases click the banner's button on the start page
// and then visit the pages the before phase found.
func (c *Collector) runPhase(ctx context.Context, b *browser, p *plan, phase string, pages []string, log *logrus.Entry) (*recorder, *phaseOutcome, error) {
	started := time.Now()
	rec := newRecorder(p, phase)
	pctx, cancel := context.WithCancel(b.ctx)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	run := &phaseRun{c: c, p: p, rec: rec, ctx: pctx, phase: phase, log: log, ua: b.ua}
	if c.ac != nil && p.selectors.Accept == "" && p.selectors.Reject == "" {
		run.acs = newACSession(c.ac)
	}
	if err := run.openContext(); err != nil {
		return nil, nil, fmt.Errorf("%s phase: open browser context: %w", phase, err)
	}
	defer run.closeContext()
	first, err := run.newTab()
	if err != nil {
		return nil, nil, fmt.Errorf("%s phase: open tab: %w", phase, err)
	}
	run.tabs = append(run.tabs, first)
	out := &phaseOutcome{}

	if run.acs != nil {
		run.acs.active.Store(true)
	}
	start := run.visitStart(ctx, first, p.start.String())
	if start.err != "" {
		return nil, nil, fmt.Errorf("%s phase: start page %s did not load: %s", phase, p.start.String(), start.err)
	}
	out.pages = append(out.pages, start)

	debugT(log, phase, "start", started)
	cs, err := run.consent(ctx, first.ctx)
	debugT(log, phase, "consent", started)
	if err != nil && ctx.Err() != nil {
		return nil, nil, fmt.Errorf("%s phase: consent banner: %w", phase, ctx.Err())
	}
	out.consent = cs
	if cs.Clicked {
		out.summary.Choice = phase
	}
	out.summary.Unreached = cs.Unreached
	out.summary.Autoconsent = cs.Autoconsent
	if phase == evidence.PhaseBefore {
		out.presented = run.presented(first.ctx)
	}

	fr := newFrontier(p)
	fr.admit(p.start.String())
	fr.admit(start.url)
	if pages == nil {
		level := admitAll(fr, start.links)
		for len(level) > 0 && len(out.pages) < p.maxPages && ctx.Err() == nil {
			if budget := p.maxPages - len(out.pages); len(level) > budget {
				out.summary.Skipped += len(level) - budget
				level = level[:budget]
			}
			lt := time.Now()
			results := run.visitAll(ctx, level)
			log.Debugf("%s phase: level of %d pages in %s with %d tabs", phase, len(level), time.Since(lt).Round(time.Millisecond), len(run.tabs))
			var next []string
			for _, r := range results {
				out.pages = append(out.pages, r)
				next = append(next, admitAll(fr, r.links)...)
			}
			level = next
		}
		out.summary.Skipped += fr.skipped
	} else {
		var rest []string
		for _, u := range pages {
			if u != start.url && u != p.start.String() {
				rest = append(rest, u)
			}
		}
		out.pages = append(out.pages, run.visitAll(ctx, rest)...)
	}
	debugT(log, phase, "crawl", started)
	if phase == evidence.PhaseBefore && p.statementURL != "" && ctx.Err() == nil {
		out.statement = run.statement(ctx, run.tabs[0])
	}
	if ctx.Err() != nil {
		out.truncated = true
	}
	// The jar holds what was stored, whoever wrote it; a snapshot needs a live context.
	jctx, jcancel := context.WithTimeout(context.WithoutCancel(pctx), 5*time.Second)
	defer jcancel()
	if jar, err := run.jar(jctx); err == nil {
		rec.jar(jar, p.pagePath(start.url))
	} else {
		log.Debugf("%s phase: cookie jar: %v", phase, err)
	}
	debugT(log, phase, "jar", started)
	rec.finish()
	for _, pg := range out.pages {
		if pg.err != "" {
			out.summary.Errors++
			out.summary.Failed = append(out.summary.Failed, evidence.SitePageError{Path: pg.path, Host: pg.host, Error: pg.err})
		} else {
			out.summary.Pages++
		}
	}
	out.summary.Dialogs = int(rec.dialogs.Load())
	out.summary.Popups = int(rec.popups.Load())
	out.summary.OffSite = int(rec.offSite.Load())
	rec.mu.Lock()
	out.summary.Dropped, out.summary.Truncated = rec.dropped, rec.truncated
	rec.mu.Unlock()
	out.summary.Seconds = time.Since(started).Seconds()
	return rec, out, nil
}

func admitAll(fr *frontier, links []string) []string {
	var out []string
	for _, l := range links {
		if k, ok := fr.admit(l); ok {
			out = append(out, k)
		}
	}
	return out
}

// setupTab opens a tab and installs the listeners, the guards and the page hook before
// any page loads.
func (r *phaseRun) setupTab(t *tab, n int) error {
	tctx := t.ctx
	prefix := fmt.Sprintf("%d/", n)
	rec := r.rec
	// Autoconsent runs in the first tab, and in a tab that replaces it while the start
	// page is being looked at.
	withAC := r.acs != nil && (n == 0 || r.acs.active.Load())
	if err := chromedp.Listen(tctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if e.Request != nil {
				rec.request(prefix+string(e.RequestID), e.Request.URL, e.DocumentURL)
			}
		case *network.EventRequestWillBeSentExtraInfo:
			if v, ok := headerValue(e.Headers, "accept-language"); ok {
				rec.sawAcceptLanguage(v)
			}
			for _, ac := range e.AssociatedCookies {
				if ac != nil && len(ac.BlockedReasons) == 0 {
					rec.sentCookies(prefix + string(e.RequestID))
					break
				}
			}
		case *network.EventResponseReceivedExtraInfo:
			lines := setCookieLines(e.Headers)
			var blocked map[string][]string
			for _, bc := range e.BlockedCookies {
				if bc == nil || bc.CookieLine == "" {
					continue
				}
				if blocked == nil {
					blocked = map[string][]string{}
				}
				for _, reason := range bc.BlockedReasons {
					blocked[bc.CookieLine] = append(blocked[bc.CookieLine], string(reason))
				}
			}
			rec.response(prefix+string(e.RequestID), lines, blocked)
		case *runtime.EventBindingCalled:
			if e.Name == acBinding && withAC {
				r.acs.onBinding(e)
				return
			}
			if e.Name != bindingName {
				return
			}
			var h hookEvent
			if json.Unmarshal([]byte(e.Payload), &h) != nil {
				return
			}
			switch h.T {
			case "c":
				rec.scriptCookie(h.N, h.A, h.U)
			case "s":
				rec.storageKey(h.K, h.N, h.U, true)
			}
		}
	}); err != nil {
		return err
	}
	if err := r.guardTab(tctx, t.guard); err != nil {
		return err
	}
	if _, err := chromedp.Call(tctx, runtime.Enable, struct{}{}); err != nil {
		return err
	}
	if _, err := chromedp.Call(tctx, network.Enable, network.EnableParams{}); err != nil {
		return err
	}
	if _, err := chromedp.Call(tctx, runtime.AddBinding, runtime.AddBindingParams{Name: bindingName}); err != nil {
		return err
	}
	if _, err := chromedp.Call(tctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: hookJS(r.p.maxName)}); err != nil {
		return err
	}
	if withAC {
		if err := r.acs.install(tctx); err != nil {
			return err
		}
	}
	if _, err := chromedp.Call(tctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: Locale}); err != nil {
		return err
	}
	if err := r.c.visitor(tctx, r.ua); err != nil {
		return err
	}
	if _, err := chromedp.Call(tctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: TimeZone}); err != nil {
		return err
	}
	// The languages (and so Accept-Language) come with the user agent: see visitor.
	return nil
}

// headerValue is one header of a request, by its lower-case name.
func headerValue(h network.Headers, name string) (string, bool) {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			s, ok := v.(string)
			return s, ok
		}
	}
	return "", false
}

// setCookieLines splits a response's raw Set-Cookie header into its cookies.
func setCookieLines(h network.Headers) []string {
	var out []string
	for k, v := range h {
		if !strings.EqualFold(k, "set-cookie") {
			continue
		}
		s, _ := v.(string)
		for _, line := range strings.Split(s, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				out = append(out, line)
			}
		}
	}
	return out
}

// visitOn loads one page in a tab; when the page wedged the tab (its time limit ran out
// while the site's did not), the tab is replaced for the next page.
func (r *phaseRun) visitOn(ctx context.Context, t *tab, rawURL string) pageResult {
	t.guard.take()
	res, wedged := r.visit(ctx, t, rawURL)
	if wedged && ctx.Err() == nil {
		r.renew(t)
	}
	return res
}

// visit loads one page in a tab and reads its links and storage keys. wedged says that
// the page's time limit ran out, or the tab is gone.
func (r *phaseRun) visit(ctx context.Context, t *tab, rawURL string) (res pageResult, wedged bool) {
	tctx := t.ctx
	res = pageResult{url: rawURL, path: r.p.pagePath(rawURL), host: r.p.pageHost(rawURL)}
	if ctx.Err() != nil {
		res.err = "site time limit reached"
		return res, false
	}
	lctx, cancel := context.WithTimeout(tctx, r.p.pageTimeout)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	resp, err := chromedp.Run(lctx, chromedp.NavigateResponse(rawURL))
	if err != nil {
		if why := t.guard.take(); why != "" {
			res.err = why
			return res, false
		}
		var le *chromedp.LoadError
		res.err = loadError(err, lctx)
		return res, !errors.As(err, &le)
	}
	if resp != nil {
		res.status = int(resp.Status)
	}
	select {
	case <-time.After(r.p.settle):
	case <-lctx.Done():
	}
	info, err := chromedp.Run(lctx, chromedp.Evaluate[pageInfo](pageJS(r.p.statement, r.p.hostList, r.p.maxName)))
	if err != nil {
		res.err = loadError(err, lctx)
		return res, true
	}
	res.title = info.Title
	res.linksStatement = info.Statement
	if info.Href != "" {
		res.url = info.Href
		res.path, res.host = r.p.pagePath(info.Href), r.p.pageHost(info.Href)
	}
	// A page that redirected off the site is recorded, but its links are not followed.
	if res.host == "" || r.p.hosts[res.host] {
		res.links = info.Links
	}
	for _, k := range info.Local {
		r.rec.storageKey("local", k, res.url, false)
	}
	for _, k := range info.Session {
		r.rec.storageKey("session", k, res.url, false)
	}
	return res, false
}

func loadError(err error, ctx context.Context) string {
	if ctx.Err() != nil {
		return "timed out"
	}
	s := err.Error()
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

// visitAll loads pages in parallel tabs and returns the results in the pages' order.
func (r *phaseRun) visitAll(ctx context.Context, urls []string) []pageResult {
	results := make([]pageResult, len(urls))
	want := min(r.p.tabs, len(urls))
	for len(r.tabs) < want {
		t, err := r.newTab()
		if err != nil {
			r.log.Debugf("%s phase: open tab: %v", r.phase, err)
			break
		}
		r.tabs = append(r.tabs, t)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for _, t := range r.tabs[:max(1, min(want, len(r.tabs)))] {
		wg.Add(1)
		go func(t *tab) {
			defer wg.Done()
			for i := range jobs {
				results[i] = r.visitOn(ctx, t, urls[i])
			}
		}(t)
	}
	for i := range urls {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return results
}

// jar reads the phase's cookie jar.
func (r *phaseRun) jar(ctx context.Context) ([]jarCookie, error) {
	res, err := chromedp.CallBrowser(ctx, storage.GetCookies, storage.GetCookiesParams{BrowserContextID: r.bctx})
	if err != nil {
		return nil, err
	}
	out := make([]jarCookie, 0, len(res.Cookies))
	for _, c := range res.Cookies {
		if c == nil {
			continue
		}
		exp := c.Expires
		if c.Session || exp < 0 {
			exp = 0
		}
		out = append(out, jarCookie{name: c.Name, domain: strings.TrimPrefix(c.Domain, "."), path: c.Path,
			expires: exp, httpOnly: c.HTTPOnly, secure: c.Secure, sameSite: string(c.SameSite)})
	}
	return out, nil
}

// statement loads the privacy statement page and reads its date and text hash.
func (r *phaseRun) statement(ctx context.Context, t *tab) *evidence.SiteStatement {
	st := &evidence.SiteStatement{Path: r.p.statement}
	res := r.visitOn(ctx, t, r.p.statementURL)
	tctx := t.ctx
	st.Status = res.status
	if res.err != "" {
		st.Error = res.err
		return st
	}
	if res.status >= 400 {
		st.Error = fmt.Sprintf("HTTP %d", res.status)
		return st
	}
	lctx, cancel := context.WithTimeout(tctx, r.p.pageTimeout)
	defer cancel()
	txt, err := chromedp.Run(lctx, chromedp.Evaluate[statementText](statementJS))
	if err != nil {
		st.Error = loadError(err, lctx)
		return st
	}
	st.Reachable = true
	fillStatement(st, txt.Source, txt.Text)
	return st
}

func debugT(log *logrus.Entry, phase, step string, started time.Time) {
	log.Debugf("%s phase: %s done after %s", phase, step, time.Since(started).Round(time.Millisecond))
}
