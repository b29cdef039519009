// Package catalog is vern's cookie catalog: which cookies and storage keys are strictly
// necessary, functional, analytics or marketing, whose they are and how long they live, and
// which third-party hosts belong to which vendor. Its cookie facts come from the Open Cookie
// Database (Apache-2.0; see NOTICE); the necessary list and the host list are vern's own.
package catalog

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

//go:embed catalog.json
var catalogJSON []byte

// Entry is one catalogued cookie or storage key.
type Entry struct {
	Name string `json:"name"`
	// Prefix is set when Name matches every name that starts with it.
	Prefix bool `json:"prefix,omitempty"`
	// Domain is the vendor's domain; for short generic names the cookie must be on it.
	Domain  string `json:"domain,omitempty"`
	Purpose string `json:"purpose"`
	Vendor  string `json:"vendor,omitempty"`
	// Platform is the product that sets it.
	Platform string `json:"platform,omitempty"`
	// LifetimeDays is the usual lifetime: 0 session, -1 unknown.
	LifetimeDays int `json:"lifetime_days"`
	// Role is set on curated necessary entries: session, security, load_balancer, consent.
	Role string `json:"role,omitempty"`
}

// Catalog answers which entry a cookie is.
type Catalog struct {
	Name    string  `json:"name"`
	Version string  `json:"version"`
	Source  string  `json:"source"`
	Licence string  `json:"licence"`
	Credit  string  `json:"credit"`
	Entries []Entry `json:"entries"`

	exact  map[string][]int
	prefix []int
}

var (
	once     sync.Once
	builtin  *Catalog
	loadFail error
)

// Builtin returns the catalog shipped with vern.
func Builtin() (*Catalog, error) {
	once.Do(func() { builtin, loadFail = Parse(catalogJSON) })
	return builtin, loadFail
}

// Parse reads a catalog document.
func Parse(b []byte) (*Catalog, error) {
	var c Catalog
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("cookie catalog: %w", err)
	}
	c.exact = map[string][]int{}
	for i, e := range c.Entries {
		if e.Prefix {
			c.prefix = append(c.prefix, i)
			continue
		}
		c.exact[e.Name] = append(c.exact[e.Name], i)
	}
	return &c, nil
}

var generic = regexp.MustCompile(`^[A-Za-z0-9]{1,3}$`)

// Lookup finds the entry for a cookie name set on domain (the cookie's domain, or the host
// for a storage key). An entry with a vendor domain wins when the domain is the vendor's;
// short generic names (s, C, fr, IDE) match only on their vendor's domain.
func (c *Catalog) Lookup(name, domain string) (Entry, bool) {
	domain = strings.TrimPrefix(strings.ToLower(domain), ".")
	var fallback *Entry
	consider := func(e *Entry) bool {
		if e.Domain != "" && onDomain(domain, e.Domain) {
			return true
		}
		if e.Domain != "" && generic.MatchString(e.Name) {
			return false
		}
		if e.Domain == "" && generic.MatchString(e.Name) && e.Purpose != "necessary" {
			return false
		}
		if fallback == nil {
			fallback = e
		}
		return false
	}
	for _, i := range c.exact[name] {
		if consider(&c.Entries[i]) {
			return c.Entries[i], true
		}
	}
	if fallback != nil {
		return *fallback, true
	}
	var best *Entry
	for _, i := range c.prefix {
		e := &c.Entries[i]
		if !strings.HasPrefix(name, e.Name) {
			continue
		}
		if e.Domain != "" && generic.MatchString(e.Name) && !onDomain(domain, e.Domain) {
			continue
		}
		if best == nil || len(e.Name) > len(best.Name) {
			best = e
		}
	}
	if best != nil {
		return *best, true
	}
	return Entry{}, false
}

// onDomain reports whether host is domain or below it.
func onDomain(host, domain string) bool {
	return host == domain || strings.HasSuffix(host, "."+domain)
}

var identityName = regexp.MustCompile(`(?i)(sess|^sid$|_sid$|^auth|_auth$|logged_in)`)

// Identity reports whether a cookie carries a login or session identifier: a curated
// session entry, or a name that says so.
func Identity(name string, e Entry, found bool) bool {
	if found && e.Role == "session" {
		return true
	}
	if found && e.Purpose != "necessary" {
		return false
	}
	return identityName.MatchString(name)
}
