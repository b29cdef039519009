package commands

import (
	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/internal/version"
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
			res, err := audit.Evaluate(cmd.Context(), audit.EvaluateOptions{
				EvidencePaths: files, KeyPath: keyPath, WaiversPath: waiversPath,
				OutDir: out, Formats: formats, Now: now, FailOn: rf.failOn, RulesDir: rf.rulesDir,
				Lang: rf.lang, Previous: prev, ReportURL: rf.reportURL, Version: version.Version,
			})
			if err != nil {
				return err
			}
			if res.OutputErr != nil {
				g.entry().WithError(res.OutputErr).Error("writing outputs failed")
			}
			printVerdict(g, res.Findings, out, rf.lang)
			return exitWith(gateExit(res.Findings, res.OutputErr))
		},
	}
	cmd.Flags().StringSliceVarP(&files, "evidence", "e", nil, "evidence file(s) to evaluate (repeatable)")
	cmd.Flags().StringVarP(&out, "out", "o", "out", "output folder")
	cmd.Flags().StringVar(&waiversPath, "waivers", "", "waivers.yaml to apply instead of the waivers recorded in the evidence")
	cmd.Flags().StringVar(&keyPath, "key", "", "ed25519 public key (PEM) every evidence file must be signed with (collect --sign-key)")
	rf.bind(cmd, true)
	return cmd
}
