package commands

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"

	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/collectors/site"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/exitcode"
	"github.com/alarmlink/vern/internal/logging"
	vernrego "github.com/alarmlink/vern/rego"
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
			eng, err := loadRules(cmd, rulesDir)
			if err != nil {
				return err
			}
			ids := make([]string, 0, len(eng.Rules))
			for id := range eng.Rules {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			keys, taxonomy, err := fidesKeys()
			if err != nil {
				return exitcode.Wrap(exitcode.Usage, err)
			}
			cfg, warnings, err := config.Loader{}.Check(cfgPath, config.Checks{
				RuleIDs: ids, DataKeys: keys, Taxonomy: taxonomy, StrictEnv: strict,
			})
			warn := func(w error) {
				if g.logFormat == logging.FormatJSON {
					g.entry().WithField("event", "warning").Warn(w.Error())
					return
				}
				fmt.Fprintln(g.streams.Err, "warning:", w)
			}
			for _, w := range warnings {
				warn(w)
			}
			if err != nil {
				return exitcode.Wrap(exitcode.Usage, err)
			}
			nwarn := len(warnings)
			if len(cfg.Inventory.Sites) > 0 {
				// The site collector operates banners with autoconsent when it is installed.
				if status, err := site.AutoconsentStatus(g.autoconsent); err != nil {
					warn(err)
					nwarn++
				} else {
					fmt.Fprintln(g.streams.Out, "consent banners:", status)
				}
			}
			datasets := 0
			for _, db := range cfg.Inventory.Databases {
				datasets += len(db.Datasets)
			}
			fmt.Fprintf(g.streams.Out, "%s: ok — %d categories, %d purposes, %d retention rules, %d databases (%d datasets), %d sites, %d processors, %d waivers",
				cfgPath, len(cfg.Declaration.Categories), len(cfg.Declaration.Purposes), len(cfg.Declaration.Retention),
				len(cfg.Inventory.Databases), datasets, len(cfg.Inventory.Sites), len(cfg.Processors), len(cfg.Waivers))
			if nwarn > 0 {
				fmt.Fprintf(g.streams.Out, ", %d warnings", nwarn)
			}
			fmt.Fprintln(g.streams.Out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&cfgPath, "config", "c", "vern.yaml", "inventory file (vern.yaml)")
	cmd.Flags().StringVar(&rulesDir, "rules", "", "folder of extra Rego rules whose ids waivers may name")
	cmd.Flags().BoolVar(&strict, "strict", false, "treat an unset ${ENV} as an error, as collecting does")
	return cmd
}

// fidesKeys returns the data keys of the Fides taxonomy in the rule bundle's reference data
// and the taxonomy's name and version.
func fidesKeys() ([]string, string, error) {
	b, err := fs.ReadFile(vernrego.Bundle, "reference/fides.json")
	if err != nil {
		return nil, "", fmt.Errorf("read the Fides taxonomy: %w", err)
	}
	var doc struct {
		Version string                     `json:"version"`
		Kinds   map[string]json.RawMessage `json:"kinds"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, "", fmt.Errorf("read the Fides taxonomy: %w", err)
	}
	keys := make([]string, 0, len(doc.Kinds))
	for k := range doc.Kinds {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys, "Fides (" + doc.Version + ")", nil
}
