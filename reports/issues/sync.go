// Package issues files findings as GitHub issues and keeps them in sync: one issue per rule
// and target, updated as the evidence changes, closed when fixed, reopened when it returns,
// closed as not planned while a waiver covers it. Issues carry their identity in a hidden
// marker, so vern finds its own issues by listing them and never touches anyone else's.
package issues

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	gh "github.com/google/go-github/v60/github"
	"github.com/sirupsen/logrus"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
)

// Options configure a sync.
type Options struct {
	// Repo is "owner/name" of the repository the issues live in.
	Repo string
	// Token authenticates (the caller reads it from GITHUB_TOKEN); never logged.
	Token string
	// APIURL is the REST API of a GitHub Enterprise server; empty for github.com.
	APIURL string
	// HTTPClient sends the requests; http.DefaultClient's transport when nil.
	HTTPClient *http.Client
	// Findings is the findings document to file.
	Findings *findings.Document
	// Lang is the language of issues: "en" (default) or "nb".
	Lang string
	// ReportURL links each issue to the run's report, when set.
	ReportURL string
	// Labels are added to every issue vern files (the inventory's github.labels).
	Labels []string
	// DryRun prints the plan to Out and writes nothing.
	DryRun bool
	// AllowPublic permits a public repository. Findings reveal weaknesses (plain-text
	// passwords, public grants), so by default a public repository is refused.
	AllowPublic bool
	// Sleep waits (throttling, rate limits, backoff); a timer when nil. Tests inject a clock.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock rate-limit resets are read against; time.Now when nil.
	Now func() time.Time
	// Log receives progress; never values or secrets. Discarded when nil.
	Log *logrus.Entry
	// Out receives the dry-run plan; io.Discard when nil.
	Out io.Writer
}

// Result is what a sync did (or, in a dry run, would do).
type Result struct {
	DryRun    bool `json:"dry_run"`
	Created   int  `json:"created"`
	Updated   int  `json:"updated"`
	Closed    int  `json:"closed"`
	Waived    int  `json:"waived"`
	Reopened  int  `json:"reopened"`
	Unchanged int  `json:"unchanged"`
	Skipped   int  `json:"skipped"`
	// Adopted is the number of vern issues found without the vern label (a person took it
	// off) and taken back, instead of filed again; they are also counted by what was done.
	Adopted int `json:"adopted"`
	// Issues is the number of vern issues found in the repository before the sync.
	Issues int `json:"issues"`
	// Requests counts every HTTP request sent (retries included); Writes those that may
	// change state; Retries those sent again.
	Requests int `json:"requests"`
	Writes   int `json:"writes"`
	Retries  int `json:"retries"`
	// Waited is the time spent throttled or waiting out rate limits.
	Waited time.Duration `json:"waited"`
	// Actions is the plan, in order.
	Actions []Action `json:"actions"`
	// Failure says what kept the sync from completing; empty when it completed.
	Failure Failure `json:"failure,omitempty"`
}

// Failure says what kept a sync from completing.
type Failure string

// What can fail.
const (
	// FailureOptions: the options are invalid; nothing was sent.
	FailureOptions Failure = "options"
	// FailureRefused: the repository was refused (public, without AllowPublic); nothing
	// was written.
	FailureRefused Failure = "refused"
	// FailureDelivery: the repository could not be brought in line with the findings.
	FailureDelivery Failure = "delivery"
)

// Error is a sync's error: what failed, and why. Its text is the wrapped error's.
type Error struct {
	Failure Failure
	Err     error
}

