package site

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/alarmlink/vern/collectors/site/catalog"
	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/sirupsen/logrus"
)

// MaxCookieDays is the longest lifetime Chromium keeps a cookie for, whatever the site
// asks: 400 days.
const MaxCookieDays = 400

// phases is the order the consent phases run in.
var phases = []string{evidence.PhaseBefore, evidence.PhaseReject, evidence.PhaseAccept}

// collectBrowser runs the three consent phases in one browser and builds the document.
func (c *Collector) collectBrowser(ctx context.Context, p *plan, env collect.Env, log *logrus.Entry) (*evidence.Site, error) {
	b, err := c.startBrowser(ctx, log)
	if err != nil {
		return nil, err
	}
	defer b.close()
	return c.crawl(ctx, b, p, env, log)
}

// crawl runs the three consent phases of one site in a running browser; each phase has
// its own incognito context, so sites may share a browser.
func (c *Collector) crawl(ctx context.Context, b *browser, p *plan, env collect.Env, log *logrus.Entry) (*evidence.Site, error) {
	doc := newDocument(p, "browser", c.cat)
	info := b.info
	doc.Browser = &info
	doc.Autoconsent = c.acInfo
	recs := map[string]*recorder{}
	var pages, layer2 []string
	viaRule := ""
	for i, phase := range phases {
		if err := env.Hook(HookBeforePhase(phase)); err != nil {
			return nil, fmt.Errorf("%s phase: %w", phase, err)
		}
		if ctx.Err() != nil {
			doc.Truncated = true
			doc.Notes = append(doc.Notes, fmt.Sprintf("the %s phase did not run: the site's time limit was reached", phase))
			continue
		}
		rec, out, err := c.runPhase(ctx, b, p, phase, pages, log)
		if err != nil {
			if i > 0 && ctx.Err() != nil {
				doc.Truncated = true
				doc.Notes = append(doc.Notes, fmt.Sprintf("the %s phase did not finish: the site's time limit was reached", phase))
				continue
			}
			return nil, &collect.Failure{Reason: fmt.Sprintf("site %s: %v", p.host, err),
				Fix: "check that the site answers from this machine, or raise the site's timeout in vern.yaml", Err: err}
		}
		recs[phase] = rec
		doc.Phases[phase] = out.summary
		doc.Truncated = doc.Truncated || out.truncated
		if env.Progress != nil {
			env.Progress.Step(Kind+":"+p.host, i+1, len(phases))
		}
		switch phase {
		case evidence.PhaseBefore:
			seen := map[string]bool{}
			for _, pg := range out.pages {
				if seen[pg.host+pg.path] {
					continue
				}
				seen[pg.host+pg.path] = true
				doc.Pages = append(doc.Pages, evidence.SitePage{Path: pg.path, Host: pg.host, Title: pg.title,
					Status: pg.status, LinksStatement: pg.linksStatement, Error: pg.err})
				if pg.err == "" {
					pages = append(pages, pg.url)
				}
			}
			if out.statement != nil {
				doc.Statement = *out.statement
			}
			doc.Browser.Presented = out.presented
			doc.Consent = evidence.SiteConsent{Checked: true, Platform: out.consent.Platform, Method: out.consent.Method,
				Accept: out.consent.Accept, Reject: out.consent.Reject,
				AcceptText: out.consent.AcceptText, RejectText: out.consent.RejectText}
		default:
			// A banner seen only on a later visit still counts as found.
			mergeConsent(&doc.Consent, out.consent)
			if phase == evidence.PhaseReject && len(out.consent.Layer2) == 2 {
				layer2 = out.consent.Layer2
			}
			if phase == evidence.PhaseReject && out.consent.Clicked {
				viaRule = out.consent.ViaRule
			}
		}
	}
	doc.Notes = append(doc.Notes, guardNotes(doc.Phases, p)...)
	switch {
	case doc.Consent.Reject:
	case layer2 != nil:
		// Still no refusal for the rules: the first layer must offer one as plainly as
		// the acceptance. The reject phase shows what refusing does all the same.
		doc.Notes = append(doc.Notes, fmt.Sprintf("no way to refuse cookies was found on the banner's first layer; "+
			"the reject phase refused through its second layer (%q, then %q)", layer2[0], layer2[1]))
	case viaRule != "":
		doc.Notes = append(doc.Notes, fmt.Sprintf("no way to refuse cookies was found on the banner's first layer; "+
			"the reject phase refused by autoconsent's rule for %s, which may use the banner's second layer", viaRule))
	default:
		doc.Notes = append(doc.Notes, "no way to refuse cookies was found on the start page")
	}
	doc.Notes = append(doc.Notes, unreachedNotes(doc)...)
	c.fill(doc, p, recs)
	return doc, nil
}

