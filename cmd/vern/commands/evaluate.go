package commands

import (
	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/collectors"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/exitcode"
	"github.com/alarmlink/vern/internal/version"
	"github.com/alarmlink/vern/reports"
)

func newEvaluateCmd(g *globals) *cobra.Command {
	var files []string
	var out, waiversPath, keyPath string
	var rf reportFlags
	cmd := &cobra.Command{
		Use:   "evaluate --evidence F [F...] --out DIR",
		Short: "Evaluate the rules over evidence, touching no system",
		Long: `evaluate turns evidence into findings without touching any system, so an audit can
be reproduced from its evidence. Several evidence files (one per target of a CI matrix) are
merged first; they must share the declaration and name no target twice. The waivers applied
are those of the inventory the evidence was collected with (recorded in the evidence), so a
fanned-out collection gives the findings 'vern audit' gives; --waivers applies another file.
The evaluation's "now" is the evidence's collection time unless --now is given. The exit
code is the gate's.`,
		Example: "  vern evaluate --evidence crm/evidence.json --evidence site/evidence.json --out out",
		Args:    cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			files = append(files, args...)
			if len(files) == 0 {
				return usageErr("evaluate: no evidence given; pass --evidence FILE")
			}
			formats, now, prev, err := rf.parse()
			if err != nil {
				return err
			}
			opts := audit.MergeOptions{SameWaivers: waiversPath == ""}
			if keyPath != "" {
				if opts.Key, err = evidence.ReadPublicKey(keyPath); err != nil {
					return exitcode.Wrap(exitcode.Usage, err)
				}
			}
			ev, err := audit.MergeFiles(files, opts)
			if err != nil {
				return exitcode.Wrap(exitcode.Usage, err)
			}
			// The waivers of the inventory the evidence was collected with, unless --waivers
			// names others: a fanned-out collection then judges as `vern audit` does.
			waivers, waiversHash := ev.Waivers, ev.Hashes["waivers"]
			if waiversPath != "" {
				if waivers, waiversHash, err = config.LoadWaivers(waiversPath); err != nil {
					return exitcode.Wrap(exitcode.Usage, err)
				}
			}
			// Every target of the inventory must be in the evidence: a matrix job that never
			// delivered is a target not collected, never a silent pass.
			inv := &config.Config{Inventory: ev.Inventory, Processors: ev.Processors}
			var expected []string
			for _, c := range collectors.All() {
				expected = append(expected, c.Targets(inv)...)
			}
			doc, err := audit.Evaluate(cmd.Context(), audit.EvaluateOptions{
				Expected: expected,
				Evidence: ev, Now: now, FailOn: rf.failOn, Waivers: waivers, WaiversSHA256: waiversHash,
				RulesDir: rf.rulesDir, VernVersion: version.Version,
			})
			if err != nil {
				return exitcode.Wrap(exitcode.Usage, err)
			}
			if err := audit.Interrupted(cmd.Context()); err != nil {
				return err
			}
			code := doc.Gate.ExitCode
			if err := audit.WriteReports(out, formats, &reports.Input{Findings: doc, Evidence: ev, Previous: prev, Lang: rf.lang, ReportURL: rf.reportURL}); err != nil {
				g.entry().WithError(err).Error("writing outputs failed")
				code = exitcode.Max(code, exitcode.Delivery)
			}
			printVerdict(g, doc, out, rf.lang)
			return exitWith(code)
		},
	}
	cmd.Flags().StringSliceVarP(&files, "evidence", "e", nil, "evidence file(s) to evaluate (repeatable)")
	cmd.Flags().StringVarP(&out, "out", "o", "out", "output folder")
	cmd.Flags().StringVar(&waiversPath, "waivers", "", "waivers.yaml to apply instead of the waivers recorded in the evidence")
	cmd.Flags().StringVar(&keyPath, "key", "", "ed25519 public key (PEM) every evidence file must be signed with (collect --sign-key)")
	rf.bind(cmd, true)
	return cmd
}
