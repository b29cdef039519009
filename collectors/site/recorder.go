package site

import (
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// cookieWrite is one attempt to set a cookie: from a Set-Cookie header or a
// document.cookie write. It holds the cookie's name and attributes, never its value.
type cookieWrite struct {
	name, domain, path string
	hostOnly           bool
	lifetimeDays       int
	session            bool
	httpOnly, secure   bool
	sameSite           string
	setBy              string
	page               string
	after              bool
	blocked            []string
}

// cookieObs is what one phase saw of one cookie.
type cookieObs struct {
	name, domain, path string
	lifetimeDays       int
	session            bool
	httpOnly, secure   bool
	sameSite           string
	attrsFromJar       bool
	setBy              map[string]bool
	firstSeen          string
	before, after      bool
	blocked            bool
	reasons            map[string]bool
}

type storageObs struct {
	kind, key     string
	firstSeen     string
	before, after bool
}

type requestObs struct {
	host          string
	count         int
	firstSeen     string
	sets, sends   bool
	before, after bool
	resources     map[string]bool
}

// recorder gathers what one consent phase saw. Event listeners call it from the browser's
// reading goroutines, so it is safe for concurrent use and each call is short.
type recorder struct {
	p      *plan
	phase  string
	chosen atomic.Bool
	now    func() time.Time

	mu       sync.Mutex
	cookies  map[string]*cookieObs
	storage  map[string]*storageObs
	requests map[string]*requestObs
	// reqURLs maps a request id (per tab) to the addresses of its hops, reqDoc to the page
	// that made it; respSeen counts the responses seen per request id.
	reqURLs  map[string][]string
	reqDoc   map[string]string
	respSeen map[string]int
	// pending holds responses whose request was not seen yet, sendPending requests known
	// to carry cookies before they were seen.
	pending     []pendingResponse
	sendPending map[string]bool
	// beforeJar is the jar just before the click: expiry by cookie key.
	beforeJar map[string]float64
	// dropped counts cookies and storage keys over the record limit, truncated the names
	// cut to the name limit.
	dropped, truncated int

	// afterWrites counts the cookie and storage writes after the click: a click after
	// which there are none, and the button still shows, changed nothing.
	afterWrites atomic.Int64
	// acceptLanguage is the Accept-Language header the browser sent first.
	acceptLanguage atomic.Pointer[string]

	// Hostile page behaviour, counted from the tabs' listeners.
	dialogs, popups, offSite atomic.Int64
}

// sawAcceptLanguage keeps the first Accept-Language header the browser sent.
func (r *recorder) sawAcceptLanguage(v string) { r.acceptLanguage.CompareAndSwap(nil, &v) }

// setBeforeJar records the jar as it was just before the click.
func (r *recorder) setBeforeJar(m map[string]float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.beforeJar = m
}

type pendingResponse struct {
	id      string
	lines   []string
	blocked map[string][]string
	after   bool
}

func newRecorder(p *plan, phase string) *recorder {
	return &recorder{
		p: p, phase: phase, now: time.Now,
		cookies: map[string]*cookieObs{}, storage: map[string]*storageObs{}, requests: map[string]*requestObs{},
		reqURLs: map[string][]string{}, reqDoc: map[string]string{}, respSeen: map[string]int{},
		sendPending: map[string]bool{},
	}
}

func cookieKey(domain, name string) string { return strings.TrimPrefix(domain, ".") + "\x00" + name }

// clip cuts a cookie name or storage key to the name limit, on a character boundary.
func (r *recorder) clip(name string) (string, bool) {
	if len(name) <= r.p.maxName {
		return name, false
	}
	return strings.ToValidUTF8(name[:r.p.maxName], ""), true
}

// addCookie records one write attempt; the caller holds mu.
func (r *recorder) addCookie(w cookieWrite) {
	if w.name == "" {
		return
	}
	name, cut := r.clip(w.name)
	w.name = name
	k := cookieKey(w.domain, w.name)
	o := r.cookies[k]
	if o == nil {
		if len(r.cookies) >= r.p.maxRecords {
			r.dropped++
			return
		}
		if cut {
			r.truncated++
		}
		o = &cookieObs{name: w.name, domain: strings.TrimPrefix(w.domain, "."), path: w.path,
			lifetimeDays: w.lifetimeDays, session: w.session, httpOnly: w.httpOnly, secure: w.secure,
			sameSite: w.sameSite, setBy: map[string]bool{}, firstSeen: w.page, reasons: map[string]bool{}}
		r.cookies[k] = o
	}
	if w.lifetimeDays > o.lifetimeDays {
		o.lifetimeDays = w.lifetimeDays
		o.session = false
	}
	o.setBy[w.setBy] = true
	if w.after {
		r.afterWrites.Add(1)
		o.after = true
	} else {
		o.before = true
	}
	if len(w.blocked) > 0 {
		o.blocked = true
		for _, b := range w.blocked {
			o.reasons[b] = true
		}
	}
}

// parseCookieLine reads a Set-Cookie line (or a document.cookie write) into a write. The
// value is parsed and dropped. A deletion (Max-Age 0 or a past date) gives ok false.
func parseCookieLine(line string, reqURL *url.URL, now time.Time) (cookieWrite, bool) {
	c, err := http.ParseSetCookie(line)
	if err != nil || c.Name == "" {
		return cookieWrite{}, false
	}
	w := cookieWrite{name: c.Name, path: c.Path, httpOnly: c.HttpOnly, secure: c.Secure}
	switch c.SameSite {
	case http.SameSiteLaxMode:
		w.sameSite = "Lax"
	case http.SameSiteStrictMode:
		w.sameSite = "Strict"
	case http.SameSiteNoneMode:
		w.sameSite = "None"
	}
	if w.path == "" {
		w.path = "/"
	}
	if c.Domain != "" {
		w.domain = strings.ToLower(strings.TrimPrefix(c.Domain, "."))
	} else if reqURL != nil {
		w.domain = strings.ToLower(reqURL.Hostname())
		w.hostOnly = true
	}
	switch {
	case c.MaxAge < 0:
		return cookieWrite{}, false
	case c.MaxAge > 0:
		w.lifetimeDays = days(time.Duration(c.MaxAge) * time.Second)
	case !c.Expires.IsZero():
		d := c.Expires.Sub(now)
		if d <= 0 {
			return cookieWrite{}, false
		}
		w.lifetimeDays = days(d)
	default:
		w.session = true
	}
	return w, true
}

func days(d time.Duration) int {
	return int(math.Ceil(d.Hours()/24 - 1e-9))
}

// request records a request the page made; id is unique within the phase.
func (r *recorder) request(id, rawURL, docURL string) {
	after := r.chosen.Load()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqURLs[id] = append(r.reqURLs[id], rawURL)
	if _, ok := r.reqDoc[id]; !ok {
		r.reqDoc[id] = docURL
	}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return
	}
	host := strings.ToLower(u.Host)
	if r.p.hosts[host] || r.p.party(u.Hostname()) == "first" {
		return
	}
	o := r.requests[host]
	if o == nil {
		o = &requestObs{host: host, firstSeen: r.p.pagePath(docURL), resources: map[string]bool{}}
		r.requests[host] = o
	}
	o.count++
	if r.sendPending[id] {
		o.sends = true
		delete(r.sendPending, id)
	}
	if after {
		o.after = true
	} else {
		o.before = true
	}
	if len(o.resources) < 5 {
		o.resources[resourcePath(rawURL)] = true
	}
}

