package commands

import (
	"os"

	"github.com/sirupsen/logrus"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/internal/logging"
	"github.com/alarmlink/vern/internal/progress"
)

// printVerdict writes the console table and where the outputs went; inside a GitHub Actions
// step it also writes the workflow annotations for the most severe findings.
func printVerdict(g *globals, doc *findings.Document, outDir, lang string) {
	if doc == nil {
		return
	}
	if g.logFormat == logging.FormatJSON {
		verdictEvent(g, doc, outDir)
	}
	if err := audit.WriteConsole(g.out, doc, lang); err != nil {
		g.entry().WithError(err).Error("print findings")
	}
	if os.Getenv("GITHUB_ACTIONS") == "true" {
		if err := audit.WriteAnnotations(g.out, doc, 0); err != nil {
			g.entry().WithError(err).Error("write annotations")
		}
	}
	if outDir != "" {
		g.out.Printf("\nOutputs written to %s\n", outDir)
	}
}

// collectEnv builds the collectors' environment: the logger and progress bars when stdout is
// a terminal. An unknown browser mode is a usage error (g.collectors sets the mode).
func collectEnv(g *globals, browser string) (collect.Env, error) {
	if !audit.ValidBrowser(browser) {
		return collect.Env{}, usageErr("--browser %q: choose chromium, or none (headers only, recorded as partial)", browser)
	}
	env := collect.Env{Log: g.entry()}
	if bars := progress.ForTerminal(g.streams.Terminal); bars != nil {
		env.Progress = bars
	}
	return env, nil
}

// verdictEvent logs the gate's verdict as one JSON event (with --log-format json), so a
// nightly job's log says how the run ended without parsing the console table.
func verdictEvent(g *globals, doc *findings.Document, outDir string) {
	partial, failed := doc.Gate.Partial, doc.Gate.Failed
	if partial == nil {
		partial = []string{}
	}
	if failed == nil {
		failed = []string{}
	}
	g.entry().WithFields(logrus.Fields{
		"event":     "verdict",
		"gate":      doc.Gate.Result,
		"exit_code": doc.Gate.ExitCode,
		"fail_on":   doc.Gate.FailOn,
		"failing":   doc.Gate.Failing,
		"findings":  doc.Summary.Total,
		"waived":    doc.Summary.Waived,
		"partial":   partial,
		"failed":    failed,
		"out":       outDir,
		"version":   doc.VernVersion,
	}).Info("gate " + doc.Gate.Result)
}
