package commands

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/findings"
)

// reportFlags are the flags of the commands that write reports.
type reportFlags struct {
	formats   string
	failOn    string
	lang      string
	rulesDir  string
	now       string
	previous  string
	reportURL string
}

const defaultFormats = "html,json,sarif,junit,markdown"

func (r *reportFlags) bind(cmd *cobra.Command, withGate bool) {
	cmd.Flags().StringVar(&r.formats, "format", defaultFormats, "report formats, comma-separated: "+strings.Join(audit.FormatNames(), ", "))
	cmd.Flags().StringVar(&r.lang, "lang", string(config.LangEnglish), "report language: en or nb")
	cmd.Flags().StringVar(&r.previous, "previous", "", "previous run's findings.json, to show what changed")
	cmd.Flags().StringVar(&r.reportURL, "report-url", "", "where the HTML report will be published (linked from other outputs)")
	if withGate {
		cmd.Flags().StringVar(&r.failOn, "fail-on", string(findings.SeverityHigh), "fail the gate on unwaived findings at or above: critical, high, medium, low, info")
		cmd.Flags().StringVar(&r.rulesDir, "rules", "", "folder of extra Rego rules (package vern.<area>, same conventions as the built-in rules)")
		cmd.Flags().StringVar(&r.now, "now", "", "evaluate as of this time (RFC 3339 or YYYY-MM-DD); default: the evidence's collection time")
	}
}

func (r *reportFlags) parse() (audit.Formats, time.Time, *findings.Document, error) {
	formats, err := audit.ParseFormats(r.formats)
	if err != nil {
		return nil, time.Time{}, nil, usageErr("--format: %v", err)
	}
	if !config.Language(r.lang).Valid() {
		return nil, time.Time{}, nil, usageErr("--lang %q: choose en or nb", r.lang)
	}
	if r.failOn != "" && !findings.Severity(r.failOn).Valid() {
		return nil, time.Time{}, nil, usageErr("--fail-on %q: choose critical, high, medium, low or info", r.failOn)
	}
	var now time.Time
	if r.now != "" {
		if now, err = parseTime(r.now); err != nil {
			return nil, time.Time{}, nil, usageErr("--now: %v", err)
		}
	}
	var prev *findings.Document
	if r.previous != "" {
		if prev, err = findings.Read(r.previous); err != nil {
			return nil, time.Time{}, nil, usageErr("--previous: %v", err)
		}
	}
	return formats, now, prev, nil
}

func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is neither RFC 3339 (2026-01-31T12:00:00Z) nor a date (2026-01-31)", s)
}
