// Package githubfake is a small, stateful fake of the GitHub REST API for tests: a repository
// with issues, labels and comments, paginated lists with Link headers, issue state and
// state_reason, primary rate-limit headers, repository visibility, and injected faults
// (secondary limits, 429, 5xx, cut connections), the authenticated user (or an installation
// token's refusal to name one) and issue events. It serves under "/" and under "/api/v3"
// (GitHub Enterprise) alike.
package githubfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configure a fake server.
type Options struct {
	// Owner and Repo name the one repository served.
	Owner, Repo string
	// Private sets the repository's visibility.
	Private bool
	// Token, when set, is required as a bearer token.
	Token string
	// Now is the server's clock (timestamps, rate-limit resets); time.Now when nil.
	Now func() time.Time
	// RateLimit is the primary limit per window of an hour; 5000 when 0.
	RateLimit int
	// Login is the account the token belongs to: GET /user names it and issues and comments
	// the client creates are its; "vern-bot" when empty.
	Login string
	// Installation makes the token behave like a GitHub App installation token: GET /user
	// answers 403 "Resource not accessible by integration".
	Installation bool
}

// Server is the fake API. Its methods are safe for concurrent use.
type Server struct {
	*httptest.Server

	opts Options
	mu   sync.Mutex

	issues    []*Issue
	labels    map[string]*Label
	commentID int64
	eventID   int64
	faults    []*Fault
	down      bool

	remaining int
	reset     time.Time

	requests []Request
}

// Issue is an issue (or pull request) as the fake stores it.
type Issue struct {
	Number      int
	Title       string
	Body        string
	Labels      []string
	State       string // open | closed
	StateReason string // "" | completed | not_planned | reopened
	Author      string
	PullRequest bool
	Comments    []Comment
	// Events are the issue's state changes and label removals, oldest first.
	Events    []Event
	CreatedAt time.Time
	UpdatedAt time.Time
	ClosedAt  time.Time
}

// Comment is an issue comment.
type Comment struct {
	ID        int64
	Body      string
	Author    string
	CreatedAt time.Time
}

// Event is an issue event: "closed", "reopened" or "unlabeled".
type Event struct {
	ID        int64
	Event     string
	Actor     string
	Label     string
	CreatedAt time.Time
}

// Label is a repository label.
type Label struct {
	Name        string
	Color       string
	Description string
}

// Request is one request the server received.
type Request struct {
	Method string
	Path   string
	// Query is the raw query string, e.g. "creator=vern-bot&page=2".
	Query  string
	Status int // 0 when the connection was cut
	// Time is the server's clock when the request arrived.
	Time time.Time
}

// New starts a fake server; Close it when done.
func New(opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.RateLimit == 0 {
		opts.RateLimit = 5000
	}
	if opts.Login == "" {
		opts.Login = "vern-bot"
	}
	s := &Server{opts: opts, labels: map[string]*Label{}}
	s.remaining = opts.RateLimit
	s.reset = opts.Now().Add(time.Hour)
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Inject adds a fault; faults are tried in the order they were added.
func (s *Server) Inject(f *Fault) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
	return f
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// SetDown cuts every connection while down is true.
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

// SetRemaining sets the primary rate limit's remaining requests and its reset time.
func (s *Server) SetRemaining(remaining int, reset time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.remaining, s.reset = remaining, reset
}

// AddIssue stores an issue as a person would file it and returns its number.
func (s *Server) AddIssue(in Issue) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Now()
	in.Number = len(s.issues) + 1
	if in.State == "" {
		in.State = "open"
	}
	if in.Author == "" {
		in.Author = "person"
	}
	in.CreatedAt, in.UpdatedAt = now, now
	for _, l := range in.Labels {
		s.ensureLabel(l)
	}
	cp := in
	s.issues = append(s.issues, &cp)
	return in.Number
}

