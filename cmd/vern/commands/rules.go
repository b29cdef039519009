package commands

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/engine"
	"github.com/alarmlink/vern/internal/exitcode"
	"github.com/alarmlink/vern/internal/rulesdoc"
)

func newRulesCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List, explain and test the rules",
	}
	var rulesDir, format, lang string
	list := &cobra.Command{
		Use:   "list",
		Short: "List every rule with its id, severity, kind and title",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eng, err := loadRules(cmd, rulesDir)
			if err != nil {
				return err
			}
			switch format {
			case "table":
				return rulesdoc.Table(g.streams.Out, eng.Sorted(), lang)
			case "markdown":
				return rulesdoc.Markdown(g.streams.Out, eng.Sorted(), lang)
			default:
				return usageErr("--format %q: choose table or markdown", format)
			}
		},
	}
	list.Flags().StringVar(&rulesDir, "rules", "", "also list the rules in this folder")
	list.Flags().StringVar(&format, "format", "table", "table or markdown")
	list.Flags().StringVar(&lang, "lang", string(config.LangEnglish), "en or nb")

	explain := &cobra.Command{
		Use:     "explain ID",
		Short:   "Explain one rule: what it checks, why, the law and how to fix it",
		Example: "  vern rules explain db.retention_exceeded --lang nb",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := loadRules(cmd, rulesDir)
			if err != nil {
				return err
			}
			r, ok := eng.Rules[args[0]]
			if !ok {
				var ids []string
				for _, r := range eng.Sorted() {
					if strings.HasPrefix(r.ID, strings.SplitN(args[0], ".", 2)[0]+".") {
						ids = append(ids, r.ID)
					}
				}
				return usageErr("no rule %q; see 'vern rules list'%s", args[0], hint(ids))
			}
			return rulesdoc.Explain(g.streams.Out, r, lang)
		},
	}
	explain.Flags().StringVar(&rulesDir, "rules", "", "also look in this folder of rules")
	explain.Flags().StringVar(&lang, "lang", string(config.LangEnglish), "en or nb")

	test := &cobra.Command{
		Use:   "test [DIR]",
		Short: "Run the Rego tests of the built-in rules, and of DIR when given",
		Long:  "test runs every test_* rule with OPA's tester. It exits 1 when a test fails.",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := ""
			if len(args) == 1 {
				dir = args[0]
			}
			results, err := engine.RunTests(cmd.Context(), dir)
			if err != nil {
				return exitcode.Wrap(exitcode.Usage, err)
			}
			failed := 0
			for _, r := range results {
				if !r.Passed && !r.Skipped {
					failed++
					fmt.Fprintf(g.streams.Out, "FAIL %s.%s (%s): %s\n", strings.TrimPrefix(r.Package, "data."), r.Name, r.File, r.Error)
				}
			}
			fmt.Fprintf(g.streams.Out, "rules: %d passed, %d failed\n", len(results)-failed, failed)
			if failed > 0 {
				return exitWith(exitcode.Findings)
			}
			return nil
		},
	}
	cmd.AddCommand(list, explain, test)
	return cmd
}

func hint(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return "; in that area: " + strings.Join(ids, ", ")
}

// loadRules compiles the built-in rules and those in dir; a bad rule is a usage error.
func loadRules(cmd *cobra.Command, dir string) (*engine.Engine, error) {
	eng, err := engine.New(cmd.Context(), engine.Options{RulesDir: dir})
	return eng, exitcode.Wrap(exitcode.Usage, err)
}
