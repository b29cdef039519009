package site

import (
	"net"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
)

// Limits that keep link traps (calendars, query-string loops, ever deeper paths) from
// eating a crawl: a path is visited with at most maxQueryVariants query strings, paths that
// differ only in their numbers at most maxPatternPages times, and no address is longer than
// maxURLLength or deeper than maxDepth segments.
const (
	maxQueryVariants = 2
	maxPatternPages  = 3
	maxURLLength     = 400
	maxDepth         = 8
)

var skipExt = map[string]bool{
	".pdf": true, ".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".svg": true, ".webp": true,
	".zip": true, ".gz": true, ".mp4": true, ".mp3": true, ".css": true, ".js": true, ".ico": true,
	".xml": true, ".json": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ics": true,
}

var digits = regexp.MustCompile(`[0-9]+`)

// frontier decides which links a crawl follows. It is used by one goroutine.
type frontier struct {
	p        *plan
	seen     map[string]bool
	variants map[string]int
	patterns map[string]int
	skipped  int
}

func newFrontier(p *plan) *frontier {
	return &frontier{p: p, seen: map[string]bool{}, variants: map[string]int{}, patterns: map[string]int{}}
}

// admit normalises a link and reports whether the crawl should visit it.
func (f *frontier) admit(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "", false
	}
	host := normHost(u.Scheme, u.Host)
	if !f.p.hosts[host] && !f.p.hosts[strings.ToLower(u.Host)] {
		return "", false
	}
	u.Host = host
	u.Fragment = ""
	u.User = nil
	if u.Path == "" {
		u.Path = "/"
	}
	if skipExt[strings.ToLower(path.Ext(u.Path))] {
		return "", false
	}
	if u.RawQuery != "" {
		q := u.Query()
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		u.RawQuery = q.Encode()
	}
	visit := u.String()
	// One page, one address: /, /index.html and /a/ versus /a are the same page.
	c := *u
	c.Path = canonicalPath(u.Path)
	key := c.String()
	if f.seen[key] {
		return "", false
	}
	f.seen[key] = true
	if len(key) > maxURLLength || strings.Count(strings.Trim(u.Path, "/"), "/") >= maxDepth {
		f.skipped++
		return "", false
	}
	base := u.Scheme + "://" + u.Host + u.Path
	if u.RawQuery != "" {
		f.variants[base]++
		if f.variants[base] > maxQueryVariants {
			f.skipped++
			return "", false
		}
	}
	// Paths with two or more numbers (dates: /kalender/2025/1) are where generated link
	// traps live; a single number (/produkt/123) is ordinary and bounded by max_pages.
	if len(digits.FindAllStringIndex(u.Path, 3)) >= 2 {
		pat := digits.ReplaceAllString(u.Host+u.Path, "#")
		f.patterns[pat]++
		if f.patterns[pat] > maxPatternPages {
			f.skipped++
			return "", false
		}
	}
	return visit, true
}

// indexPages are the file names servers answer a folder's address with.
var indexPages = map[string]bool{"index.html": true, "index.htm": true, "index.php": true}

// canonicalPath is the path a page is known by: a folder's index file is the folder, and
// a trailing slash makes no other page.
func canonicalPath(p string) string {
	if p == "" {
		return "/"
	}
	if i := strings.LastIndexByte(p, '/'); i >= 0 && indexPages[strings.ToLower(p[i+1:])] {
		p = p[:i+1]
	}
	return cleanPath(p)
}

// normHost lower-cases a host and drops the scheme's default port.
func normHost(scheme, host string) string {
	host = strings.ToLower(host)
	if (scheme == "http" && strings.HasSuffix(host, ":80")) || (scheme == "https" && strings.HasSuffix(host, ":443")) {
		if h, _, err := net.SplitHostPort(host); err == nil {
			if strings.Contains(h, ":") {
				return "[" + h + "]"
			}
			return h
		}
	}
	return host
}

// pagePath is the path a page is recorded under: the path alone, with the host when it is
// not the site's own, and never a query string.
func (p *plan) pagePath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return canonicalPath(u.Path)
}

// pageHost is the host of a page when it is not the start host.
func (p *plan) pageHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if h := normHost(u.Scheme, u.Host); h != p.host && strings.ToLower(u.Host) != p.host {
		return h
	}
	return ""
}

// resourcePath is a requested resource's path without its query string.
func resourcePath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Path
}
