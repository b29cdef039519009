package commands

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/exitcode"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports/issues"
)

// tokenEnv holds the GitHub token; it is read from the environment only, never a flag, so it
// does not end up in shell history or process listings.
const tokenEnv = "GITHUB_TOKEN"

func newIssuesCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "issues",
		Short: "File findings as GitHub issues and keep them in sync",
	}
	var o issues.Options
	var findingsPath, cfgPath string
	var labels []string
	sync := &cobra.Command{
		Use:   "sync --findings findings.json --repo owner/name",
		Short: "Create, update, close and reopen one issue per rule and target",
		Long: `sync files one issue per rule and target (a dataset, a processor's agreement, a site)
and keeps it in line with the findings: new findings are created, changed ones updated,
resolved ones commented and closed, returning ones reopened, waived ones closed as not
planned. Issues are found by their labels and a hidden marker; issues vern did not create
are never touched. The token is read from $GITHUB_TOKEN. A public repository is refused
unless --allow-public is given. Exits 4 when the sync could not be completed.`,
		Example: "  GITHUB_TOKEN=... vern issues sync --findings out/findings.json --repo alarmlink/compliance --dry-run",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			doc, err := findings.Read(findingsPath)
			if err != nil {
				return exitcode.Wrap(exitcode.Usage, err)
			}
			if cfgPath != "" {
				cfg, err := config.Load(cfgPath)
				if err != nil {
					return exitcode.Wrap(exitcode.Usage, err)
				}
				if gh := cfg.Inventory.GitHub; gh != nil {
					if o.Repo == "" {
						o.Repo = gh.Repo
					}
					if o.APIURL == "" {
						o.APIURL = gh.APIURL
					}
					labels = append(labels, gh.Labels...)
				}
			}
			if o.Repo == "" {
				return usageErr("issues sync: no repository; pass --repo owner/name or --config with a github.repo entry")
			}
			if !config.Language(o.Lang).Valid() {
				return usageErr("--lang %q: choose en or nb", o.Lang)
			}
			o.Token = os.Getenv(tokenEnv)
			if o.Token == "" && !o.DryRun {
				return usageErr("issues sync: $%s is not set; export a token with rights on %s's issues", tokenEnv, o.Repo)
			}
			o.Findings, o.Labels, o.Log, o.Out = doc, labels, g.entry(), g.streams.Out
			res, err := issues.Sync(cmd.Context(), o)
			if res != nil && res.DryRun {
				fmt.Fprintf(g.streams.Out, "issues (dry run, nothing written): would create %d, would update %d, would close %d, would close %d as waived, would reopen %d, %d unchanged (%d requests)\n",
					res.Created, res.Updated, res.Closed, res.Waived, res.Reopened, res.Unchanged, res.Requests)
			} else if res != nil {
				fmt.Fprintf(g.streams.Out, "issues: %d created, %d updated, %d closed, %d waived, %d reopened, %d unchanged (%d requests)\n",
					res.Created, res.Updated, res.Closed, res.Waived, res.Reopened, res.Unchanged, res.Requests)
			}
			return err
		},
	}
	sync.Flags().StringVarP(&findingsPath, "findings", "f", "findings.json", "findings.json to file")
	sync.Flags().StringVarP(&cfgPath, "config", "c", "", "inventory (vern.yaml) whose github section gives the repository, API URL and labels")
	sync.Flags().StringVar(&o.Repo, "repo", "", "repository for the issues, owner/name (overrides the inventory's)")
	sync.Flags().StringVar(&o.APIURL, "api-url", "", "REST API URL of a GitHub Enterprise server")
	sync.Flags().StringVar(&o.ReportURL, "report-url", "", "link to the published HTML report")
	sync.Flags().StringVar(&o.Lang, "lang", string(config.LangEnglish), "issue language: en or nb")
	sync.Flags().StringSliceVar(&labels, "label", nil, "extra label for every issue (repeatable)")
	sync.Flags().BoolVar(&o.DryRun, "dry-run", false, "print the plan and write nothing")
	sync.Flags().BoolVar(&o.AllowPublic, "allow-public", false, "allow a public repository (findings disclose weaknesses)")
	cmd.AddCommand(sync)
	return cmd
}
