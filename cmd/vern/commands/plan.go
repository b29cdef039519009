package commands

import (
	"encoding/json"
	"strings"

	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit/plan"
	"github.com/alarmlink/vern/cmd/vern/exitcode"
)

func newPlanCmd(g *globals) *cobra.Command {
	var cfgPath, format string
	index, maxJobs := -1, plan.MaxMatrixJobs
	cmd := &cobra.Command{
		Use:   "plan --config vern.yaml [--format text|json|github-matrix] [--index N]",
		Short: "List the targets to collect, for a CI matrix or a Kubernetes Indexed Job",
		Long: `plan lists the inventory's targets in a fixed order, each with its index, the
environment variables its settings read (names only: plan needs no secret and prints none),
whether it needs Chromium, and a suggested parallelism.

--format github-matrix prints one line of JSON for strategy.matrix
(matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}), one entry per target, or batches of
targets when there are more than --max-jobs (default 256, GitHub's limit for one matrix).
--index N prints only the name of target N: the mapping a Kubernetes Indexed Job uses with
JOB_COMPLETION_INDEX (vern collect --target-index N does the same in one step).`,
		Example: "  vern plan --config vern.yaml --format github-matrix\n  vern plan --config vern.yaml --index \"$JOB_COMPLETION_INDEX\"",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := plan.Load(cfgPath)
			if err != nil {
				return exitcode.Wrap(exitcode.Usage, err)
			}
			if cmd.Flags().Changed("index") {
				t, err := p.At(index)
				if err != nil {
					return exitcode.Wrap(exitcode.Usage, err)
				}
				g.out.Println(t.Name)
				return nil
			}
			switch format {
			case "json":
				b, err := json.MarshalIndent(p, "", "  ")
				if err != nil {
					return err
				}
				g.out.Println(string(b))
			case "github-matrix":
				if len(p.Targets) == 0 {
					return usageErr("plan: %s names no target: a matrix needs at least one", cfgPath)
				}
				if maxJobs < 1 {
					return usageErr("plan --max-jobs %d: give at least 1", maxJobs)
				}
				b, err := json.Marshal(p.GitHubMatrix(maxJobs))
				if err != nil {
					return err
				}
				g.out.Println(string(b))
			case "text":
				for _, t := range p.Targets {
					needs := []string{}
					if len(t.Secrets) > 0 {
						needs = append(needs, "env "+strings.Join(t.Secrets, ","))
					}
					if t.Chromium {
						needs = append(needs, "chromium")
					}
					g.out.Printf("%3d  %-40s %s\n", t.Index, t.Name, strings.Join(needs, "; "))
				}
				g.out.Printf("%d targets; suggested parallelism %d\n", len(p.Targets), p.Parallelism)
			default:
				return usageErr("plan --format %q: choose text, json or github-matrix", format)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&cfgPath, "config", "c", "vern.yaml", "inventory file (vern.yaml)")
	cmd.Flags().StringVar(&format, "format", "text", "output: text, json or github-matrix")
	cmd.Flags().IntVar(&maxJobs, "max-jobs", plan.MaxMatrixJobs, "github-matrix: at most this many entries; more targets are batched, several to an entry (GitHub runs at most 256 jobs from one matrix)")
	cmd.Flags().IntVar(&index, "index", -1, "print only the name of the target at this index (0-based, JOB_COMPLETION_INDEX)")
	return cmd
}
