// Package site is the website collector: it crawls each site of vern.yaml in headless
// Chromium three times (before any consent choice, after "reject", after "accept") and
// records every cookie the site set or tried to set, storage keys, third-party requests,
// the consent banner and the privacy statement page. It stores names, never values.
package site

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/alarmlink/vern/collectors/site/catalog"
	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// Kind is the collector's kind and the prefix of its targets (site:<host>).
const Kind = "site"

// HookBeforePhase is the hook point before a consent phase runs ("site/before_phase_reject"),
// named as collect.HookPoint says.
func HookBeforePhase(phase string) string { return collect.HookPoint(Kind, "before_phase_"+phase) }

// Defaults for a site that does not set its own limits.
const (
	DefaultMaxPages    = 20
	DefaultSiteTimeout = 3 * time.Minute
	DefaultPageTimeout = 15 * time.Second
	DefaultTabs        = 4
	DefaultSettle      = 300 * time.Millisecond
	DefaultConsentWait = 3 * time.Second
	// DefaultMaxRecords bounds the cookies and, apart, the storage keys one phase records:
	// a page that writes thousands by script must not grow the evidence without end.
	DefaultMaxRecords = 500
	// DefaultMaxName bounds a recorded cookie name or storage key, in bytes.
	DefaultMaxName = 256
	// DefaultMaxPageBytes bounds a page's document, when its size is announced.
	DefaultMaxPageBytes = 10 << 20
	// DefaultJSHeapMB bounds each page's JavaScript heap, so a page that allocates without
	// end crashes its own renderer early instead of eating the machine's memory.
	DefaultJSHeapMB = 512
)

// Options tune the collector. The zero value is ready to use.
type Options struct {
	// ChromiumPath is the browser binary; empty means /usr/bin/chromium.
	ChromiumPath string
	// Tabs is how many pages of one phase load in parallel; 0 means DefaultTabs.
	Tabs int
	// PageTimeout bounds one page load; SiteTimeout one whole site (vern.yaml's timeout wins).
	PageTimeout time.Duration
	SiteTimeout time.Duration
	// Settle is how long a page may go on writing cookies after its load event.
	Settle time.Duration
	// ConsentWait is how long to wait for a consent banner to show.
	ConsentWait time.Duration
	// MaxRecords bounds the cookies and the storage keys one phase records (each
	// apart); 0 means DefaultMaxRecords. What is over it is counted in a note.
	MaxRecords int
	// MaxName bounds a recorded cookie name or storage key in bytes; longer ones are cut
	// and counted in a note. 0 means DefaultMaxName.
	MaxName int
	// MaxPageBytes refuses a page whose announced size (Content-Length) is larger;
	// 0 means DefaultMaxPageBytes. A page that never announces its size is bounded by
	// PageTimeout.
	MaxPageBytes int64
	// JSHeapMB bounds a page's JavaScript heap in MiB; 0 means DefaultJSHeapMB.
	JSHeapMB int
	// User is the unprivileged account the browser runs as when vern runs as root; empty
	// means "nobody".
	User string
	// HTTPClient serves --browser none; nil means a client with PageTimeout.
	HTTPClient HTTPDoer
	// Autoconsent is the folder of the @duckduckgo/autoconsent package (--autoconsent
	// DIR); empty means $VERN_AUTOCONSENT, else DefaultAutoconsentDir(); "off" turns it off.
	Autoconsent string
	// Browser is the collector's mode: BrowserChromium (also when empty) or BrowserNone,
	// header cookies over plain HTTP recorded as partial.
	Browser Browser
}

// Collector crawls websites.
type Collector struct {
	opts   Options
	cat    *catalog.Catalog
	catErr error
	// ac is the autoconsent package, nil when it is not installed (acInfo says why).
	ac     *autoconsent
	acInfo evidence.SiteAutoconsent
}

// New returns the site collector with default options.
func New() collect.Collector { return NewWithOptions(Options{}) }

