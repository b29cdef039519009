// Package commands holds vern's command-line interface: one file per command, each binding
// flags into an options struct and calling a package that does the work.
package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/sirupsen/logrus"
	"github.com/spf13/cobra"

	"github.com/alarmlink/vern/internal/exitcode"
	"github.com/alarmlink/vern/internal/logging"
	"github.com/alarmlink/vern/internal/version"
)

// Streams are the process's standard streams, injectable for tests.
type Streams struct {
	In       io.Reader
	Out      io.Writer
	Err      io.Writer
	Terminal *os.File // stdout when it is a terminal, for progress bars; nil in tests
}

// DefaultStreams are the real standard streams.
func DefaultStreams() Streams {
	return Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Terminal: os.Stdout}
}

// globals are the flags every command shares.
type globals struct {
	logFormat string
	logLevel  string
	streams   Streams
	log       *logrus.Logger
}

func (g *globals) entry() *logrus.Entry { return logrus.NewEntry(g.log) }

// Execute runs vern with args and returns the process exit code.
func Execute(args []string, s Streams) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRoot(s)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitcode.OK
	}
	var ec *exitcode.Error
	if errors.As(err, &ec) {
		if ec.Err != nil {
			fmt.Fprintln(s.Err, "vern:", ec.Err)
		}
		return ec.Code
	}
	fmt.Fprintln(s.Err, "vern:", err)
	return exitcode.Usage
}

func newRoot(s Streams) *cobra.Command {
	g := &globals{streams: s}
	root := &cobra.Command{
		Use:   "vern",
		Short: "Check that what the privacy statement promises is what the systems do",
		Long: `vern proves, every night and on every pull request, that what a privacy statement
promises is what the systems do. Collectors snapshot PostgreSQL databases, the data
processing agreements on file and the website's cookies; Rego rules compare the snapshot
with the declared purposes, legal bases and retention periods; findings gate CI, fill an
HTML report for auditors and are kept in sync as GitHub issues.

Exit codes: 0 gate passed, 1 findings at or above --fail-on, 2 invalid input or usage,
3 a target could not be collected, 4 an output could not be delivered.`,
		Version:       version.Version,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			l, err := logging.New(s.Err, g.logFormat, g.logLevel)
			if err != nil {
				return exitcode.Wrap(exitcode.Usage, err)
			}
			g.log = l
			return nil
		},
	}
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return exitcode.Wrap(exitcode.Usage, fmt.Errorf("%w (see --help)", err))
	})
	root.PersistentFlags().StringVar(&g.logFormat, "log-format", "text", "log format: text or json")
	root.PersistentFlags().StringVar(&g.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	root.AddCommand(
		newAuditCmd(g),
		newCollectCmd(g),
		newEvaluateCmd(g),
		newReportCmd(g),
		newIssuesCmd(g),
		newRulesCmd(g),
		newCheckCmd(g),
		newDemoCmd(g),
		newVersionCmd(g),
		newRightsCmd(g),
	)
	return root
}

// usageErr marks a usage error (exit 2).
func usageErr(format string, a ...any) error {
	return exitcode.Wrap(exitcode.Usage, fmt.Errorf(format, a...))
}
