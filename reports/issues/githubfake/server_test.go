package githubfake

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	gh "github.com/google/go-github/v60/github"
)

func client(t *testing.T, s *Server) *gh.Client {
	t.Helper()
	c, err := gh.NewClient(s.Client()).WithAuthToken("t0ken").WithEnterpriseURLs(s.URL, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestListPaginatesWithLinkHeaders(t *testing.T) {
	t.Parallel()
	s := New(Options{Owner: "o", Repo: "r", Private: true, Token: "t0ken"})
	t.Cleanup(s.Close)
	for i := range 250 {
		labels := []string{"vern"}
		if i%2 == 0 {
			labels = append(labels, "even")
		}
		n := s.AddIssue(Issue{Title: fmt.Sprint(i), Labels: labels})
		if i%5 == 0 {
			s.EditIssue(n, func(is *Issue) { is.State, is.StateReason = "closed", "not_planned" })
		}
	}
	tests := []struct {
		name        string
		state       string
		labels      []string
		want, pages int
	}{
		{name: "all", state: "all", labels: []string{"vern"}, want: 250, pages: 3},
		{name: "open only", state: "", labels: []string{"vern"}, want: 200, pages: 2},
		{name: "two labels", state: "all", labels: []string{"vern", "even"}, want: 125, pages: 2},
		{name: "closed", state: "closed", labels: nil, want: 50, pages: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := client(t, s)
			opt := &gh.IssueListByRepoOptions{State: tc.state, Labels: tc.labels, Direction: "asc",
				ListOptions: gh.ListOptions{PerPage: 100}}
			got, pages, prev := 0, 0, 0
			for {
				issues, resp, err := c.Issues.ListByRepo(context.Background(), "o", "r", opt)
				if err != nil {
					t.Fatal(err)
				}
				pages++
				for _, is := range issues {
					if is.GetNumber() <= prev {
						t.Fatalf("issue #%d after #%d", is.GetNumber(), prev)
					}
					prev = is.GetNumber()
				}
				got += len(issues)
				if resp.NextPage == 0 {
					break
				}
				opt.Page = resp.NextPage
			}
			if got != tc.want || pages != tc.pages {
				t.Fatalf("%d issues in %d pages, want %d in %d", got, pages, tc.want, tc.pages)
			}
		})
	}
}

func TestRateLimitAndVisibility(t *testing.T) {
	t.Parallel()
	now := time.Now()
	s := New(Options{Owner: "o", Repo: "r", Now: func() time.Time { return now }, RateLimit: 2})
	t.Cleanup(s.Close)
	c := client(t, s)
	repo, resp, err := c.Repositories.Get(context.Background(), "o", "r")
	if err != nil || repo.GetPrivate() || repo.GetVisibility() != "public" || resp.Rate.Remaining != 1 {
		t.Fatalf("repo %+v, rate %+v, err %v", repo, resp.Rate, err)
	}
	if _, _, err := c.Repositories.Get(context.Background(), "o", "r"); err != nil {
		t.Fatal(err)
	}
	_, _, err = c.Repositories.Get(context.Background(), "o", "r")
	var rl *gh.RateLimitError
	if !errors.As(err, &rl) {
		t.Fatalf("third request: %v, want a rate limit error", err)
	}
}

func TestUserCreatorFilterAndEvents(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		installation bool
		wantLogin    string
		wantStatus   int
	}{
		{name: "personal token", wantLogin: "vern-bot", wantStatus: 200},
		{name: "installation token", installation: true, wantStatus: 403},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := New(Options{Owner: "o", Repo: "r", Private: true, Token: "t0ken", Installation: tc.installation})
			t.Cleanup(s.Close)
			c := client(t, s)
			ctx := context.Background()
			u, resp, err := c.Users.Get(ctx, "")
			if resp == nil || resp.StatusCode != tc.wantStatus || u.GetLogin() != tc.wantLogin {
				t.Fatalf("GET /user: %v %v, err %v", u.GetLogin(), resp, err)
			}

			s.AddIssue(Issue{Title: "by a person", Labels: []string{"vern"}})
			is, _, err := c.Issues.Create(ctx, "o", "r", &gh.IssueRequest{Title: gh.String("by the token"),
				Labels: &[]string{"vern", "x"}})
			if err != nil {
				t.Fatal(err)
			}
			if !s.RemoveLabel(is.GetNumber(), "vern") || s.RemoveLabel(is.GetNumber(), "vern") {
				t.Fatal("RemoveLabel: want true once, then false")
			}
			got, _, err := c.Issues.ListByRepo(ctx, "o", "r", &gh.IssueListByRepoOptions{State: "all", Creator: "vern-bot"})
			if err != nil || len(got) != 1 || got[0].GetNumber() != is.GetNumber() || len(got[0].Labels) != 1 {
				t.Fatalf("creator filter: %d issues, err %v", len(got), err)
			}

			if _, _, err := c.Issues.Edit(ctx, "o", "r", is.GetNumber(), &gh.IssueRequest{State: gh.String("closed")}); err != nil {
				t.Fatal(err)
			}
			s.EditIssue(is.GetNumber(), func(is *Issue) { is.State, is.StateReason = "open", "reopened" })
			events, _, err := c.Issues.ListIssueEvents(ctx, "o", "r", is.GetNumber(), nil)
			if err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, ev := range events {
				kinds = append(kinds, ev.GetEvent()+":"+ev.GetActor().GetLogin())
			}
			if fmt.Sprint(kinds) != "[unlabeled:person closed:vern-bot reopened:person]" {
				t.Fatalf("events %v", kinds)
			}
		})
	}
}
