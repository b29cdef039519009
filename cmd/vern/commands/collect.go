package commands

import (
	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/cmd/vern/exitcode"
	"github.com/alarmlink/vern/internal/version"
)

func newCollectCmd(g *globals) *cobra.Command {
	var cfgPath, out, browser string
	var targets []string
	var chain chainFlags
	targetIndex := -1
	cmd := &cobra.Command{
		Use:   "collect --config vern.yaml --out DIR [--target NAME]",
		Short: "Snapshot the targets into DIR/evidence.json, without evaluating",
		Long: `collect snapshots the inventory's targets (db:<name>, site:<host>, processors) into
DIR/evidence.json. With --target it collects only those targets, so a nightly audit of many
databases and sites can fan out as a CI matrix and join at 'vern evaluate'.
Exits 3 when a target could not be collected.`,
		Example: "  vern collect --config vern.yaml --target db:crm --out evidence/crm",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			env, err := collectEnv(g, browser)
			if err != nil {
				return err
			}
			opts := audit.CollectOptions{
				ConfigPath: cfgPath, Targets: targets, Chain: chain.options(), OutDir: out,
				Sources: g.sources(env, browser), Version: version.Version,
			}
			if cmd.Flags().Changed("target-index") {
				opts.TargetIndex = &targetIndex
			}
			res, err := audit.Collect(cmd.Context(), opts)
			if err != nil {
				return err
			}
			for name, t := range res.Evidence.Targets {
				g.out.Printf("%-40s %s\n", name, t.Status)
			}
			g.out.Printf("Evidence written to %s (sha256 %s)\n", res.Path, res.Evidence.SHA256)
			if res.Failed() {
				return exitWith(exitcode.Incomplete)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&cfgPath, "config", "c", "vern.yaml", "inventory file (vern.yaml)")
	cmd.Flags().StringVarP(&out, "out", "o", "out", "output folder")
	cmd.Flags().StringSliceVarP(&targets, "target", "t", nil, "collect only these targets (repeatable): db:<name>, site:<host>, processors")
	cmd.Flags().IntVar(&targetIndex, "target-index", -1, "collect only the target at this index of `vern plan` (a Kubernetes Indexed Job's JOB_COMPLETION_INDEX)")
	chain.bind(cmd, "previous")
	cmd.Flags().StringVar(&browser, "browser", string(audit.BrowserChromium), "site collection mode: chromium, or none (headers only, recorded as partial)")
	return cmd
}
