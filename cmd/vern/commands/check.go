package commands

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/logging"
)

func newCheckCmd(g *globals) *cobra.Command {
	var cfgPath, rulesDir string
	var strict bool
	cmd := &cobra.Command{
		Use:   "check --config vern.yaml",
		Short: "Validate vern.yaml, the declaration, the processor registry and the waivers",
		Long: `check loads every input file strictly (syntax, unknown keys, types, references between
entries) and exits 2 when any file has errors, naming file:line:column and the fix. It also
catches what would otherwise surface only when the audit runs: a waiver naming a rule id no
rule has or a resource glob that does not parse, a category's data key outside the Fides
taxonomy vern ships, and an exempt_when / erased_when that is not one SQL expression.
check runs without the secrets: an unset ${ENV} is a warning (an error with --strict).
Legal gaps (a missing contact, a purpose without a basis, an agreement document not on
file) are not errors: they are findings, and check warns about the last.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			res, err := audit.Check(cmd.Context(), audit.CheckOptions{
				ConfigPath: cfgPath, RulesDir: rulesDir, Strict: strict, Autoconsent: g.autoconsent,
			})
			if res == nil {
				return err
			}
			warn := func(w error) {
				w = strictHint(w)
				if g.logFormat == logging.FormatJSON {
					g.entry().WithField("event", "warning").Warn(w.Error())
					return
				}
				g.errs.Println("warning:", w)
			}
			for _, w := range res.Warnings {
				warn(w)
			}
			if err != nil {
				return err
			}
			cfg, nwarn := res.Config, len(res.Warnings)
			if len(cfg.Inventory.Sites) > 0 {
				if res.BannersErr != nil {
					warn(res.BannersErr)
					nwarn++
				} else {
					g.out.Println("consent banners:", res.Banners)
				}
			}
			datasets := 0
			for _, db := range cfg.Inventory.Databases {
				datasets += len(db.Datasets)
			}
			g.out.Printf("%s: ok — %d categories, %d purposes, %d retention rules, %d databases (%d datasets), %d sites, %d processors, %d waivers",
				cfgPath, len(cfg.Declaration.Categories), len(cfg.Declaration.Purposes), len(cfg.Declaration.Retention),
				len(cfg.Inventory.Databases), datasets, len(cfg.Inventory.Sites), len(cfg.Processors), len(cfg.Waivers))
			if nwarn > 0 {
				g.out.Printf(", %d warnings", nwarn)
			}
			g.out.Println()
			return nil
		},
	}
	cmd.Flags().StringVarP(&cfgPath, "config", "c", "vern.yaml", "inventory file (vern.yaml)")
	cmd.Flags().StringVar(&rulesDir, "rules", "", "folder of extra Rego rules whose ids waivers may name")
	cmd.Flags().BoolVar(&strict, "strict", false, "treat an unset ${ENV} as an error, as collecting does")
	return cmd
}

// strictHint names the --strict flag in a warning about an unset ${ENV}.
func strictHint(w error) error {
	if !strings.Contains(w.Error(), config.StrictEnvNote) {
		return w
	}
	return errors.New(strings.Replace(w.Error(), config.StrictEnvNote, "check --strict makes this an error", 1))
}
