package commands

import (
	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/internal/version"
)

type auditFlags struct {
	config  string
	out     string
	browser string
	report  reportFlags
	chain   chainFlags
}

func newAuditCmd(g *globals) *cobra.Command {
	f := &auditFlags{}
	cmd := &cobra.Command{
		Use:   "audit --config vern.yaml --out DIR",
		Short: "Collect every target, evaluate the rules and write the reports",
		Long: `audit runs the whole pipeline: it collects every target of the inventory, writes
DIR/evidence.json, evaluates the rules into DIR/findings.json and writes the chosen reports
(report.html, results.sarif, junit.xml, summary.md). The exit code is the gate's.`,
		Example: "  vern audit --config vern.yaml --out out --fail-on high --lang nb",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			formats, now, prev, err := f.report.parse()
			if err != nil {
				return err
			}
			env, err := collectEnv(g, f.browser)
			if err != nil {
				return err
			}
			res, err := audit.Audit(cmd.Context(), audit.AuditOptions{
				ConfigPath: f.config, OutDir: f.out, Formats: formats, FailOn: f.report.failOn,
				Lang: f.report.lang, RulesDir: f.report.rulesDir, Now: now, Previous: prev,
				ReportURL: f.report.reportURL, Chain: f.chain.options(),
				Sources: g.sources(env, f.browser), Version: version.Version, Log: g.entry(),
			})
			if err != nil {
				return err
			}
			printVerdict(g, res.Findings, f.out, f.report.lang)
			if res.OutputErr != nil {
				g.entry().WithError(res.OutputErr).Error("writing outputs failed")
			}
			return exitWith(gateExit(res.Findings, res.OutputErr))
		},
	}
	cmd.Flags().StringVarP(&f.config, "config", "c", "vern.yaml", "inventory file (vern.yaml)")
	cmd.Flags().StringVarP(&f.out, "out", "o", "out", "output folder")
	cmd.Flags().StringVar(&f.browser, "browser", string(audit.BrowserChromium), "site collection mode: chromium, or none (headers only, recorded as partial)")
	f.report.bind(cmd, true)
	// --previous is the previous findings.json (what changed); the evidence chain has its own flag.
	f.chain.bind(cmd, "previous-evidence")
	return cmd
}
