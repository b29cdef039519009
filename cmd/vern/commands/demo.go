package commands

import (
	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/audit/demo"
	"github.com/alarmlink/vern/cmd/vern/exitcode"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/version"
)

func newDemoCmd(g *globals) *cobra.Command {
	var out, lang, browser string
	cmd := &cobra.Command{
		Use:   "demo [--out DIR]",
		Short: "Run the whole pipeline on the bundled Alarmlink example",
		Long: `demo audits the bundled Alarmlink example: its published statement, a demo CRM
database (loaded into the local PostgreSQL, or a throwaway cluster it starts), the processor
agreements on file and a demo website served from this binary and crawled in headless
Chromium. It writes every report to DIR and prints the gate's verdict. A part it cannot run
is reported as not checked, with the reason and the fix. It exits 0 when it ran.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			formats, _, _, err := (&reportFlags{formats: defaultFormats, lang: lang}).parse()
			if err != nil {
				return err
			}
			env, err := collectEnv(g, browser)
			if err != nil {
				return err
			}
			res, err := demo.Run(cmd.Context(), demo.Options{
				OutDir: out, Lang: lang, Formats: formats, Sources: g.sources(env, browser),
				Version: version.Version, Log: g.entry(), Out: g.out,
			})
			if err != nil {
				return err
			}
			printVerdict(g, res.Findings, out, lang)
			for _, t := range res.Findings.Targets {
				if t.Status == evidence.StatusFailed {
					g.out.Printf("NOT CHECKED %s: %s\n  fix: %s\n", t.Name, t.Reason, t.Fix)
				}
			}
			g.out.Printf("Gate: %s (an audit would exit %d). Open %s/report.html\n", res.Findings.Gate.Result, gateExit(res.Findings, res.OutputErr), out)
			if res.OutputErr != nil {
				return exitcode.Wrap(exitcode.Delivery, res.OutputErr)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "vern-demo", "output folder")
	cmd.Flags().StringVar(&lang, "lang", "en", "report language: en or nb")
	cmd.Flags().StringVar(&browser, "browser", string(audit.BrowserChromium), "site collection mode: chromium, or none")
	return cmd
}
