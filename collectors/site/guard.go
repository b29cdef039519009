package site

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// What a hostile page can do to a crawl, and how the crawl stands up to it:
//
//   - JavaScript dialogs (alert, confirm, prompt, beforeunload) stop a page until they
//     are answered: each is dismissed (a beforeunload one lets the page go) and counted.
//   - Windows a page opens are closed unvisited and counted; the popup blocker is on.
//   - A load of the top frame that leads off the site's hosts (a redirect, a script that
//     sets location) is stopped before it is sent, and counted. A top-frame response that
//     is a download or larger than the page size limit is refused.
//   - Downloads are denied.
//   - A page whose script never yields, or whose load never ends, runs into the page
//     time limit; its tab is then closed and replaced, so the next page loads in a
//     fresh one.

// guardTimeout bounds each command the guards send.
const guardTimeout = 5 * time.Second

// browserCallTimeout bounds a browser-level command that opens a phase. They take
// milliseconds; a browser that has not answered within a minute is wedged, and the phase
// fails with that reason instead of waiting on it.
const browserCallTimeout = time.Minute

// openContext opens the phase's incognito browser context, denies downloads in it and
// closes every window its pages open.
func (r *phaseRun) openContext() error {
	cctx, cancel := context.WithTimeout(r.ctx, browserCallTimeout)
	defer cancel()
	res, err := chromedp.CallBrowser(cctx, target.CreateBrowserContext, target.CreateBrowserContextParams{})
	if err != nil {
		return browserCallError(cctx, r.ctx, err)
	}
	id := res.BrowserContextID
	r.bctx = id
	if _, err := chromedp.CallBrowser(cctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorDeny, BrowserContextID: id}); err != nil {
		return browserCallError(cctx, r.ctx, err)
	}
	rec := r.rec
	return chromedp.ListenBrowser(r.ctx, func(ev any) {
		e, ok := ev.(*target.EventTargetCreated)
		if !ok || e.TargetInfo == nil || e.TargetInfo.BrowserContextID != id || e.TargetInfo.OpenerID == "" {
			return
		}
		rec.popups.Add(1)
		go func(tid target.ID) {
			cctx, cancel := context.WithTimeout(r.ctx, guardTimeout)
			defer cancel()
			_, _ = chromedp.CallBrowser(cctx, target.CloseTarget, target.CloseTargetParams{TargetID: tid}) // counted already; a popup that will not close dies with the context
		}(e.TargetInfo.TargetID)
	})
}

// browserCallError names a browser that did not answer in time apart from other errors.
func browserCallError(call, phase context.Context, err error) error {
	if call.Err() != nil && phase.Err() == nil {
		return fmt.Errorf("the browser did not answer within %s: %w", browserCallTimeout, err)
	}
	return err
}

// closeContext closes the phase's tabs and its browser context, with every window the
// pages opened.
func (r *phaseRun) closeContext() {
	for _, t := range r.tabs {
		t.cancel()
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.ctx), guardTimeout)
	defer cancel()
	if _, err := chromedp.CallBrowser(ctx, target.DisposeBrowserContext, target.DisposeBrowserContextParams{BrowserContextID: r.bctx}); err != nil {
		r.log.Debugf("%s phase: close browser context: %v", r.phase, err)
	}
}

// tabGuard is what the guards of one tab found about the page loading in it.
type tabGuard struct {
	frame   atomic.Value // cdp.FrameID of the top frame
	refused atomic.Pointer[string]
}

// refuse records why the tab's top-frame load was stopped.
func (g *tabGuard) refuse(reason string) { g.refused.Store(&reason) }

// take returns and clears the reason the last top-frame load was stopped.
func (g *tabGuard) take() string {
	if s := g.refused.Swap(nil); s != nil {
		return *s
	}
	return ""
}

