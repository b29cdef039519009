package issues

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sirupsen/logrus"
)

// Limits GitHub documents for content creation and retries. The transport keeps below them
// rather than relying on GitHub to refuse.
const (
	// writeGap is the pause between two requests that change state.
	writeGap = time.Second
	// createsPerMinute and createsPerHour cap content-creating requests (issues, comments, labels).
	createsPerMinute = 80
	createsPerHour   = 500
	// maxAttempts bounds the tries of one request (rate limits and server errors).
	maxAttempts = 8
	// minSecondaryWait is GitHub's advice when a secondary limit names no wait.
	minSecondaryWait = time.Minute
	// maxWait caps any single wait; a primary limit resets within the hour.
	maxWait = time.Hour
	// connectPatience bounds the backoff spent on one request whose connection fails (refused,
	// reset, unreachable). Unlike a rate limit or a server error, such an API gives no sign
	// that waiting helps: the sync fails within seconds rather than minutes.
	connectPatience = 10 * time.Second
)

// transport sits below go-github: it throttles writes, waits out primary and secondary rate
// limits (403 and 429, Retry-After, X-RateLimit-Reset) and retries server errors and cut
// connections of idempotent requests, on an injected clock. A POST that fails ambiguously
// (5xx, cut connection) is handed back, because it may have taken effect: the caller looks
// it up before trying again.
//
// It also keeps go-github from refusing requests locally after a response with
// X-RateLimit-Remaining: 0 (go-github compares its reset with the real clock): the transport
// owns that wait, so it removes the rate headers from such responses before passing them up.
type transport struct {
	base  http.RoundTripper
	now   func() time.Time
	sleep func(context.Context, time.Duration) error
	log   *logrus.Entry

	mu           sync.Mutex
	lastWrite    time.Time
	creates      []time.Time
	primaryReset time.Time
	stats        counters
}

// counters count what the transport did.
type counters struct {
	// Requests is every HTTP request sent, retries included.
	Requests int
	// Writes is every request sent that may change state, retries included.
	Writes int
	// Retries is the requests sent again after a rate limit, a server error or a cut connection.
	Retries int
	// Waited is the time spent waiting: throttling, rate limits and backoff.
	Waited time.Duration
}

func (t *transport) snapshot() counters {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.stats
}

func isWrite(method string) bool { return method != http.MethodGet && method != http.MethodHead }

// idempotent requests can be sent again after an ambiguous failure: a PATCH sets fields to
// values, so sending it twice changes nothing.
func idempotent(method string) bool { return method != http.MethodPost }

// RoundTrip implements http.RoundTripper.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if isWrite(req.Method) {
		if err := t.throttle(ctx, req.Method == http.MethodPost); err != nil {
			return nil, err
		}
	}
	var connWaited time.Duration
	for attempt := 1; ; attempt++ {
		if err := t.waitPrimary(ctx); err != nil {
			return nil, err
		}
		r, err := replay(req, attempt)
		if err != nil {
			return nil, err
		}
		t.count(req.Method, attempt)
		resp, err := t.base.RoundTrip(r)
		if err != nil {
			d := backoff(attempt)
			if ctx.Err() != nil || !idempotent(req.Method) || attempt >= maxAttempts || connWaited+d > connectPatience {
				return nil, err
			}
			connWaited += d
			t.log.WithField("attempt", attempt).Warnf("%s %s: connection failed, retrying", req.Method, req.URL.Path)
			if err := t.wait(ctx, d); err != nil {
				return nil, err
			}
			continue
		}
		t.notePrimary(resp)
		d, retry := t.classify(resp, req.Method, attempt)
		if !retry || attempt >= maxAttempts {
			hideExhausted(resp)
			return resp, nil
		}
		t.log.WithFields(logrus.Fields{"status": resp.StatusCode, "attempt": attempt, "wait": d.String()}).
			Warnf("%s %s: retrying", req.Method, req.URL.Path)
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if err := t.wait(ctx, d); err != nil {
			return nil, err
		}
	}
}

func (t *transport) count(method string, attempt int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stats.Requests++
	if isWrite(method) {
		t.stats.Writes++
	}
	if attempt > 1 {
		t.stats.Retries++
	}
}

// replay returns the request for this attempt, with a fresh body after the first.
func replay(req *http.Request, attempt int) (*http.Request, error) {
	if attempt == 1 || req.Body == nil || req.Body == http.NoBody {
		return req, nil
	}
	if req.GetBody == nil {
		return nil, fmt.Errorf("%s %s: request body cannot be sent again", req.Method, req.URL.Path)
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", req.Method, req.URL.Path, err)
	}
	r := req.Clone(req.Context())
	r.Body = body
	return r, nil
}