// EditIssue changes an issue as a person would (e.g. closing it as not planned); a change of
// state is recorded as the person's event.
func (s *Server) EditIssue(number int, edit func(*Issue)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	is := s.issues[number-1]
	was := is.State
	edit(is)
	is.UpdatedAt = s.opts.Now()
	if is.State == "closed" && is.ClosedAt.IsZero() {
		is.ClosedAt = is.UpdatedAt
	}
	if is.State == "open" {
		is.ClosedAt = time.Time{}
	}
	s.stateEvent(is, was, "person")
}

// RemoveLabel takes a label off an issue as a person would; false when it was not there.
func (s *Server) RemoveLabel(number int, name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	is := s.issues[number-1]
	for i, l := range is.Labels {
		if l == name {
			is.Labels = append(is.Labels[:i:i], is.Labels[i+1:]...)
			is.UpdatedAt = s.opts.Now()
			s.addEvent(is, Event{Event: "unlabeled", Actor: "person", Label: name})
			return true
		}
	}
	return false
}

// stateEvent records a closed or reopened event when the issue's state changed from was.
func (s *Server) stateEvent(is *Issue, was, actor string) {
	switch {
	case was == is.State:
	case is.State == "closed":
		s.addEvent(is, Event{Event: "closed", Actor: actor})
	case is.State == "open":
		s.addEvent(is, Event{Event: "reopened", Actor: actor})
	}
}

func (s *Server) addEvent(is *Issue, ev Event) {
	s.eventID++
	ev.ID, ev.CreatedAt = s.eventID, s.opts.Now()
	is.Events = append(is.Events, ev)
}

// Issues returns a copy of every issue, by number.
func (s *Server) Issues() []Issue {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Issue, len(s.issues))
	for i, is := range s.issues {
		out[i] = *is
		out[i].Labels = append([]string(nil), is.Labels...)
		out[i].Comments = append([]Comment(nil), is.Comments...)
		out[i].Events = append([]Event(nil), is.Events...)
	}
	return out
}

// Labels returns a copy of the repository's labels.
func (s *Server) Labels() map[string]Label {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]Label{}
	for k, v := range s.labels {
		out[k] = *v
	}
	return out
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// ResetRequests forgets the requests received so far.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// Count counts the requests received with this method ("" for all).
func (s *Server) Count(method string) int {
	n := 0
	for _, r := range s.Requests() {
		if method == "" || r.Method == method {
			n++
		}
	}
	return n
}

// Writes counts the requests received that may change state (anything but GET and HEAD).
func (s *Server) Writes() int {
	n := 0
	for _, r := range s.Requests() {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			n++
		}
	}
	return n
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/api/v3")
	repoPath := "/repos/" + s.opts.Owner + "/" + s.opts.Repo
	rel, inRepo := strings.CutPrefix(p, repoPath)

	s.mu.Lock()
	fault := s.fault(r.Method, rel, inRepo)
	down := s.down
	s.mu.Unlock()

	if down || (fault != nil && fault.Drop && !fault.After) {
		s.record(r, 0)
		cut(w)
		return
	}
	if fault != nil && fault.Status != 0 {
		for k, v := range fault.Header {
			w.Header()[k] = v
		}
		s.record(r, fault.Status)
		writeRaw(w, fault.Status, fault.Body)
		return
	}
	if fault != nil && fault.Drop && fault.After {
		rec := httptest.NewRecorder()
		s.handle(rec, r, rel, inRepo)
		s.record(r, 0)
		cut(w)
		return
	}
	rec := httptest.NewRecorder()
	s.handle(rec, r, rel, inRepo)
	s.record(r, rec.Code)
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

func (s *Server) fault(method, rel string, inRepo bool) *Fault {
	if !inRepo {
		return nil
	}
	for _, f := range s.faults {
		if f.matches(method, rel) && f.take() {
			if f.OnFire != nil {
				f.OnFire()
			}
			return f
		}
	}
	return nil
}

func (s *Server) record(r *http.Request, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Status: status, Time: s.opts.Now()})
}

// cut closes the connection without writing a response.
func cut(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("githubfake: response writer cannot be hijacked")
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

func writeRaw(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	_ = json.NewEncoder(&buf).Encode(v)
	writeRaw(w, status, buf.String())
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"message": msg, "documentation_url": "https://docs.github.com/rest"})
}