func (e *Error) Error() string { return e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// ErrPublicRepository is returned for a public repository without AllowPublic.
var ErrPublicRepository = errors.New("repository is public: findings would disclose weaknesses to anyone")

// Sync brings the repository's vern issues in line with the findings. An error is an
// *Error saying what failed; after the first request the result says it too.
func Sync(ctx context.Context, opts Options) (*Result, error) {
	owner, name, err := splitRepo(opts.Repo)
	if err != nil {
		return nil, &Error{Failure: FailureOptions, Err: err}
	}
	if opts.Findings == nil {
		return nil, &Error{Failure: FailureOptions, Err: errors.New("sync issues: no findings document")}
	}
	s, err := newSyncer(opts, owner, name)
	if err != nil {
		return nil, &Error{Failure: FailureOptions, Err: err}
	}
	res, err := s.run(ctx)
	st := s.tr.snapshot()
	if res == nil {
		res = &Result{DryRun: opts.DryRun}
	}
	res.Requests, res.Writes, res.Retries, res.Waited = st.Requests, st.Writes, st.Retries, st.Waited
	if err != nil {
		res.Failure = FailureDelivery
		if errors.Is(err, ErrPublicRepository) {
			res.Failure = FailureRefused
		}
		return res, &Error{Failure: res.Failure, Err: fmt.Errorf("sync issues in %s: %w", opts.Repo, err)}
	}
	return res, nil
}

func splitRepo(repo string) (string, string, error) {
	owner, name, ok := strings.Cut(repo, "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return "", "", fmt.Errorf("repository %q: want owner/name", repo)
	}
	return owner, name, nil
}

// syncer holds one run's state.
type syncer struct {
	opts        Options
	owner, name string
	client      *gh.Client
	tr          *transport
	log         *logrus.Entry
	extra       map[string]bool
	// knownLabels are labels known to exist in the repository.
	knownLabels  map[string]bool
	labelsListed bool
	// loginName is the token's account, asked at most once a run (loginKnown); "" when the
	// token may not name it.
	loginName  string
	loginKnown bool
}

func newSyncer(opts Options, owner, name string) (*syncer, error) {
	if opts.Sleep == nil {
		opts.Sleep = sleepContext
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Out == nil {
		opts.Out = io.Discard
	}
	if opts.Lang == "" {
		opts.Lang = string(config.LangEnglish)
	}
	if !config.Language(opts.Lang).Valid() {
		return nil, fmt.Errorf("language %q: choose en or nb", opts.Lang)
	}
	log := opts.Log
	if log == nil {
		l := logrus.New()
		l.Out = io.Discard
		log = logrus.NewEntry(l)
	}
	log = log.WithField("repo", owner+"/"+name)

	base := http.DefaultTransport
	var hc http.Client
	if opts.HTTPClient != nil {
		hc = *opts.HTTPClient
		if hc.Transport != nil {
			base = hc.Transport
		}
	}
	tr := &transport{base: base, now: opts.Now, sleep: opts.Sleep, log: log}
	hc.Transport = tr
	client := gh.NewClient(&hc)
	if opts.Token != "" {
		client = client.WithAuthToken(opts.Token)
	}
	if opts.APIURL != "" {
		var err error
		if client, err = client.WithEnterpriseURLs(opts.APIURL, opts.APIURL); err != nil {
			return nil, fmt.Errorf("api url: %w", err)
		}
	}
	extra := map[string]bool{}
	for _, l := range opts.Labels {
		extra[l] = true
	}
	return &syncer{opts: opts, owner: owner, name: name, client: client, tr: tr, log: log,
		extra: extra, knownLabels: map[string]bool{}}, nil
}

func (s *syncer) run(ctx context.Context) (*Result, error) {
	if err := s.checkVisibility(ctx); err != nil {
		return nil, err
	}
	have, err := s.listIssues(ctx)
	if err != nil {
		return nil, err
	}
	want := buildDesired(s.opts.Findings, s.opts.Lang, s.opts.ReportURL, s.opts.Labels)
	closeResolved := complete(s.opts.Findings)
	actions := plan(want, have, s.extra, closeResolved)
	adopted := 0
	if news := creates(actions); len(news) > 0 {
		if adopted, err = s.adopt(ctx, news, have); err != nil {
			return nil, err
		}
		if adopted > 0 {
			actions = plan(want, have, s.extra, closeResolved)
			markAdopted(actions)
		}
	}
	res := &Result{DryRun: s.opts.DryRun, Issues: len(have), Adopted: adopted, Actions: actions}
	if s.opts.DryRun {
		for _, a := range actions {
			tally(res, a.Kind)
		}
		return res, printPlan(s.opts.Out, s.opts.Repo, res)
	}
	for i := range actions {
		a := &actions[i]
		if err := s.apply(ctx, a); err != nil {
			return res, fmt.Errorf("%s issue for %s on %s: %w", a.Kind, a.Rule, firstOf(a.Target, a.Title), err)
		}
		tally(res, a.Kind)
	}
	return res, nil
}

// complete reports whether every target was collected; only then are missing findings resolved.
func complete(doc *findings.Document) bool {
	for _, t := range doc.Targets {
		if t.Status == evidence.StatusFailed {
			return false
		}
	}
	return doc.Gate.Result != findings.GateIncomplete
}

func tally(res *Result, kind string) {
	switch kind {
	case ActionCreate:
		res.Created++
	case ActionUpdate:
		res.Updated++
	case ActionClose:
		res.Closed++
	case ActionWaive:
		res.Waived++
	case ActionReopen:
		res.Reopened++
	case ActionUnchanged:
		res.Unchanged++
	case ActionSkip:
		res.Skipped++
	}
}

func (s *syncer) checkVisibility(ctx context.Context) error {
	repo, _, err := s.client.Repositories.Get(ctx, s.owner, s.name)
	if err != nil {
		return fmt.Errorf("read repository: %w", err)
	}
	public := repo.GetVisibility() == "public" || (repo.GetVisibility() == "" && !repo.GetPrivate())
	if public && !s.opts.AllowPublic {
		return ErrPublicRepository
	}
	return nil
}

// listIssues lists every issue labelled vern (open and closed, 100 a page) and keys those
// carrying a marker by identity. Issues without a marker are not vern's and are left alone.
func (s *syncer) listIssues(ctx context.Context) (map[string]*existing, error) {
	have := map[string]*existing{}
	opt := &gh.IssueListByRepoOptions{State: "all", Labels: []string{labelVern}, Sort: "created", Direction: "asc"}
	if err := s.listAll(ctx, opt, func(is *gh.Issue) { s.noteIssue(have, is) }); err != nil {
		return nil, fmt.Errorf("list issues: %w", err)
	}
	return have, nil
}

// noteIssue adds a listed issue to have, keeping the oldest of duplicates.
func (s *syncer) noteIssue(have map[string]*existing, is *gh.Issue) *existing {
	if is.IsPullRequest() {
		return nil
	}
	id := markerID(is.GetBody())
	if id == "" {
		return nil
	}
	e := toExisting(id, is)
	for _, l := range e.labels {
		s.knownLabels[l] = true
	}
	if prev, ok := have[id]; ok && prev.number < e.number {
		s.log.WithFields(logrus.Fields{"issue": e.number, "kept": prev.number}).Warn("duplicate vern issue left alone")
		return prev
	}
	have[id] = e
	return e
}

func toExisting(id string, is *gh.Issue) *existing {
	e := &existing{id: id, number: is.GetNumber(), title: is.GetTitle(), body: is.GetBody(),
		state: is.GetState(), stateReason: is.GetStateReason(), comments: is.GetComments()}
	for _, l := range is.Labels {
		e.labels = append(e.labels, l.GetName())
	}
	return e
}

// printPlan writes the dry-run plan: counts first, then one line per change.
func printPlan(w io.Writer, repo string, res *Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Plan for %s (dry run, nothing written): would create %d, would update %d, would close %d, "+
		"would close %d as waived, would reopen %d, %d unchanged, %d skipped\n",
		repo, res.Created, res.Updated, res.Closed, res.Waived, res.Reopened, res.Unchanged, res.Skipped)
	if res.Adopted > 0 {
		fmt.Fprintf(&b, "%d issues found without the vern label are taken back, not filed again\n", res.Adopted)
	}
	for _, a := range res.Actions {
		if a.Kind == ActionUnchanged {
			continue
		}
		num := "new"
		if a.Number > 0 {
			num = fmt.Sprintf("#%d", a.Number)
		}
		line := fmt.Sprintf("  %-18s %-6s %s", dryRunVerb(a.Kind), num, a.Title)
		if a.Reason != "" {
			line += " (" + a.Reason + ")"
		}
		b.WriteString(line + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// dryRunVerb says what a dry run would do for an action: "would create", "would close", ...
func dryRunVerb(kind string) string {
	switch kind {
	case ActionWaive:
		return "would close (waived)"
	case ActionSkip:
		return "would skip"
	default:
		return "would " + kind
	}
}
