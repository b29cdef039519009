package catalog

import "strings"

// Host is what vern knows of a third-party host: its vendor and what it is for.
type Host struct {
	Vendor string
	// Category is analytics, marketing, cdn, fonts or consent. Requests to cdn, fonts and
	// consent hosts are listed in the evidence but are not trackers.
	Category string
}

// hosts maps a domain (and everything below it) to its vendor and category. It is vern's
// own list of the common trackers, consent platforms and content hosts.
var hosts = map[string]Host{
	"google-analytics.com":     {"google", "analytics"},
	"analytics.google.com":     {"google", "analytics"},
	"googletagmanager.com":     {"google", "analytics"},
	"doubleclick.net":          {"google", "marketing"},
	"googleadservices.com":     {"google", "marketing"},
	"googlesyndication.com":    {"google", "marketing"},
	"google.com":               {"google", "marketing"},
	"fonts.googleapis.com":     {"google", "fonts"},
	"fonts.gstatic.com":        {"google", "fonts"},
	"ajax.googleapis.com":      {"google", "cdn"},
	"facebook.com":             {"meta", "marketing"},
	"facebook.net":             {"meta", "marketing"},
	"instagram.com":            {"meta", "marketing"},
	"linkedin.com":             {"linkedin", "marketing"},
	"licdn.com":                {"linkedin", "marketing"},
	"hotjar.com":               {"hotjar", "analytics"},
	"hotjar.io":                {"hotjar", "analytics"},
	"clarity.ms":               {"microsoft", "analytics"},
	"bing.com":                 {"microsoft", "marketing"},
	"tiktok.com":               {"tiktok", "marketing"},
	"snapchat.com":             {"snap", "marketing"},
	"sc-static.net":            {"snap", "marketing"},
	"pinterest.com":            {"pinterest", "marketing"},
	"twitter.com":              {"x", "marketing"},
	"ads-twitter.com":          {"x", "marketing"},
	"adnxs.com":                {"xandr", "marketing"},
	"criteo.com":               {"criteo", "marketing"},
	"criteo.net":               {"criteo", "marketing"},
	"adform.net":               {"adform", "marketing"},
	"hubspot.com":              {"hubspot", "marketing"},
	"hs-analytics.net":         {"hubspot", "analytics"},
	"matomo.cloud":             {"matomo", "analytics"},
	"plausible.io":             {"plausible", "analytics"},
	"siteimproveanalytics.com": {"siteimprove", "analytics"},
	"cookiebot.com":            {"cookiebot", "consent"},
	"cookielaw.org":            {"onetrust", "consent"},
	"onetrust.com":             {"onetrust", "consent"},
	"cdn-cookieyes.com":        {"cookieyes", "consent"},
	"cookieinformation.com":    {"cookieinformation", "consent"},
	"usercentrics.eu":          {"usercentrics", "consent"},
	"privacy-center.org":       {"didomi", "consent"},
	"cdnjs.cloudflare.com":     {"cloudflare", "cdn"},
	"jsdelivr.net":             {"jsdelivr", "cdn"},
	"unpkg.com":                {"unpkg", "cdn"},
	"use.typekit.net":          {"adobe", "fonts"},
}

// LookupHost finds what vern knows of a host, matching it or any domain above it.
func LookupHost(host string) (Host, bool) {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for h := host; h != ""; {
		if v, ok := hosts[h]; ok {
			return v, true
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			break
		}
		h = h[i+1:]
	}
	return Host{}, false
}