// handle serves one request against the stored state.
func (s *Server) handle(w http.ResponseWriter, r *http.Request, rel string, inRepo bool) {
	s.mu.Lock()
	defer s.mu.Unlock()

	if s.opts.Token != "" {
		auth := r.Header.Get("Authorization")
		if auth != "Bearer "+s.opts.Token && auth != "token "+s.opts.Token {
			writeError(w, http.StatusUnauthorized, "Bad credentials")
			return
		}
	}
	if !s.rate(w) {
		return
	}
	if !inRepo {
		if strings.TrimPrefix(r.URL.Path, "/api/v3") == "/user" && r.Method == http.MethodGet {
			s.getUser(w)
			return
		}
		writeError(w, http.StatusNotFound, "Not Found")
		return
	}
	parts := strings.Split(strings.Trim(rel, "/"), "/")
	switch {
	case rel == "" && r.Method == http.MethodGet:
		s.getRepo(w)
	case rel == "/labels" && r.Method == http.MethodGet:
		s.listLabels(w, r)
	case rel == "/labels" && r.Method == http.MethodPost:
		s.createLabel(w, r)
	case rel == "/issues" && r.Method == http.MethodGet:
		s.listIssues(w, r)
	case rel == "/issues" && r.Method == http.MethodPost:
		s.createIssue(w, r)
	case len(parts) == 2 && parts[0] == "issues":
		is := s.issue(parts[1])
		switch {
		case is == nil:
			writeError(w, http.StatusNotFound, "Not Found")
		case r.Method == http.MethodGet:
			writeJSON(w, http.StatusOK, s.issueJSON(r, is))
		case r.Method == http.MethodPatch:
			s.editIssue(w, r, is)
		default:
			writeError(w, http.StatusMethodNotAllowed, "Method Not Allowed")
		}
	case len(parts) == 3 && parts[0] == "issues" && parts[2] == "events" && r.Method == http.MethodGet:
		if is := s.issue(parts[1]); is != nil {
			s.listEvents(w, r, is)
		} else {
			writeError(w, http.StatusNotFound, "Not Found")
		}
	case len(parts) == 3 && parts[0] == "issues" && parts[2] == "comments":
		is := s.issue(parts[1])
		switch {
		case is == nil:
			writeError(w, http.StatusNotFound, "Not Found")
		case r.Method == http.MethodGet:
			s.listComments(w, r, is)
		case r.Method == http.MethodPost:
			s.createComment(w, r, is)
		default:
			writeError(w, http.StatusMethodNotAllowed, "Method Not Allowed")
		}
	default:
		writeError(w, http.StatusNotFound, "Not Found")
	}
}

// rate applies the primary rate limit and writes its headers; false when the request is refused.
func (s *Server) rate(w http.ResponseWriter) bool {
	now := s.opts.Now()
	if !now.Before(s.reset) {
		s.remaining = s.opts.RateLimit
		s.reset = now.Add(time.Hour)
	}
	h := w.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(s.opts.RateLimit))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(s.reset.Unix(), 10))
	h.Set("X-RateLimit-Resource", "core")
	if s.remaining <= 0 {
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Used", strconv.Itoa(s.opts.RateLimit))
		writeError(w, http.StatusForbidden, "API rate limit exceeded")
		return false
	}
	s.remaining--
	h.Set("X-RateLimit-Remaining", strconv.Itoa(s.remaining))
	h.Set("X-RateLimit-Used", strconv.Itoa(s.opts.RateLimit-s.remaining))
	return true
}

// getUser names the token's account; an installation token has none and is refused.
func (s *Server) getUser(w http.ResponseWriter) {
	if s.opts.Installation {
		writeError(w, http.StatusForbidden, "Resource not accessible by integration")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": 7, "login": s.opts.Login, "type": "User"})
}

func (s *Server) getRepo(w http.ResponseWriter) {
	vis := "public"
	if s.opts.Private {
		vis = "private"
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"id": 1, "name": s.opts.Repo, "full_name": s.opts.Owner + "/" + s.opts.Repo,
		"owner": map[string]any{"login": s.opts.Owner}, "private": s.opts.Private, "visibility": vis,
	})
}

