package issues

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/alarmlink/vern/internal/findings"
	gh "github.com/google/go-github/v60/github"
	"github.com/sirupsen/logrus"
)

// postAttempts bounds the tries of a POST that failed ambiguously (each after a look-up).
const postAttempts = 4

// apply carries out one action. Every write is either idempotent (PATCH) or looked up before
// it is tried again (POST), so an interrupted run repeated does nothing twice.
func (s *syncer) apply(ctx context.Context, a *Action) error {
	log := s.log.WithFields(logrus.Fields{"rule": a.Rule, "issue": a.Number, "action": a.Kind})
	switch a.Kind {
	case ActionCreate:
		if err := s.create(ctx, a); err != nil {
			return err
		}
		log.WithField("issue", a.Number).Info("issue created")
	case ActionUpdate:
		if err := s.edit(ctx, a, "", ""); err != nil {
			return err
		}
		log.Info("issue updated")
	case ActionClose:
		if err := s.comment(ctx, a); err != nil {
			return err
		}
		if err := s.edit(ctx, a, "closed", "completed"); err != nil {
			return err
		}
		log.Info("issue closed as completed")
	case ActionWaive:
		if err := s.comment(ctx, a); err != nil {
			return err
		}
		if err := s.edit(ctx, a, "closed", "not_planned"); err != nil {
			return err
		}
		log.Info("issue closed as not planned (waived)")
	case ActionReopen:
		if err := s.comment(ctx, a); err != nil {
			return err
		}
		if err := s.edit(ctx, a, "open", ""); err != nil {
			return err
		}
		log.Info("issue reopened")
	}
	return nil
}

// create files the issue. A create that fails without a clear answer may have happened, so
// the issue is looked up by its marker before it is tried again.
func (s *syncer) create(ctx context.Context, a *Action) error {
	d := a.want
	if err := s.ensureLabels(ctx, d.labels); err != nil {
		return err
	}
	labels := append([]string(nil), d.labels...)
	req := &gh.IssueRequest{Title: gh.String(d.title), Body: gh.String(d.body), Labels: &labels}
	for attempt := 1; ; attempt++ {
		is, _, err := s.client.Issues.Create(ctx, s.owner, s.name, req)
		if err == nil {
			a.Number = is.GetNumber()
			return nil
		}
		if !ambiguous(err) || attempt >= postAttempts {
			return fmt.Errorf("create: %w", err)
		}
		s.log.WithField("rule", a.Rule).Warnf("create failed without an answer, looking it up: %v", err)
		n, lerr := s.findByMarker(ctx, d.rule, d.id)
		if lerr != nil {
			return fmt.Errorf("look up issue after a failed create (%w): %w", err, lerr)
		}
		if n > 0 {
			a.Number = n
			return nil
		}
		if err := s.tr.wait(ctx, backoff(attempt+1)); err != nil {
			return err
		}
	}
}

// findByMarker returns the number of the newest issue of rule carrying the marker of id, or 0.
func (s *syncer) findByMarker(ctx context.Context, rule, id string) (int, error) {
	opt := &gh.IssueListByRepoOptions{State: "all", Labels: []string{labelVern, labelRulePrefix + rule},
		Sort: "created", Direction: "desc", ListOptions: gh.ListOptions{PerPage: 100}}
	issues, _, err := s.client.Issues.ListByRepo(ctx, s.owner, s.name, opt)
	if err != nil {
		return 0, err
	}
	for _, is := range issues {
		if !is.IsPullRequest() && markerID(is.GetBody()) == id {
			return is.GetNumber(), nil
		}
	}
	return 0, nil
}

// edit writes the issue's content (when it changed) and state in one PATCH; PATCH is
// idempotent, so the transport may send it again after a failure.
func (s *syncer) edit(ctx context.Context, a *Action, state, reason string) error {
	req := &gh.IssueRequest{}
	if a.edit && a.want != nil {
		labels := mergeLabels(a.have.labels, a.want.labels, s.extra)
		if err := s.ensureLabels(ctx, labels); err != nil {
			return err
		}
		req.Title, req.Body, req.Labels = gh.String(a.want.title), gh.String(a.want.body), &labels
	}
	if state != "" {
		req.State = gh.String(state)
	}
	if reason != "" {
		req.StateReason = gh.String(reason)
	}
	if _, _, err := s.client.Issues.Edit(ctx, s.owner, s.name, a.Number, req); err != nil {
		return fmt.Errorf("edit #%d: %w", a.Number, err)
	}
	return nil
}