// bannerSeen says whether any phase found a consent banner.
func bannerSeen(doc *evidence.Site) bool {
	return doc.Consent.Accept || doc.Consent.Reject || doc.Consent.Platform != ""
}

// unreachedPhases lists the consent phases whose choice could not be made on a site that
// shows a banner: what they would have shown is missing, so the target is partial.
func unreachedPhases(doc *evidence.Site) []string {
	if !bannerSeen(doc) {
		return nil
	}
	var out []string
	for _, ph := range []string{evidence.PhaseReject, evidence.PhaseAccept} {
		if s, ok := doc.Phases[ph]; ok && s.Unreached != "" {
			out = append(out, ph)
		}
	}
	return out
}

func unreachedNotes(doc *evidence.Site) []string {
	var out []string
	for _, ph := range unreachedPhases(doc) {
		out = append(out, fmt.Sprintf("the %s phase could not make its choice: %s", ph, doc.Phases[ph].Unreached))
	}
	return out
}

func mergeConsent(dst *evidence.SiteConsent, cs consentState) {
	if !dst.Accept && cs.Accept {
		dst.Accept, dst.AcceptText = true, cs.AcceptText
	}
	if !dst.Reject && cs.Reject {
		dst.Reject, dst.RejectText = true, cs.RejectText
	}
	if dst.Method == "" {
		dst.Method, dst.Platform = cs.Method, cs.Platform
	}
}

func newDocument(p *plan, mode string, cat *catalog.Catalog) *evidence.Site {
	doc := &evidence.Site{
		URL: p.start.String(), Host: p.host, Hosts: p.hostList, Mode: mode, MaxPages: p.maxPages,
		Pages: []evidence.SitePage{}, Phases: map[string]evidence.SitePhase{},
		Cookies: []evidence.SiteCookie{}, Storage: []evidence.SiteStorage{}, Requests: []evidence.SiteRequest{},
		Vendors: map[string]evidence.SiteVendor{}, Catalog: catalogInfo(cat),
		Statement: evidence.SiteStatement{Path: p.statement},
	}
	return doc
}