func (s *Server) issue(num string) *Issue {
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || n > len(s.issues) {
		return nil
	}
	return s.issues[n-1]
}

func (s *Server) ensureLabel(name string) {
	if _, ok := s.labels[name]; !ok {
		// GitHub creates unknown labels on the fly, with a default colour.
		s.labels[name] = &Label{Name: name, Color: "ededed"}
	}
}

func (s *Server) labelJSON(name string) map[string]any {
	l := s.labels[name]
	if l == nil {
		l = &Label{Name: name, Color: "ededed"}
	}
	return map[string]any{"name": l.Name, "color": l.Color, "description": l.Description}
}

func (s *Server) issueJSON(r *http.Request, is *Issue) map[string]any {
	labels := make([]any, 0, len(is.Labels))
	for _, l := range is.Labels {
		labels = append(labels, s.labelJSON(l))
	}
	m := map[string]any{
		"id": is.Number, "number": is.Number, "title": is.Title, "body": is.Body, "state": is.State,
		"labels": labels, "comments": len(is.Comments), "user": map[string]any{"login": is.Author},
		"created_at": is.CreatedAt.UTC().Format(time.RFC3339), "updated_at": is.UpdatedAt.UTC().Format(time.RFC3339),
		"html_url": fmt.Sprintf("http://%s/%s/%s/issues/%d", r.Host, s.opts.Owner, s.opts.Repo, is.Number),
	}
	if is.StateReason != "" {
		m["state_reason"] = is.StateReason
	} else {
		m["state_reason"] = nil
	}
	if !is.ClosedAt.IsZero() {
		m["closed_at"] = is.ClosedAt.UTC().Format(time.RFC3339)
	}
	if is.PullRequest {
		m["pull_request"] = map[string]any{"url": "pr"}
	}
	return m
}

