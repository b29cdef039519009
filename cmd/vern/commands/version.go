package commands

import (
	"fmt"
	"io"
	"runtime"
	"strings"

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
			b := vernversion.Info
			var s strings.Builder
			fmt.Fprintf(&s, "vern %s\nmodule %s\n", vernversion.Version, b.Module)
			if b.Revision != "" {
				fmt.Fprintf(&s, "revision %s", b.Revision)
				if b.Modified {
					s.WriteString(" (with uncommitted changes)")
				}
				s.WriteString("\n")
				if b.Time != "" {
					fmt.Fprintf(&s, "committed %s\n", b.Time)
				}
			} else {
				s.WriteString("revision unknown (built outside a git checkout or with -buildvcs=false)\n")
			}
			fmt.Fprintf(&s, "opa %s\n%s %s/%s\n", version.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			_, err := io.WriteString(g.out, s.String())
			return err
		},
	}
}
