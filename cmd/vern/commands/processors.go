package commands

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/internal/config"
)

func newProcessorsCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "processors",
		Short: "Work with the processor registry's agreements",
	}
	var cfgPath, by string
	review := &cobra.Command{
		Use:   "review NAME",
		Short: "Draft the review block of a processor's agreement from vern's own reading",
		Long: `review reads the agreement of processors/NAME.yaml as the collector does and prints a
draft of its review block: the document's SHA-256, today's date, and for each element vern
found the section it stands in. Check every place against the agreement, correct what vern
got wrong, fill in "by" and paste the block into processors/NAME.yaml. Elements vern did
not find are listed as comments, for you to locate or to raise with the supplier.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := audit.Review(cmd.Context(), audit.ReviewOptions{
				ConfigPath: cfgPath, Processor: args[0], By: by, Today: time.Now().UTC(),
			})
			if err != nil {
				return err
			}
			g.out.Print(reviewYAML(res.Review, res.Missing, res.Order))
			return nil
		},
	}
	review.Flags().StringVarP(&cfgPath, "config", "c", "vern.yaml", "inventory file (vern.yaml)")
	review.Flags().StringVar(&by, "by", "", "who reviews (written into the draft)")
	cmd.AddCommand(review)
	return cmd
}

// reviewYAML writes a review block in the registry's YAML, elements in report order.
func reviewYAML(rv config.Review, missing, order []string) string {
	var b strings.Builder
	b.WriteString("# Draft from vern's own reading: check every place against the agreement.\n")
	b.WriteString("review:\n")
	fmt.Fprintf(&b, "  by: %s\n", strconv.Quote(rv.By))
	fmt.Fprintf(&b, "  date: %s\n", rv.Date)
	fmt.Fprintf(&b, "  sha256: %s\n", rv.SHA256)
	b.WriteString("  clauses:\n")
	rank := map[string]int{}
	for i, id := range order {
		rank[id] = i
	}
	ids := make([]string, 0, len(rv.Clauses))
	for id := range rv.Clauses {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return rank[ids[i]] < rank[ids[j]] })
	for _, id := range ids {
		fmt.Fprintf(&b, "    %s: %s\n", id, strconv.Quote(rv.Clauses[id]))
	}
	for _, id := range missing {
		fmt.Fprintf(&b, "    # %s: not found by vern\n", id)
	}
	return b.String()
}