// fill turns the phases' recorders into the document's cookies, storage, requests and
// vendors, classified by the catalog.
func (c *Collector) fill(doc *evidence.Site, p *plan, recs map[string]*recorder) {
	cookies := map[string]*evidence.SiteCookie{}
	storage := map[string]*evidence.SiteStorage{}
	requests := map[string]*evidence.SiteRequest{}
	vendors := map[string]*vendorSets{}
	for _, phase := range phases {
		rec := recs[phase]
		if rec == nil {
			continue
		}
		for k, o := range rec.cookies {
			sc := cookies[k]
			if sc == nil {
				sc = c.newCookie(p, o)
				cookies[k] = sc
			}
			if o.lifetimeDays > sc.LifetimeDays {
				sc.LifetimeDays, sc.Session = o.lifetimeDays, false
				sc.KeptDays = min(sc.LifetimeDays, MaxCookieDays)
			}
			sc.Phases[phase] = evidence.SiteCookiePhase{FirstSeen: o.firstSeen, SetBy: slices.Sorted(maps.Keys(o.setBy)),
				BeforeChoice: o.before || phase == evidence.PhaseBefore, AfterChoice: o.after && phase != evidence.PhaseBefore,
				Blocked: o.blocked, BlockedReasons: slices.Sorted(maps.Keys(o.reasons))}
			if sc.Vendor != "" {
				vendorOf(vendors, sc.Vendor).add(phase, "cookie", sc.Name, sc.Purpose)
			}
		}
		for k, o := range rec.storage {
			ss := storage[k]
			if ss == nil {
				e, ok := c.cat.Lookup(o.key, p.start.Hostname())
				ss = &evidence.SiteStorage{Key: o.key, Kind: o.kind, Source: "unclassified", Phases: map[string]evidence.SiteStoragePhase{}}
				if ok {
					ss.Purpose, ss.Source, ss.Vendor = e.Purpose, "catalog", e.Vendor
				}
				storage[k] = ss
			}
			ss.Phases[phase] = evidence.SiteStoragePhase{FirstSeen: o.firstSeen,
				BeforeChoice: o.before || phase == evidence.PhaseBefore, AfterChoice: o.after && phase != evidence.PhaseBefore}
			if ss.Vendor != "" {
				vendorOf(vendors, ss.Vendor).add(phase, "storage", ss.Key, ss.Purpose)
			}
		}
		for h, o := range rec.requests {
			sr := requests[h]
			if sr == nil {
				sr = &evidence.SiteRequest{Host: h, Phases: map[string]evidence.SiteRequestPhase{}}
				if hc, ok := catalog.LookupHost(hostname(h)); ok {
					sr.Vendor, sr.Category = hc.Vendor, hc.Category
				}
				requests[h] = sr
			}
			for r := range o.resources {
				if len(sr.Resources) < 5 && !slices.Contains(sr.Resources, r) {
					sr.Resources = append(sr.Resources, r)
				}
			}
			sr.Phases[phase] = evidence.SiteRequestPhase{Count: o.count, FirstSeen: o.firstSeen, SetsCookies: o.sets,
				SendsCookies: o.sends, BeforeChoice: o.before || phase == evidence.PhaseBefore, AfterChoice: o.after && phase != evidence.PhaseBefore}
			if sr.Vendor != "" {
				vendorOf(vendors, sr.Vendor).add(phase, "host", h, sr.Category)
			}
		}
	}
	for _, sc := range cookies {
		doc.Cookies = append(doc.Cookies, *sc)
	}
	sort.Slice(doc.Cookies, func(i, j int) bool {
		a, b := doc.Cookies[i], doc.Cookies[j]
		if a.Domain != b.Domain {
			return a.Domain < b.Domain
		}
		return a.Name < b.Name
	})
	for _, ss := range storage {
		doc.Storage = append(doc.Storage, *ss)
	}
	sort.Slice(doc.Storage, func(i, j int) bool {
		if doc.Storage[i].Key != doc.Storage[j].Key {
			return doc.Storage[i].Key < doc.Storage[j].Key
		}
		return doc.Storage[i].Kind < doc.Storage[j].Kind
	})
	for _, sr := range requests {
		sort.Strings(sr.Resources)
		doc.Requests = append(doc.Requests, *sr)
	}
	sort.Slice(doc.Requests, func(i, j int) bool { return doc.Requests[i].Host < doc.Requests[j].Host })
	// A vendor seen only through first-party cookies or storage (a self-hosted script) got
	// nothing from the visit: it is not a processor unless a request went to its hosts or
	// it set a cookie of its own.
	var local []string
	for id, v := range vendors {
		if len(v.hosts) == 0 && !thirdPartyCookie(doc.Cookies, id) {
			local = append(local, id)
			continue
		}
		doc.Vendors[id] = v.done()
	}
	if len(local) > 0 {
		sort.Strings(local)
		doc.Notes = append(doc.Notes, fmt.Sprintf("seen only through first-party cookies or storage, with no request "+
			"to their hosts, so not counted as processors: %s", strings.Join(local, ", ")))
	}
}