// comment posts the comment that explains a change of state, unless an interrupted run
// already posted it: the last event comment vern wrote on the issue tells. When that comment
// is the same event, the issue's events tell an interrupted run (no change of state since
// the comment) from a person undoing the change (e.g. reopening a resolved issue), which
// gets a new comment: each change vern makes is explained once.
func (s *syncer) comment(ctx context.Context, a *Action) error {
	n := a.have.comments
	var prev *gh.IssueComment
	if n > 0 {
		last, c, err := s.lastEvent(ctx, a.Number, n, a.ID)
		if err != nil {
			return err
		}
		if last == a.event {
			undone, err := s.changeUndone(ctx, a.Number, c.GetCreatedAt().Time)
			if err != nil {
				return err
			}
			if !undone {
				s.log.WithField("issue", a.Number).Info("comment already posted by an earlier run")
				return nil
			}
			s.log.WithField("issue", a.Number).Info("the change vern explained was undone by hand; explaining it again")
			prev = c
		}
	}
	body := s.commentBody(a)
	for attempt := 1; ; attempt++ {
		_, _, err := s.client.Issues.CreateComment(ctx, s.owner, s.name, a.Number, &gh.IssueComment{Body: gh.String(body)})
		if err == nil {
			a.have.comments++
			return nil
		}
		if !ambiguous(err) || attempt >= postAttempts {
			return fmt.Errorf("comment on #%d: %w", a.Number, err)
		}
		last, c, lerr := s.lastEvent(ctx, a.Number, n+1, a.ID)
		if lerr != nil {
			return fmt.Errorf("look up comment after a failed post (%w): %w", err, lerr)
		}
		if last == a.event && (prev == nil || c.GetID() != prev.GetID()) {
			return nil
		}
		if err := s.tr.wait(ctx, backoff(attempt+1)); err != nil {
			return err
		}
	}
}

// lastEvent returns the last event vern recorded for id in the page of comments that holds
// the n-th comment, and the comment that recorded it.
func (s *syncer) lastEvent(ctx context.Context, number, n int, id string) (string, *gh.IssueComment, error) {
	opt := &gh.IssueListCommentsOptions{ListOptions: gh.ListOptions{PerPage: 100, Page: (n-1)/100 + 1}}
	comments, _, err := s.client.Issues.ListComments(ctx, s.owner, s.name, number, opt)
	if err != nil {
		return "", nil, fmt.Errorf("list comments of #%d: %w", number, err)
	}
	last, at := "", (*gh.IssueComment)(nil)
	for _, c := range comments {
		if ev := commentEvent(c.GetBody(), id); ev != "" {
			last, at = ev, c
		}
	}
	return last, at, nil
}

// changeUndone reports whether the change a comment posted at since explained was made and
// then undone: two changes of state (closed, reopened) after it. vern makes the change at
// least writeGap after the comment, so it is later by the second GitHub records; an
// interrupted run (comment posted, change not made) leaves none. Asked only when an issue
// needs the same change again, so a steady state never pays for it.
func (s *syncer) changeUndone(ctx context.Context, number int, since time.Time) (bool, error) {
	opt := &gh.ListOptions{PerPage: 100}
	changes := 0
	for {
		events, resp, err := s.client.Issues.ListIssueEvents(ctx, s.owner, s.name, number, opt)
		if err != nil {
			return false, fmt.Errorf("list events of #%d: %w", number, err)
		}
		for _, ev := range events {
			kind := ev.GetEvent()
			if (kind == "closed" || kind == "reopened") && ev.GetCreatedAt().After(since) {
				changes++
			}
		}
		if changes >= 2 {
			return true, nil
		}
		if resp.NextPage == 0 {
			return false, nil
		}
		opt.Page = resp.NextPage
	}
}

func (s *syncer) commentBody(a *Action) string {
	tx := wordsFor(s.opts.Lang)
	var b strings.Builder
	b.WriteString(eventMarker(a.event, a.ID) + "\n")
	switch a.event {
	case eventResolved:
		b.WriteString(tx.text("issue.comment.resolved") + "\n")
	case eventReturned:
		b.WriteString(tx.text("issue.comment.returned") + "\n")
	case eventWaiverExpired:
		b.WriteString(tx.text("issue.comment.expired") + "\n")
	case eventWaived:
		b.WriteString(tx.text("issue.comment.waived") + "\n")
		if w := a.want.waiver; w != nil {
			fmt.Fprintf(&b, "\n- %s: %s\n- %s: %s\n- %s: %s\n", tx.text("issue.justification"), inline(w.Justification),
				tx.text("issue.approved_by"), code(w.ApprovedBy), tx.text("issue.expires"), code(w.Expires))
		}
	}
	if s.opts.ReportURL != "" {
		fmt.Fprintf(&b, "\n[%s](<%s>)\n", tx.text("issue.report"), linkTarget(s.opts.ReportURL))
	}
	return b.String()
}

