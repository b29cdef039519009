package issues

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"

	gh "github.com/google/go-github/v60/github"
	"github.com/sirupsen/logrus"
)

// reasonAdopted marks an action on an issue found without the vern label.
const reasonAdopted = "adopted: the vern label had been removed"

// Ways vern looks for its issues that lost the vern label, as logged.
const (
	lookupCreator = "creator"
	lookupRules   = "rule labels"
)

// adopt looks for issues vern created that the listing by the vern label missed (a person
// took the label off), so a finding gets its old issue back instead of a duplicate. It runs
// only when the plan files new issues, so a run with nothing new costs no extra request.
//
// Issues are looked up by their creator, the token's account, which finds them whatever
// labels they carry. A GitHub App installation token cannot name its account; then the
// issues are looked up by the rule label (vern:<rule>) of each rule about to be filed.
// Found issues join have and return the number found; their labels are restored by the
// plan's usual edit.
func (s *syncer) adopt(ctx context.Context, creates []*desired, have map[string]*existing) (int, error) {
	wanted := map[string]bool{}
	rules := map[string]bool{}
	for _, d := range creates {
		wanted[d.id] = true
		rules[d.rule] = true
	}
	found := map[string]*existing{}
	note := func(is *gh.Issue) {
		if wanted[markerID(is.GetBody())] {
			s.noteIssue(found, is)
		}
	}
	login, err := s.login(ctx)
	if err != nil {
		return 0, err
	}
	if login != "" {
		s.log.WithFields(logrus.Fields{"lookup": lookupCreator, "creator": login, "new": len(creates)}).
			Info("looking for vern issues without the vern label by their creator")
		opt := &gh.IssueListByRepoOptions{State: "all", Creator: login, Sort: "created", Direction: "asc"}
		if err := s.listAll(ctx, opt, note); err != nil {
			return 0, fmt.Errorf("list issues by creator: %w", err)
		}
	} else {
		names := make([]string, 0, len(rules))
		for r := range rules {
			names = append(names, r)
		}
		sort.Strings(names)
		s.log.WithFields(logrus.Fields{"lookup": lookupRules, "rules": len(names), "new": len(creates)}).
			Info("the token cannot name its account (an installation token); " +
				"looking for vern issues without the vern label by their rule labels")
		for _, r := range names {
			opt := &gh.IssueListByRepoOptions{State: "all", Labels: []string{labelRulePrefix + r},
				Sort: "created", Direction: "asc"}
			if err := s.listAll(ctx, opt, note); err != nil {
				return 0, fmt.Errorf("list issues of rule %s: %w", r, err)
			}
		}
	}
	for id, e := range found {
		e.adopted = true
		have[id] = e
		s.log.WithField("issue", e.number).Info("vern issue without the vern label adopted")
	}
	return len(found), nil
}

// login returns the login of the token's account, asked once a run; "" when the token may not
// name it (GitHub App installation tokens are refused with 403).
func (s *syncer) login(ctx context.Context) (string, error) {
	if s.loginKnown {
		return s.loginName, nil
	}
	u, _, err := s.client.Users.Get(ctx, "")
	if err != nil {
		var er *gh.ErrorResponse
		if !errors.As(err, &er) || er.Response == nil ||
			(er.Response.StatusCode != http.StatusForbidden && er.Response.StatusCode != http.StatusNotFound) {
			return "", fmt.Errorf("read the token's account: %w", err)
		}
		s.log.WithField("status", er.Response.StatusCode).Info("the token may not read its account")
	} else {
		s.loginName = u.GetLogin()
	}
	s.loginKnown = true
	return s.loginName, nil
}

// listAll lists issues 100 a page and hands each to note.
func (s *syncer) listAll(ctx context.Context, opt *gh.IssueListByRepoOptions, note func(*gh.Issue)) error {
	opt.PerPage = 100
	for {
		issues, resp, err := s.client.Issues.ListByRepo(ctx, s.owner, s.name, opt)
		if err != nil {
			return err
		}
		for _, is := range issues {
			note(is)
		}
		if resp.NextPage == 0 {
			return nil
		}
		opt.Page = resp.NextPage
	}
}

// creates returns what the plan would file anew.
func creates(actions []Action) []*desired {
	var out []*desired
	for _, a := range actions {
		if a.Kind == ActionCreate {
			out = append(out, a.want)
		}
	}
	return out
}

// markAdopted notes on each action for an adopted issue why vern acts on it.
func markAdopted(actions []Action) {
	for i := range actions {
		a := &actions[i]
		if a.have == nil || !a.have.adopted {
			continue
		}
		if a.Reason == "" {
			a.Reason = reasonAdopted
		} else {
			a.Reason = reasonAdopted + "; " + a.Reason
		}
	}
}