// sentCookies records that a request carried cookies.
func (r *recorder) sentCookies(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.reqURLs[id]) == 0 {
		r.sendPending[id] = true
		return
	}
	if o := r.requestFor(id, 0); o != nil {
		o.sends = true
	}
}

// requestFor is the third-party host record of a request's hop; the caller holds mu.
func (r *recorder) requestFor(id string, hop int) *requestObs {
	urls := r.reqURLs[id]
	if len(urls) == 0 {
		return nil
	}
	if hop >= len(urls) {
		hop = len(urls) - 1
	}
	u, err := url.Parse(urls[hop])
	if err != nil {
		return nil
	}
	return r.requests[strings.ToLower(u.Host)]
}

// response records the Set-Cookie lines of a response (blocked ones with their reasons).
func (r *recorder) response(id string, lines []string, blocked map[string][]string) {
	if len(lines) == 0 && len(blocked) == 0 {
		return
	}
	pr := pendingResponse{id: id, lines: lines, blocked: blocked, after: r.chosen.Load()}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.reqURLs[id]) == 0 {
		r.pending = append(r.pending, pr)
		return
	}
	r.applyResponse(pr)
}

// applyResponse turns a response's lines into writes; the caller holds mu.
func (r *recorder) applyResponse(pr pendingResponse) {
	hop := r.respSeen[pr.id]
	r.respSeen[pr.id]++
	urls := r.reqURLs[pr.id]
	var reqURL *url.URL
	if len(urls) > 0 {
		i := min(hop, len(urls)-1)
		reqURL, _ = url.Parse(urls[i])
	}
	page := r.p.pagePath(r.reqDoc[pr.id])
	if page == "" && reqURL != nil {
		page = cleanPath(reqURL.Path)
	}
	all := append([]string(nil), pr.lines...)
	for line := range pr.blocked {
		if !slices.Contains(all, line) {
			all = append(all, line)
		}
	}
	now := r.now()
	any := false
	for _, line := range all {
		w, ok := parseCookieLine(line, reqURL, now)
		if !ok {
			continue
		}
		any = true
		w.setBy, w.page, w.after, w.blocked = "header", page, pr.after, pr.blocked[line]
		r.addCookie(w)
	}
	if any {
		if o := r.requestFor(pr.id, hop); o != nil {
			o.sets = true
		}
	}
}

