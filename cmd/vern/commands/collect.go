package commands

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/collectors/site"
	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/exitcode"
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
			cfg, err := config.Load(cfgPath)
			if err != nil {
				return exitcode.Wrap(exitcode.Usage, err)
			}
			if cmd.Flags().Changed("target-index") {
				name, err := targetAt(cfgPath, targetIndex)
				if err != nil {
					return err
				}
				targets = append(targets, name)
			}
			prev, key, err := chain.load()
			if err != nil {
				return err
			}
			ev, err := collect.Run(cmd.Context(), cfg, g.collectors(), env,
				collect.Options{Targets: targets, VernVersion: version.Version})
			if err != nil {
				return exitcode.Wrap(exitcode.Usage, err)
			}
			if err := audit.Interrupted(cmd.Context()); err != nil {
				return err
			}
			if err := chain.apply(ev, prev, key); err != nil {
				return err
			}
			path := filepath.Join(out, "evidence.json")
			if err := evidence.Write(path, ev); err != nil {
				return exitcode.Wrap(exitcode.Delivery, err)
			}
			code := exitcode.OK
			for name, t := range ev.Targets {
				fmt.Fprintf(g.streams.Out, "%-40s %s\n", name, t.Status)
				if t.Status == evidence.StatusFailed {
					code = exitcode.Incomplete
				}
			}
			fmt.Fprintf(g.streams.Out, "Evidence written to %s (sha256 %s)\n", path, ev.SHA256)
			return exitWith(code)
		},
	}
	cmd.Flags().StringVarP(&cfgPath, "config", "c", "vern.yaml", "inventory file (vern.yaml)")
	cmd.Flags().StringVarP(&out, "out", "o", "out", "output folder")
	cmd.Flags().StringSliceVarP(&targets, "target", "t", nil, "collect only these targets (repeatable): db:<name>, site:<host>, processors")
	cmd.Flags().IntVar(&targetIndex, "target-index", -1, "collect only the target at this index of `vern plan` (a Kubernetes Indexed Job's JOB_COMPLETION_INDEX)")
	chain.bind(cmd, "previous")
	cmd.Flags().StringVar(&browser, "browser", string(site.BrowserChromium), "site collection mode: chromium, or none (headers only, recorded as partial)")
	return cmd
}
