package githubfake

import (
	"net/http"
	"path"
	"strconv"
)

// Fault is an injected failure for requests that match Method and Path.
type Fault struct {
	// Method matches the request method; empty matches any.
	Method string
	// Path is a path.Match pattern on the path below the repository, e.g. "/issues",
	// "/issues/*", "/issues/*/comments"; "" matches the repository itself, "*any" every path.
	Path string
	// Skip lets this many matching requests through before the fault fires.
	Skip int
	// Times is how often the fault fires; 0 means once, -1 means for ever.
	Times int

	// Status, Header and Body make the fault answer with this response instead.
	Status int
	Header http.Header
	Body   string
	// Drop cuts the connection without an answer.
	Drop bool
	// After, with Drop, handles the request first (an issue is created) and then cuts the
	// connection, so the client cannot know the request succeeded.
	After bool
	// OnFire, when set, runs each time the fault fires (e.g. to cancel the client's context).
	OnFire func()

	seen  int
	fired int
}

func (f *Fault) matches(method, rel string) bool {
	if f.Method != "" && f.Method != method {
		return false
	}
	if f.Path == "*any" {
		return true
	}
	ok, _ := path.Match(f.Path, rel)
	return ok
}

// take reports whether the fault fires for this matching request.
func (f *Fault) take() bool {
	f.seen++
	if f.seen <= f.Skip {
		return false
	}
	if f.Times >= 0 && f.fired >= max(f.Times, 1) {
		return false
	}
	f.fired++
	return true
}

// Fired is how often the fault fired.
func (f *Fault) Fired() int { return f.fired }

// SecondaryLimit answers like GitHub's secondary rate limit: 403 with Retry-After.
func SecondaryLimit(method, pattern string, retryAfterSeconds int) *Fault {
	return &Fault{
		Method: method, Path: pattern, Status: http.StatusForbidden,
		Header: http.Header{"Retry-After": {strconv.Itoa(retryAfterSeconds)}},
		Body: `{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",` +
			`"documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`,
	}
}

// TooManyRequests answers 429 with Retry-After.
func TooManyRequests(method, pattern string, retryAfterSeconds int) *Fault {
	return &Fault{
		Method: method, Path: pattern, Status: http.StatusTooManyRequests,
		Header: http.Header{"Retry-After": {strconv.Itoa(retryAfterSeconds)}},
		Body:   `{"message":"Too many requests"}`,
	}
}

// BadGateway answers 502 without handling the request.
func BadGateway(method, pattern string, times int) *Fault {
	return &Fault{Method: method, Path: pattern, Times: times, Status: http.StatusBadGateway, Body: `{"message":"Bad Gateway"}`}
}

// CutAfter handles the request and then cuts the connection.
func CutAfter(method, pattern string) *Fault {
	return &Fault{Method: method, Path: pattern, Drop: true, After: true}
}