// scriptCookie records a document.cookie write reported by the page hook.
func (r *recorder) scriptCookie(name, attrs, pageURL string) {
	u, _ := url.Parse(pageURL)
	w, ok := parseCookieLine(name+"=v"+attrs, u, r.now())
	if !ok {
		return
	}
	w.setBy, w.page, w.after = "script", r.p.pagePath(pageURL), r.chosen.Load()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.addCookie(w)
}

// storageKey records a localStorage or sessionStorage key written on a page (written) or
// found in storage after it loaded.
func (r *recorder) storageKey(kind, key, pageURL string, written bool) {
	if key == "" || (kind != "local" && kind != "session") {
		return
	}
	after := r.chosen.Load()
	r.mu.Lock()
	defer r.mu.Unlock()
	key, cut := r.clip(key)
	k := kind + "\x00" + key
	o := r.storage[k]
	if o == nil {
		if len(r.storage) >= r.p.maxRecords {
			r.dropped++
			return
		}
		if cut {
			r.truncated++
		}
		o = &storageObs{kind: kind, key: key, firstSeen: r.p.pagePath(pageURL)}
		r.storage[k] = o
	} else if !written {
		return
	}
	if after {
		if written {
			r.afterWrites.Add(1)
		}
		o.after = true
	} else {
		o.before = true
	}
}

// jarCookie is a cookie as the browser's jar holds it.
type jarCookie struct {
	name, domain, path string
	expires            float64 // seconds since the epoch; 0 for a session cookie
	httpOnly, secure   bool
	sameSite           string
}

// jar merges a snapshot of the cookie jar. beforeJar holds the snapshot taken just before
// the click (nil until then): a cookie missing from it, or whose expiry moved, was
// written after the choice.
func (r *recorder) jar(cookies []jarCookie, page string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	before := r.beforeJar
	now := float64(r.now().Unix())
	for _, c := range cookies {
		name, _ := r.clip(c.name)
		k := cookieKey(c.domain, name)
		o := r.cookies[k]
		if o == nil {
			w := cookieWrite{name: c.name, domain: c.domain, path: c.path, setBy: "jar", page: page,
				httpOnly: c.httpOnly, secure: c.secure, sameSite: c.sameSite, session: c.expires <= 0}
			if c.expires > 0 {
				w.lifetimeDays = days(time.Duration(c.expires-now) * time.Second)
			}
			if before != nil {
				exp, had := before[k]
				w.after = !had || exp != c.expires
			}
			r.addCookie(w)
			if o = r.cookies[k]; o == nil {
				continue // over the record limit
			}
		}
		o.httpOnly, o.secure, o.attrsFromJar = c.httpOnly, c.secure, true
		if c.sameSite != "" {
			o.sameSite = c.sameSite
		}
		if c.expires > 0 {
			if d := days(time.Duration(c.expires-now) * time.Second); d > o.lifetimeDays {
				o.lifetimeDays, o.session = d, false
			}
		}
		if before != nil {
			if exp, had := before[k]; !had || exp != c.expires {
				o.after = true
			}
		}
	}
}

// finish applies responses whose requests were never seen.
func (r *recorder) finish() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, pr := range r.pending {
		r.applyResponse(pr)
	}
	r.pending = nil
}