// ambiguous reports whether a failed request may still have taken effect: no answer, or a
// server error. Refusals (4xx, rate limits the transport could not wait out) did not.
func ambiguous(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var rl *gh.RateLimitError
	var ab *gh.AbuseRateLimitError
	if errors.As(err, &rl) || errors.As(err, &ab) {
		return false
	}
	var er *gh.ErrorResponse
	if errors.As(err, &er) {
		return er.Response != nil && er.Response.StatusCode >= 500
	}
	return true
}

// Label colours: severities from red to green, vern's own in purple.
var labelColours = map[string]string{
	labelVern:   "5319e7",
	labelWaived: "c2e0c6",
	labelSevPrefix + string(findings.SeverityCritical): "b60205",
	labelSevPrefix + string(findings.SeverityHigh):     "d93f0b",
	labelSevPrefix + string(findings.SeverityMedium):   "fbca04",
	labelSevPrefix + string(findings.SeverityLow):      "0e8a16",
	labelSevPrefix + string(findings.SeverityInfo):     "c5def5",
}

func labelStyle(name string) (colour, description string) {
	switch {
	case name == labelVern:
		return labelColours[name], "Found by vern's privacy compliance audit"
	case name == labelWaived:
		return labelColours[name], "Covered by a waiver in waivers.yaml"
	case strings.HasPrefix(name, labelSevPrefix):
		c := labelColours[name]
		if c == "" {
			c = "ededed"
		}
		return c, "Severity of a vern finding"
	case strings.HasPrefix(name, labelRulePrefix):
		return "d4c5f9", "vern rule " + strings.TrimPrefix(name, labelRulePrefix)
	}
	return "ededed", ""
}

// ensureLabels creates the labels that do not exist yet, with colours (GitHub would create
// them grey on the fly). The repository's labels are listed once, and only when needed.
func (s *syncer) ensureLabels(ctx context.Context, names []string) error {
	missing := s.missingLabels(names)
	if len(missing) == 0 {
		return nil
	}
	if !s.labelsListed {
		opt := &gh.ListOptions{PerPage: 100}
		for {
			labels, resp, err := s.client.Issues.ListLabels(ctx, s.owner, s.name, opt)
			if err != nil {
				return fmt.Errorf("list labels: %w", err)
			}
			for _, l := range labels {
				s.knownLabels[l.GetName()] = true
			}
			if resp.NextPage == 0 {
				break
			}
			opt.Page = resp.NextPage
		}
		s.labelsListed = true
		missing = s.missingLabels(names)
	}
	for _, name := range missing {
		colour, desc := labelStyle(name)
		label := &gh.Label{Name: gh.String(name), Color: gh.String(colour), Description: gh.String(desc)}
		for attempt := 1; ; attempt++ {
			_, _, err := s.client.Issues.CreateLabel(ctx, s.owner, s.name, label)
			if err == nil || alreadyExists(err) {
				break
			}
			if !ambiguous(err) || attempt >= postAttempts {
				return fmt.Errorf("create label %q: %w", name, err)
			}
			if err := s.tr.wait(ctx, backoff(attempt+1)); err != nil {
				return err
			}
		}
		s.knownLabels[name] = true
	}
	return nil
}

func (s *syncer) missingLabels(names []string) []string {
	var out []string
	for _, n := range names {
		if !s.knownLabels[n] {
			out = append(out, n)
		}
	}
	return out
}

// alreadyExists is GitHub's answer to creating a label that exists (e.g. created by an
// earlier attempt whose answer was lost).
func alreadyExists(err error) bool {
	var er *gh.ErrorResponse
	if !errors.As(err, &er) || er.Response == nil || er.Response.StatusCode != http.StatusUnprocessableEntity {
		return false
	}
	for _, e := range er.Errors {
		if e.Code == "already_exists" {
			return true
		}
	}
	return false
}