// guardTab installs the tab's dialog and navigation guards. It is called from setupTab
// once the tab exists.
func (r *phaseRun) guardTab(tctx context.Context, g *tabGuard) error {
	if c := chromedp.FromContext(tctx); c != nil && c.Target != nil {
		g.frame.Store(cdp.FrameID(c.Target.TargetID))
	}
	rec, p := r.rec, r.p
	// An answer that fails means the tab is gone or wedged: the phase's deadline and renew
	// deal with that tab, so the answers below drop their errors on purpose.
	answer := func(fn func(ctx context.Context)) {
		go func() {
			cctx, cancel := context.WithTimeout(tctx, guardTimeout)
			defer cancel()
			fn(cctx)
		}()
	}
	if err := chromedp.Listen(tctx, func(ev any) {
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			rec.dialogs.Add(1)
			leave := e.Type == page.DialogTypeBeforeunload
			answer(func(ctx context.Context) {
				_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: leave})
			})
		case *fetch.EventRequestPaused:
			top := e.ResourceType == network.ResourceTypeDocument && e.FrameID == g.frame.Load()
			reason := ""
			if top {
				reason = p.refuseLoad(e)
			}
			id := e.RequestID
			response := e.ResponseStatusCode != 0 || e.ResponseErrorReason != ""
			if reason != "" {
				if strings.HasPrefix(reason, offSitePrefix) {
					rec.offSite.Add(1)
				}
				g.refuse(reason)
				answer(func(ctx context.Context) {
					_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: id, ErrorReason: network.ErrorReasonBlockedByClient})
				})
				return
			}
			answer(func(ctx context.Context) {
				if response {
					_, _ = chromedp.Call(ctx, fetch.ContinueResponse, fetch.ContinueResponseParams{RequestID: id})
					return
				}
				_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
			})
		}
	}); err != nil {
		return err
	}
	_, err := chromedp.Call(tctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{
		{URLPattern: "*", ResourceType: network.ResourceTypeDocument, RequestStage: fetch.RequestStageRequest},
		{URLPattern: "*", ResourceType: network.ResourceTypeDocument, RequestStage: fetch.RequestStageResponse},
	}})
	return err
}

const offSitePrefix = "led off the site to "

// refuseLoad says why a top-frame load must not go on: an address off the site's hosts,
// a download, or a page over the size limit. "" lets it go on.
func (p *plan) refuseLoad(e *fetch.EventRequestPaused) string {
	if e.Request == nil {
		return ""
	}
	u, err := url.Parse(e.Request.URL)
	if err != nil {
		return "an address that does not parse"
	}
	switch u.Scheme {
	case "http", "https":
	case "about", "data", "blob":
		return ""
	default:
		return "a " + u.Scheme + ": address, which is not a page"
	}
	host := strings.ToLower(u.Host)
	if !p.hosts[host] && p.party(u.Hostname()) != "first" {
		return offSitePrefix + host + " (not followed)"
	}
	if e.ResponseStatusCode == 0 {
		return ""
	}
	for _, h := range e.ResponseHeaders {
		if h == nil {
			continue
		}
		switch strings.ToLower(h.Name) {
		case "content-disposition":
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(h.Value)), "attachment") {
				return "a download (Content-Disposition: attachment), not a page"
			}
		case "content-length":
			if n, err := strconv.ParseInt(strings.TrimSpace(h.Value), 10, 64); err == nil && n > p.maxPageBytes {
				return fmt.Sprintf("a page of %d bytes, over the limit of %d", n, p.maxPageBytes)
			}
		}
	}
	return ""
}

// newTab opens a tab in the phase's browser context, ready for pages.
func (r *phaseRun) newTab() (*tab, error) {
	tctx, cancel := chromedp.NewContext(r.ctx, chromedp.WithExistingBrowserContext(r.bctx))
	t := &tab{ctx: tctx, cancel: cancel, guard: &tabGuard{}}
	if err := r.setupTab(t, int(r.opened.Add(1))-1); err != nil {
		cancel()
		return nil, err
	}
	return t, nil
}

// renew closes a tab a page wedged and opens a fresh one in its place. A script that
// never yields is stopped first, so that the tab can close.
func (r *phaseRun) renew(t *tab) {
	sctx, cancel := context.WithTimeout(t.ctx, time.Second)
	_, _ = chromedp.Call(sctx, runtime.TerminateExecution, cdp.Empty{}) // best effort: the tab is closed and replaced either way
	cancel()
	t.cancel()
	nt, err := r.newTab()
	if err != nil {
		r.log.Debugf("%s phase: reopen tab: %v", r.phase, err)
		return
	}
	*t = *nt
}
