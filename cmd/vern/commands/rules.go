package commands

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/cmd/vern/exitcode"
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
			set, err := audit.Rules(cmd.Context(), audit.RulesOptions{Dir: rulesDir})
			if err != nil {
				return err
			}
			switch format {
			case "table":
				return rulesdoc.Table(g.out, set.Sorted, lang)
			case "markdown":
				return rulesdoc.Markdown(g.out, set.Sorted, lang)
			default:
				return usageErr("--format %q: choose table or markdown", format)
			}
		},
	}
	list.Flags().StringVar(&rulesDir, "rules", "", "also list the rules in this folder")
	list.Flags().StringVar(&format, "format", "table", "table or markdown")
	list.Flags().StringVar(&lang, "lang", "en", "en or nb")

	explain := &cobra.Command{
		Use:     "explain ID",
		Short:   "Explain one rule: what it checks, why, the law and how to fix it",
		Example: "  vern rules explain db.retention_exceeded --lang nb",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := audit.Rules(cmd.Context(), audit.RulesOptions{Dir: rulesDir})
			if err != nil {
				return err
			}
			r, ok := set.ByID[args[0]]
			if !ok {
				var ids []string
				for _, r := range set.Sorted {
					if strings.HasPrefix(r.ID, strings.SplitN(args[0], ".", 2)[0]+".") {
						ids = append(ids, r.ID)
					}
				}
				return usageErr("no rule %q; see 'vern rules list'%s", args[0], hint(ids))
			}
			return rulesdoc.Explain(g.out, r, lang)
		},
	}
	explain.Flags().StringVar(&rulesDir, "rules", "", "also look in this folder of rules")
	explain.Flags().StringVar(&lang, "lang", "en", "en or nb")

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
			res, err := audit.RuleTests(cmd.Context(), dir)
			if err != nil {
				return err
			}
			for _, r := range res.Results {
				if !r.Passed && !r.Skipped {
					g.out.Printf("FAIL %s.%s (%s): %s\n", strings.TrimPrefix(r.Package, "data."), r.Name, r.File, r.Error)
				}
			}
			g.out.Printf("rules: %d passed, %d failed\n", len(res.Results)-res.Failed, res.Failed)
			if res.Failed > 0 {
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