// NewWithOptions returns the site collector with opts.
func NewWithOptions(opts Options) *Collector {
	if opts.ChromiumPath == "" {
		opts.ChromiumPath = "/usr/bin/chromium"
	}
	if opts.Tabs <= 0 {
		opts.Tabs = DefaultTabs
	}
	if opts.PageTimeout <= 0 {
		opts.PageTimeout = DefaultPageTimeout
	}
	if opts.SiteTimeout <= 0 {
		opts.SiteTimeout = DefaultSiteTimeout
	}
	if opts.Settle <= 0 {
		opts.Settle = DefaultSettle
	}
	if opts.ConsentWait <= 0 {
		opts.ConsentWait = DefaultConsentWait
	}
	if opts.MaxRecords <= 0 {
		opts.MaxRecords = DefaultMaxRecords
	}
	if opts.MaxName <= 0 {
		opts.MaxName = DefaultMaxName
	}
	if opts.MaxPageBytes <= 0 {
		opts.MaxPageBytes = DefaultMaxPageBytes
	}
	if opts.JSHeapMB <= 0 {
		opts.JSHeapMB = DefaultJSHeapMB
	}
	if opts.User == "" {
		opts.User = "nobody"
	}
	cat, err := catalog.Builtin()
	c := &Collector{opts: opts, cat: cat, catErr: err}
	switch dir := autoconsentDir(opts.Autoconsent); dir {
	case "off":
		c.acInfo = evidence.SiteAutoconsent{Error: "autoconsent turned off; vern's own banner detection was used"}
	default:
		ac, err := loadAutoconsent(dir)
		if err != nil {
			c.acInfo = evidence.SiteAutoconsent{Error: err.Error() + "; vern's own banner detection was used"}
		} else {
			c.ac, c.acInfo = ac, ac.info
		}
	}
	return c
}

// Kind implements collect.Collector.
func (c *Collector) Kind() string { return Kind }

// Targets implements collect.Collector: one site:<host> per site of the inventory.
func (c *Collector) Targets(cfg *config.Config) []string {
	var out []string
	for _, s := range cfg.Inventory.Sites {
		if h := siteHost(s.URL); h != "" {
			out = append(out, Kind+":"+h)
		}
	}
	return out
}

// TargetName is the target name of a site address.
func TargetName(siteURL string) string { return Kind + ":" + siteHost(siteURL) }

func siteHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

// Collect implements collect.Collector.
func (c *Collector) Collect(ctx context.Context, cfg *config.Config, target string, env collect.Env) (collect.Result, error) {
	var site *config.Site
	for i := range cfg.Inventory.Sites {
		if Kind+":"+siteHost(cfg.Inventory.Sites[i].URL) == target {
			site = &cfg.Inventory.Sites[i]
			break
		}
	}
	if site == nil {
		return collect.Result{}, fmt.Errorf("collect %s: no such site in the inventory", target)
	}
	if c.catErr != nil {
		return collect.Result{}, fmt.Errorf("collect %s: %w", target, c.catErr)
	}
	plan, err := newPlan(site, cfg, c.opts)
	if err != nil {
		return collect.Result{}, &collect.Failure{Reason: fmt.Sprintf("collect %s: %v", target, err), Fix: "correct the site's url in vern.yaml", Err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, plan.siteTimeout)
	defer cancel()
	log := env.Log.WithField("target", target)

	if c.opts.Browser == BrowserNone {
		doc, err := c.collectHTTP(ctx, plan, env)
		if err != nil {
			return collect.Result{}, err
		}
		return collect.Result{Data: doc, Partial: true,
			Reason: "--browser none: header cookies over plain HTTP only; script cookies, storage, " +
				"third-party requests and the consent phases were not observed"}, nil
	}
	if c.opts.Browser != "" && c.opts.Browser != BrowserChromium {
		return collect.Result{}, &collect.Failure{Reason: fmt.Sprintf("collect %s: unknown browser %q", target, c.opts.Browser),
			Fix: "use --browser chromium or --browser none"}
	}
	doc, err := c.collectBrowser(ctx, plan, env, log)
	if err != nil {
		var f *collect.Failure
		if errors.As(err, &f) {
			return collect.Result{}, err
		}
		return collect.Result{}, fmt.Errorf("collect %s: %w", target, err)
	}
	res := collect.Result{Data: doc}
	var reasons []string
	if doc.Truncated {
		reasons = append(reasons, fmt.Sprintf("the site's time limit (%s) ended the crawl early", plan.siteTimeout))
	}
	for _, ph := range unreachedPhases(doc) {
		reasons = append(reasons, fmt.Sprintf("the %s phase could not make its choice (%s)", ph, doc.Phases[ph].Unreached))
	}
	if len(reasons) > 0 {
		res.Partial, res.Reason = true, strings.Join(reasons, "; ")
	}
	return res, nil
}

// newCatalogInfo credits the catalog in the evidence.
func catalogInfo(c *catalog.Catalog) evidence.SiteCatalog {
	return evidence.SiteCatalog{Name: c.Name, Version: c.Version, Entries: len(c.Entries), Credit: c.Credit}
}