// classify decides whether a response is retried and after how long.
func (t *transport) classify(resp *http.Response, method string, attempt int) (time.Duration, bool) {
	switch code := resp.StatusCode; {
	case code == http.StatusTooManyRequests:
		return t.limitWait(resp, attempt), true
	case code == http.StatusForbidden:
		if resp.Header.Get("X-RateLimit-Remaining") == "0" || resp.Header.Get("Retry-After") != "" || secondary(resp) {
			return t.limitWait(resp, attempt), true
		}
		return 0, false
	case code >= 500 && code <= 599:
		// A POST that met a server error may have been carried out; the caller decides.
		return backoff(attempt), idempotent(method)
	}
	return 0, false
}

// limitWait is how long a rate-limited request waits: Retry-After, else the primary reset,
// else a growing multiple of a minute (GitHub's advice for secondary limits).
func (t *transport) limitWait(resp *http.Response, attempt int) time.Duration {
	if s := resp.Header.Get("Retry-After"); s != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n >= 0 {
			return min(time.Duration(n)*time.Second, maxWait)
		}
		if when, err := http.ParseTime(s); err == nil {
			return min(max(when.Sub(t.now()), time.Second), maxWait)
		}
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		if reset, ok := resetTime(resp); ok {
			return min(max(reset.Sub(t.now())+time.Second, time.Second), maxWait)
		}
	}
	return min(minSecondaryWait<<(attempt-1), maxWait)
}

// secondary reports whether a 403 is a secondary rate limit, reading (and restoring) its body.
func secondary(resp *http.Response) bool {
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return false
	}
	s := strings.ToLower(string(body))
	return strings.Contains(s, "secondary rate limit") || strings.Contains(s, "abuse")
}

func resetTime(resp *http.Response) (time.Time, bool) {
	n, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}, false
	}
	return time.Unix(n, 0), true
}

// notePrimary remembers an exhausted primary limit, so the next request waits for its reset.
func (t *transport) notePrimary(resp *http.Response) {
	if resp.Header.Get("X-RateLimit-Remaining") != "0" {
		return
	}
	if reset, ok := resetTime(resp); ok {
		t.mu.Lock()
		t.primaryReset = reset
		t.mu.Unlock()
	}
}

// hideExhausted removes rate headers announcing an exhausted limit from a response that is
// passed up, so go-github does not refuse the next request on its own clock.
func hideExhausted(resp *http.Response) {
	if resp.Header.Get("X-RateLimit-Remaining") != "0" || resp.StatusCode >= 300 {
		return
	}
	for _, h := range []string{"X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Limit", "X-RateLimit-Used"} {
		resp.Header.Del(h)
	}
}

func (t *transport) waitPrimary(ctx context.Context) error {
	t.mu.Lock()
	reset := t.primaryReset
	t.primaryReset = time.Time{}
	t.mu.Unlock()
	if reset.IsZero() {
		return nil
	}
	d := reset.Sub(t.now()) + time.Second
	if d <= 0 {
		return nil
	}
	t.log.WithField("wait", d.String()).Info("primary rate limit exhausted, waiting for its reset")
	return t.wait(ctx, min(d, maxWait))
}

// throttle spaces writes by writeGap and keeps content creation within the per-minute and
// per-hour limits.
func (t *transport) throttle(ctx context.Context, create bool) error {
	for {
		t.mu.Lock()
		now := t.now()
		var d time.Duration
		if !t.lastWrite.IsZero() {
			d = t.lastWrite.Add(writeGap).Sub(now)
		}
		if create {
			keep := t.creates[:0]
			for _, c := range t.creates {
				if now.Sub(c) < time.Hour {
					keep = append(keep, c)
				}
			}
			t.creates = keep
			if n := len(t.creates); n >= createsPerHour {
				d = max(d, t.creates[n-createsPerHour].Add(time.Hour).Sub(now))
			}
			if n := len(t.creates); n >= createsPerMinute {
				d = max(d, t.creates[n-createsPerMinute].Add(time.Minute).Sub(now))
			}
		}
		if d <= 0 {
			t.lastWrite = now
			if create {
				t.creates = append(t.creates, now)
			}
			t.mu.Unlock()
			return nil
		}
		t.mu.Unlock()
		if err := t.wait(ctx, d); err != nil {
			return err
		}
	}
}

func (t *transport) wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t.mu.Lock()
	t.stats.Waited += d
	t.mu.Unlock()
	return t.sleep(ctx, d)
}

// backoff is the wait before attempt+1 after a server error: 1s, 2s, 4s ... at most a minute.
func backoff(attempt int) time.Duration {
	return min(time.Second<<(attempt-1), time.Minute)
}

// sleepContext waits for d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
