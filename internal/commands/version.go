package commands

import (
	"fmt"
	"runtime"

	"github.com/open-policy-agent/opa/v1/version"
	"github.com/spf13/cobra"

	vernversion "github.com/alarmlink/vern/internal/version"
)

func newVersionCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print vern's version and the versions it was built with",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(g.streams.Out, "vern %s\nopa %s\n%s %s/%s\n", vernversion.Version, version.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}
