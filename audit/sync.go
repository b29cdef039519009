package audit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/sirupsen/logrus"

	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports/issues"
)

// SyncOptions configures an issue sync.
type SyncOptions struct {
	FindingsPath string
	// ConfigPath is an inventory whose github section gives the repository, the API URL
	// and labels; empty: none.
	ConfigPath string
	// Repo is owner/name; it overrides the inventory's.
	Repo   string
	APIURL string
	// Token authenticates; the caller reads it from the environment. Never logged.
	Token     string
	ReportURL string
	Lang      string
	Labels    []string
	DryRun    bool
	// AllowPublic permits a public repository.
	AllowPublic bool
	HTTPClient  *http.Client
	Log         *logrus.Entry
	// Out receives the dry-run plan.
	Out io.Writer
}

// SyncResult is what a sync did, or in a dry run would do.
type SyncResult = issues.Result

// Errors of a sync whose options are incomplete, before anything is sent.
var (
	// ErrNoRepository: neither the options nor the inventory name a repository.
	ErrNoRepository = errors.New("issues sync: no repository")
	// ErrPublicRepository: the repository is public and AllowPublic is not set.
	ErrPublicRepository = issues.ErrPublicRepository
)

// LangError is a language vern does not write.
type LangError struct {
	Lang string
}

func (e *LangError) Error() string { return fmt.Sprintf("language %q: choose en or nb", e.Lang) }

// NoTokenError is a sync that would write without a token.
type NoTokenError struct {
	Repo string
}

func (e *NoTokenError) Error() string {
	return fmt.Sprintf("issues sync: no token; give a token with rights on %s's issues", e.Repo)
}

// Sync files the findings as issues of the repository and keeps them in line. The result,
// when not nil, holds the counts even when the sync failed; a repository refused is of kind
// KindInvalid, one that could not be brought in line of kind KindDelivery.
func Sync(ctx context.Context, opts SyncOptions) (*SyncResult, error) {
	doc, err := findings.Read(opts.FindingsPath)
	if err != nil {
		return nil, invalid(err)
	}
	labels := opts.Labels
	if opts.ConfigPath != "" {
		cfg, err := loadConfig(opts.ConfigPath)
		if err != nil {
			return nil, invalid(err)
		}
		if gh := cfg.Inventory.GitHub; gh != nil {
			if opts.Repo == "" {
				opts.Repo = gh.Repo
			}
			if opts.APIURL == "" {
				opts.APIURL = gh.APIURL
			}
			labels = append(labels, gh.Labels...)
		}
	}
	if opts.Repo == "" {
		return nil, invalid(ErrNoRepository)
	}
	if opts.Lang != "en" && opts.Lang != "nb" {
		return nil, invalid(&LangError{Lang: opts.Lang})
	}
	if opts.Token == "" && !opts.DryRun {
		return nil, invalid(&NoTokenError{Repo: opts.Repo})
	}
	res, err := issues.Sync(ctx, issues.Options{
		Repo: opts.Repo, Token: opts.Token, APIURL: opts.APIURL, HTTPClient: opts.HTTPClient,
		Findings: doc, Lang: opts.Lang, ReportURL: opts.ReportURL, Labels: labels,
		DryRun: opts.DryRun, AllowPublic: opts.AllowPublic, Log: opts.Log, Out: opts.Out,
	})
	var se *issues.Error
	if errors.As(err, &se) && se.Failure == issues.FailureDelivery {
		return res, undelivered(err)
	}
	return res, invalid(err)
}
