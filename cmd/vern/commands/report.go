package commands

import (
	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
)

func newReportCmd(g *globals) *cobra.Command {
	var findingsPath, evidencePath, out string
	var rf reportFlags
	cmd := &cobra.Command{
		Use:     "report --findings findings.json --evidence evidence.json --out DIR",
		Short:   "Write reports from findings (and the evidence beside them)",
		Example: "  vern report --findings out/findings.json --evidence out/evidence.json --format html --lang nb --out out",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			formats, _, prev, err := rf.parse()
			if err != nil {
				return err
			}
			if _, err := audit.Report(audit.ReportOptions{
				FindingsPath: findingsPath, EvidencePath: evidencePath, OutDir: out,
				Formats: formats, Lang: rf.lang, Previous: prev, ReportURL: rf.reportURL,
			}); err != nil {
				return err
			}
			g.entry().WithField("out", out).Info("reports written")
			return nil
		},
	}
	cmd.Flags().StringVarP(&findingsPath, "findings", "f", "findings.json", "findings.json to report")
	cmd.Flags().StringVarP(&evidencePath, "evidence", "e", "", "evidence.json the findings came from")
	cmd.Flags().StringVarP(&out, "out", "o", "out", "output folder")
	rf.bind(cmd, false)
	return cmd
}
