package commands

import (
	"errors"
	"fmt"
	"testing"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/cmd/vern/exitcode"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/logging"
)

// TestFlagHints checks that the flows' neutral errors reach the user naming the flag that
// fixes them, in the words vern has always used, with the exit code of their kind.
func TestFlagHints(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		err      error
		wantCode int
		wantText string
	}{
		{"log format", &logging.ChoiceError{Setting: logging.SettingFormat, Value: "xml", Choices: "text or json"},
			exitcode.Usage, `--log-format "xml": choose text or json`},
		{"log level", &logging.ChoiceError{Setting: logging.SettingLevel, Value: "loud", Choices: "debug, info, warn or error"},
			exitcode.Usage, `--log-level "loud": choose debug, info, warn or error`},
		{"previous evidence that does not fit", &audit.Error{Kind: audit.KindInvalid, Err: &audit.LinkError{Previous: "old.json", Err: errors.New("previous evidence is not sealed")}},
			exitcode.Usage, "--previous old.json: previous evidence is not sealed"},
		{"rules that are a file", &audit.Error{Kind: audit.KindInvalid, Err: &audit.RulesDirError{Dir: "r.rego"}},
			exitcode.Usage, "load rules from r.rego: not a folder; --rules takes a folder of .rego files"},
		{"other waivers", &audit.Error{Kind: audit.KindInvalid, Err: &audit.WaiversMismatchError{Path: "b.json", First: "a.json"}},
			exitcode.Usage, "merge evidence: b.json was collected with other waivers than a.json: collect every target with the same waivers.yaml, or pass --waivers"},
		{"unchained beside chained", &audit.Error{Kind: audit.KindInvalid, Err: &audit.ChainMismatchError{Path: "b.json", First: "a.json", Linked: false}},
			exitcode.Usage, "merge evidence: b.json is not linked to a previous night but a.json is linked to a previous night (--previous): collect every target with --previous, or none"},
		{"chained beside unchained", &audit.Error{Kind: audit.KindInvalid, Err: &audit.ChainMismatchError{Path: "b.json", First: "a.json", Linked: true}},
			exitcode.Usage, "merge evidence: b.json is linked to a previous night (--previous) but a.json is not linked to a previous night: collect every target with --previous, or none"},
		{"issue language", &audit.Error{Kind: audit.KindInvalid, Err: &audit.LangError{Lang: "de"}},
			exitcode.Usage, `--lang "de": choose en or nb`},
		{"no token", &audit.Error{Kind: audit.KindInvalid, Err: &audit.NoTokenError{Repo: "o/r"}},
			exitcode.Usage, "issues sync: $GITHUB_TOKEN is not set; export a token with rights on o/r's issues"},
		{"no repository", &audit.Error{Kind: audit.KindInvalid, Err: audit.ErrNoRepository},
			exitcode.Usage, "issues sync: no repository; pass --repo owner/name or --config with a github.repo entry"},
		{"public repository", &audit.Error{Kind: audit.KindInvalid, Err: fmt.Errorf("sync issues in o/r: %w", audit.ErrPublicRepository)},
			exitcode.Usage, "sync issues in o/r: repository is public: findings would disclose weaknesses to anyone (use a private repository, or --allow-public to accept this)"},
		{"delivery", &audit.Error{Kind: audit.KindDelivery, Err: errors.New("write report.html: disk full")},
			exitcode.Delivery, "write report.html: disk full"},
		{"interrupted", &audit.Error{Kind: audit.KindInterrupted, Err: audit.ErrInterrupted},
			exitcode.Interrupted, audit.ErrInterrupted.Error()},
		{"a plain error is usage", errors.New("boom"), exitcode.Usage, "boom"},
		{"a command's own code wins", &exitcode.Error{Code: exitcode.Findings, Err: errors.New("verify: 1 problems in 2 evidence files")},
			exitcode.Findings, "verify: 1 problems in 2 evidence files"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, err := exitOf(tc.err)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d", code, tc.wantCode)
			}
			if err == nil || err.Error() != tc.wantText {
				t.Errorf("text %q, want %q", err, tc.wantText)
			}
		})
	}
}

// TestFlagHintsKeepTheChain checks that a reworded error still reaches what it wraps: the
// JSON fatal event lists a configuration's problems one by one.
func TestFlagHintsKeepTheChain(t *testing.T) {
	t.Parallel()
	list := config.ErrorList{{File: "vern.yaml", Line: 1, Column: 1, Message: "bad"}}
	_, err := exitOf(&audit.Error{Kind: audit.KindInvalid, Err: list})
	var got config.ErrorList
	if !errors.As(err, &got) || len(got) != 1 {
		t.Fatalf("err %v lost the problem list", err)
	}
	_, err = exitOf(&audit.Error{Kind: audit.KindInvalid, Err: fmt.Errorf("join: %w", &audit.RulesDirError{Dir: "x"})})
	var re *audit.RulesDirError
	if !errors.As(err, &re) || err.Error() != "join: load rules from x: not a folder; --rules takes a folder of .rego files" {
		t.Fatalf("wrapped hint: %v", err)
	}
}

// TestStrictHint checks that the warning about an unset ${ENV} names check's --strict.
func TestStrictHint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"unset env", "vern.yaml:3:7: environment variable X is not set (used a); set it where vern collects (" + config.StrictEnvNote + ")",
			"vern.yaml:3:7: environment variable X is not set (used a); set it where vern collects (check --strict makes this an error)"},
		{"other warning", "processors/a.yaml:1:1: no agreement", "processors/a.yaml:1:1: no agreement"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := strictHint(errors.New(tc.in)).Error(); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}