// thirdPartyCookie says whether a vendor has a third-party cookie among the site's.
func thirdPartyCookie(cookies []evidence.SiteCookie, vendor string) bool {
	for _, c := range cookies {
		if c.Vendor == vendor && c.Party == "third" {
			return true
		}
	}
	return false
}

// newCookie classifies a cookie by the catalog and its vendor's host.
func (c *Collector) newCookie(p *plan, o *cookieObs) *evidence.SiteCookie {
	sc := &evidence.SiteCookie{Name: o.name, Domain: o.domain, Path: o.path, Party: p.party(o.domain),
		LifetimeDays: o.lifetimeDays, Session: o.session && o.lifetimeDays == 0, HTTPOnly: o.httpOnly, Secure: o.secure,
		SameSite: o.sameSite, Source: "unclassified", Phases: map[string]evidence.SiteCookiePhase{}}
	e, ok := c.cat.Lookup(o.name, o.domain)
	if ok {
		sc.Purpose, sc.Source, sc.Vendor = e.Purpose, "catalog", e.Vendor
	}
	if hc, found := catalog.LookupHost(o.domain); found && sc.Vendor == "" {
		sc.Vendor = hc.Vendor
	}
	// A consent platform's record of the choice, named by autoconsent's rules, is strictly
	// necessary even where the catalog files it as functional or does not know it.
	if c.ac != nil && c.ac.consentCookies[o.name] && (sc.Purpose == "" || sc.Purpose == "functional") {
		sc.Purpose, sc.Source = "necessary", "autoconsent"
	}
	sc.Identity = catalog.Identity(o.name, e, ok)
	sc.KeptDays = min(sc.LifetimeDays, MaxCookieDays)
	return sc
}

type vendorSets struct {
	cookies, storage, hosts, phases, purposes map[string]bool
}

func vendorOf(m map[string]*vendorSets, id string) *vendorSets {
	v := m[id]
	if v == nil {
		v = &vendorSets{map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}}
		m[id] = v
	}
	return v
}

func (v *vendorSets) add(phase, kind, name, purpose string) {
	v.phases[phase] = true
	if purpose != "" {
		v.purposes[purpose] = true
	}
	switch kind {
	case "cookie":
		v.cookies[name] = true
	case "storage":
		v.storage[name] = true
	case "host":
		v.hosts[name] = true
	}
}

func (v *vendorSets) done() evidence.SiteVendor {
	var ph []string
	for _, p := range phases {
		if v.phases[p] {
			ph = append(ph, p)
		}
	}
	return evidence.SiteVendor{Cookies: slices.Sorted(maps.Keys(v.cookies)), Storage: slices.Sorted(maps.Keys(v.storage)), Hosts: slices.Sorted(maps.Keys(v.hosts)),
		Phases: ph, Purposes: slices.Sorted(maps.Keys(v.purposes))}
}

// guardNotes says what the crawl stood up to: dialogs dismissed, windows closed, loads
// stopped off the site, and records over the limits.
func guardNotes(ph map[string]evidence.SitePhase, p *plan) []string {
	var dialogs, popups, off, dropped, cut int
	for _, s := range ph {
		dialogs += s.Dialogs
		popups += s.Popups
		off += s.OffSite
		dropped += s.Dropped
		cut += s.Truncated
	}
	var out []string
	if dialogs > 0 {
		out = append(out, fmt.Sprintf("%d JavaScript dialogs (alert, confirm, prompt, beforeunload) were dismissed", dialogs))
	}
	if popups > 0 {
		out = append(out, fmt.Sprintf("%d windows the pages opened were closed without a visit", popups))
	}
	if off > 0 {
		out = append(out, fmt.Sprintf("%d page loads that led off the site's hosts were stopped", off))
	}
	if dropped > 0 {
		out = append(out, fmt.Sprintf("%d writes of cookies or storage keys were not recorded: "+
			"a phase records at most %d cookies and %d storage keys", dropped, p.maxRecords, p.maxRecords))
	}
	if cut > 0 {
		out = append(out, fmt.Sprintf("%d cookie names or storage keys longer than %d bytes were cut to that length", cut, p.maxName))
	}
	return out
}
