package commands

import (
	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/exitcode"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports"
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
			doc, err := findings.Read(findingsPath)
			if err != nil {
				return exitcode.Wrap(exitcode.Usage, err)
			}
			var ev *evidence.Evidence
			if evidencePath != "" {
				if ev, err = evidence.Read(evidencePath); err != nil {
					return exitcode.Wrap(exitcode.Usage, err)
				}
				if doc.Hashes["evidence"] != "" && doc.Hashes["evidence"] != ev.SHA256 {
					return usageErr("report: %s was not evaluated from %s (evidence hashes differ); pass the evidence the findings came from", findingsPath, evidencePath)
				}
			}
			if err := audit.WriteReports(out, formats, &reports.Input{Findings: doc, Evidence: ev, Previous: prev, Lang: rf.lang, ReportURL: rf.reportURL}); err != nil {
				return exitcode.Wrap(exitcode.Delivery, err)
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
