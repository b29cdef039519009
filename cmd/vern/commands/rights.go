package commands

import (
	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/cmd/vern/exitcode"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/rights"
	"github.com/alarmlink/vern/internal/version"
)

func newRightsCmd(g *globals) *cobra.Command {
	var cfgPath, evidencePath, format string
	cmd := &cobra.Command{
		Use:   "rights --config vern.yaml [--format table|json]",
		Short: "Print how access and erasure requests reach each table with personal data",
		Long: `rights reads the databases' catalogs (tables, foreign keys with their ON DELETE actions,
detected personal data) and the inventory's subject keys, and prints per subject key the
tables an access request must read with the join path, the order an erasure must run in,
and the rows a minimum retention forbids deleting (restricted, not erased). It reads the
catalog only and never deletes anything. With --evidence it uses collected evidence
instead of connecting. Exits 3 when a database could not be collected.`,
		Example: "  vern rights --config vern.yaml\n  vern rights --evidence out/evidence.json --format json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "json" {
				return usageErr("--format %q: choose table or json", format)
			}
			opts := audit.RightsOptions{EvidencePath: evidencePath, ConfigPath: cfgPath, Version: version.Version}
			if evidencePath == "" {
				// Only the catalogs are read: no browser.
				env, err := collectEnv(g, string(audit.BrowserNone))
				if err != nil {
					return err
				}
				opts.Sources = g.sources(env, string(audit.BrowserNone))
			}
			res, err := audit.Rights(cmd.Context(), opts)
			if err != nil {
				return err
			}
			if format == "json" {
				err = rights.WriteJSON(g.out, res.Plan)
			} else {
				err = rights.WriteTable(g.out, res.Plan)
			}
			if err != nil {
				return exitcode.Wrap(exitcode.Delivery, err)
			}
			for name, t := range res.Evidence.Targets {
				if t.Kind == "postgres" && t.Status == evidence.StatusFailed {
					g.entry().WithField("target", name).WithField("reason", t.Reason).Error("not collected")
					return exitWith(exitcode.Incomplete)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&cfgPath, "config", "c", "vern.yaml", "inventory file (vern.yaml)")
	cmd.Flags().StringVarP(&evidencePath, "evidence", "e", "", "read the catalog from this evidence.json instead of connecting")
	cmd.Flags().StringVar(&format, "format", "table", "output: table or json")
	return cmd
}