func (s *Server) listLabels(w http.ResponseWriter, r *http.Request) {
	names := make([]string, 0, len(s.labels))
	for n := range s.labels {
		names = append(names, n)
	}
	slices.Sort(names)
	page, from, to := paginate(w, r, len(names))
	_ = page
	out := make([]any, 0, to-from)
	for _, n := range names[from:to] {
		out = append(out, s.labelJSON(n))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createLabel(w http.ResponseWriter, r *http.Request) {
	var in struct{ Name, Color, Description string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Name == "" {
		writeError(w, http.StatusUnprocessableEntity, "Validation Failed")
		return
	}
	if _, ok := s.labels[in.Name]; ok {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{
			"message": "Validation Failed",
			"errors":  []any{map[string]any{"resource": "Label", "code": "already_exists", "field": "name"}},
		})
		return
	}
	s.labels[in.Name] = &Label{Name: in.Name, Color: in.Color, Description: in.Description}
	writeJSON(w, http.StatusCreated, s.labelJSON(in.Name))
}

func (s *Server) listIssues(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	state := q.Get("state")
	if state == "" {
		state = "open"
	}
	var want []string
	if l := q.Get("labels"); l != "" {
		want = strings.Split(l, ",")
	}
	creator := q.Get("creator")
	var sel []*Issue
	for _, is := range s.issues {
		if state != "all" && is.State != state {
			continue
		}
		if creator != "" && is.Author != creator {
			continue
		}
		if hasAll(is.Labels, want) {
			sel = append(sel, is)
		}
	}
	// Default order is newest first, as on GitHub.
	if q.Get("direction") != "asc" {
		for i, j := 0, len(sel)-1; i < j; i, j = i+1, j-1 {
			sel[i], sel[j] = sel[j], sel[i]
		}
	}
	_, from, to := paginate(w, r, len(sel))
	out := make([]any, 0, to-from)
	for _, is := range sel[from:to] {
		out = append(out, s.issueJSON(r, is))
	}
	writeJSON(w, http.StatusOK, out)
}

func hasAll(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if h == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

type issueRequest struct {
	Title       *string   `json:"title"`
	Body        *string   `json:"body"`
	Labels      *[]string `json:"labels"`
	State       *string   `json:"state"`
	StateReason *string   `json:"state_reason"`
}

func (s *Server) createIssue(w http.ResponseWriter, r *http.Request) {
	var in issueRequest
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Title == nil || *in.Title == "" {
		writeError(w, http.StatusUnprocessableEntity, "Validation Failed")
		return
	}
	now := s.opts.Now()
	is := &Issue{Number: len(s.issues) + 1, Title: *in.Title, State: "open", Author: s.opts.Login, CreatedAt: now, UpdatedAt: now}
	if in.Body != nil {
		is.Body = *in.Body
	}
	if in.Labels != nil {
		for _, l := range *in.Labels {
			s.ensureLabel(l)
		}
		is.Labels = append([]string(nil), *in.Labels...)
	}
	s.issues = append(s.issues, is)
	writeJSON(w, http.StatusCreated, s.issueJSON(r, is))
}

func (s *Server) editIssue(w http.ResponseWriter, r *http.Request, is *Issue) {
	var in issueRequest
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeError(w, http.StatusUnprocessableEntity, "Validation Failed")
		return
	}
	now := s.opts.Now()
	was := is.State
	if in.Title != nil {
		is.Title = *in.Title
	}
	if in.Body != nil {
		is.Body = *in.Body
	}
	if in.Labels != nil {
		for _, l := range *in.Labels {
			s.ensureLabel(l)
		}
		is.Labels = append([]string(nil), *in.Labels...)
	}
	if in.State != nil {
		switch *in.State {
		case "closed":
			if is.State != "closed" {
				is.ClosedAt = now
			}
			is.State = "closed"
			is.StateReason = "completed"
			if in.StateReason != nil && *in.StateReason != "" {
				is.StateReason = *in.StateReason
			}
		case "open":
			if is.State != "open" {
				is.StateReason = "reopened"
			}
			is.State = "open"
			is.ClosedAt = time.Time{}
		default:
			writeError(w, http.StatusUnprocessableEntity, "Validation Failed")
			return
		}
	} else if in.StateReason != nil && is.State == "closed" {
		is.StateReason = *in.StateReason
	}
	s.stateEvent(is, was, s.opts.Login)
	is.UpdatedAt = now
	writeJSON(w, http.StatusOK, s.issueJSON(r, is))
}

func (s *Server) listComments(w http.ResponseWriter, r *http.Request, is *Issue) {
	var sel []Comment
	since, _ := time.Parse(time.RFC3339, r.URL.Query().Get("since"))
	for _, c := range is.Comments {
		if !c.CreatedAt.Before(since) {
			sel = append(sel, c)
		}
	}
	_, from, to := paginate(w, r, len(sel))
	out := make([]any, 0, to-from)
	for _, c := range sel[from:to] {
		out = append(out, map[string]any{
			"id": c.ID, "body": c.Body, "user": map[string]any{"login": c.Author},
			"created_at": c.CreatedAt.UTC().Format(time.RFC3339),
		})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createComment(w http.ResponseWriter, r *http.Request, is *Issue) {
	var in struct{ Body string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Body == "" {
		writeError(w, http.StatusUnprocessableEntity, "Validation Failed")
		return
	}
	s.commentID++
	now := s.opts.Now()
	c := Comment{ID: s.commentID, Body: in.Body, Author: s.opts.Login, CreatedAt: now}
	is.Comments = append(is.Comments, c)
	is.UpdatedAt = now
	writeJSON(w, http.StatusCreated, map[string]any{"id": c.ID, "body": c.Body, "user": map[string]any{"login": c.Author}})
}

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request, is *Issue) {
	_, from, to := paginate(w, r, len(is.Events))
	out := make([]any, 0, to-from)
	for _, ev := range is.Events[from:to] {
		m := map[string]any{"id": ev.ID, "event": ev.Event, "actor": map[string]any{"login": ev.Actor},
			"created_at": ev.CreatedAt.UTC().Format(time.RFC3339)}
		if ev.Label != "" {
			m["label"] = map[string]any{"name": ev.Label}
		}
		out = append(out, m)
	}
	writeJSON(w, http.StatusOK, out)
}
