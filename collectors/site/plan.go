package site

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"golang.org/x/net/publicsuffix"
)

// plan is one site's settings, resolved from vern.yaml and the options.
type plan struct {
	start        *url.URL
	host         string
	hosts        map[string]bool
	hostList     []string
	statement    string // path of the privacy statement, "" when unknown
	maxPages     int
	siteTimeout  time.Duration
	pageTimeout  time.Duration
	settle       time.Duration
	consentWait  time.Duration
	tabs         int
	maxRecords   int // cookies, and apart storage keys, one phase records
	maxName      int // bytes of a recorded cookie name or storage key
	maxPageBytes int64
	selectors    config.ConsentSelectors
	site         string // the registrable domain (or IP) of the site
	statementURL string
}

func newPlan(s *config.Site, cfg *config.Config, o Options) (*plan, error) {
	u, err := url.Parse(s.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("site url %q is not an http(s) address", s.URL)
	}
	u.Fragment = ""
	if u.Path == "" {
		u.Path = "/"
	}
	u.Host = normHost(u.Scheme, u.Host)
	p := &plan{
		start:        u,
		host:         u.Host,
		hosts:        map[string]bool{u.Host: true},
		hostList:     []string{u.Host},
		maxPages:     s.MaxPages,
		siteTimeout:  o.SiteTimeout,
		pageTimeout:  o.PageTimeout,
		settle:       o.Settle,
		consentWait:  o.ConsentWait,
		tabs:         o.Tabs,
		maxRecords:   o.MaxRecords,
		maxName:      o.MaxName,
		maxPageBytes: o.MaxPageBytes,
		site:         registrable(u.Hostname()),
	}
	for _, h := range s.Hosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if h != "" && !p.hosts[h] {
			p.hosts[h] = true
			p.hostList = append(p.hostList, h)
		}
	}
	if p.maxPages <= 0 {
		p.maxPages = DefaultMaxPages
	}
	if s.Timeout != "" {
		d, err := time.ParseDuration(s.Timeout)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("site timeout %q is not a duration such as 90s or 3m", s.Timeout)
		}
		p.siteTimeout = d
	}
	if s.Consent != nil {
		p.selectors = *s.Consent
	}
	st := s.Statement
	if st == "" && cfg != nil {
		st = cfg.Declaration.Statement.URL
	}
	if st != "" {
		su, err := u.Parse(st)
		if err != nil {
			return nil, fmt.Errorf("statement %q is not a path or address", st)
		}
		p.statement = cleanPath(su.Path)
		if h := strings.ToLower(su.Host); h != "" && !p.hosts[h] {
			p.hosts[h] = true
			p.hostList = append(p.hostList, h)
		}
		p.statementURL = su.Scheme + "://" + su.Host + su.Path
	}
	return p, nil
}

// registrable is the site a host belongs to: its registrable domain (eTLD+1), or the
// address itself for an IP or a single-label host.
func registrable(hostname string) string {
	hostname = strings.ToLower(strings.TrimSuffix(hostname, "."))
	if net.ParseIP(hostname) != nil || !strings.Contains(hostname, ".") {
		return hostname
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(hostname)
	if err != nil {
		return hostname
	}
	return d
}

// party says whether a host (or cookie domain) is the site's own ("first") or not.
func (p *plan) party(host string) string {
	host = strings.TrimPrefix(host, ".")
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if registrable(host) == p.site {
		return "first"
	}
	return "third"
}

func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	return p
}

// hostname drops the port of a host.
func hostname(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		return h
	}
	return host
}
