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

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/cmd/vern/exitcode"
	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/errwriter"
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
	logFormat   string
	logLevel    string
	autoconsent string
	streams     Streams
	log         *logrus.Logger
	// out and errs are the command's own lines on stdout and stderr. A failed write to
	// stdout (a closed pipe, a full disk) is an output not delivered: Execute exits 4. One
	// to stderr has nowhere left to be told.
	out, errs *errwriter.Writer
}

func (g *globals) entry() *logrus.Entry { return logrus.NewEntry(g.log) }

// sources are vern's collectors set up with the global flags and the browser mode, in env.
func (g *globals) sources(env collect.Env, browser string) audit.Sources {
	return audit.Sources{Autoconsent: g.autoconsent, Browser: audit.Browser(browser), Env: env}
}

// Execute runs vern with args and returns the process exit code. SIGINT and SIGTERM cancel
// the run's context: the command stops, writes nothing further and Execute returns 130. A
// second signal ends the process at once.
func Execute(args []string, s Streams) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // restore the default: the next Ctrl-C kills
	}()
	root, g := newRoot(s)
	root.SetArgs(args)
	code, err := exitOf(root.ExecuteContext(ctx))
	if werr := g.out.Err(); werr != nil {
		// Whatever else went wrong, what the command printed did not arrive.
		code = max(code, exitcode.Delivery)
		if err == nil {
			err = fmt.Errorf("write standard output: %w", werr)
		}
	}
	if ctx.Err() != nil && code != exitcode.OK {
		// Whatever failed after the interrupt failed because of it.
		code, err = exitcode.Interrupted, audit.ErrInterrupted
	}
	if err != nil {
		g.fatal(err, code)
	}
	return code
}

// fatal reports the error that ends the run: a line on stderr, or with --log-format json
// one JSON event that names the exit code (a multi-line input error keeps each problem).
func (g *globals) fatal(err error, code int) {
	if g.logFormat != logging.FormatJSON {
		g.errs.Println("vern:", err)
		return
	}
	log := g.log
	if log == nil {
		// The flags failed before the logger was made.
		log, _ = logging.New(g.streams.Err, logging.FormatJSON, "info")
	}
	e := log.WithFields(logrus.Fields{"event": "fatal", "exit_code": code})
	var list config.ErrorList
	if errors.As(err, &list) {
		problems := make([]string, len(list))
		for i, p := range list {
			problems[i] = p.Error()
		}
		e = e.WithField("problems", problems)
	}
	e.Error(err.Error())
}

func newRoot(s Streams) (*cobra.Command, *globals) {
	g := &globals{streams: s, out: errwriter.New(s.Out), errs: errwriter.New(s.Err)}
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
				return exitcode.Wrap(exitcode.Usage, withFlagHints(err))
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
	root.PersistentFlags().StringVar(&g.autoconsent, "autoconsent", "",
		"folder of the @duckduckgo/autoconsent package that operates consent banners (default: the pinned package scripts/setup.sh installs; off: vern's own banner detection)")
	root.AddCommand(
		newAuditCmd(g),
		newCollectCmd(g),
		newPlanCmd(g),
		newVerifyCmd(g),
		newEvaluateCmd(g),
		newReportCmd(g),
		newIssuesCmd(g),
		newRulesCmd(g),
		newProcessorsCmd(g),
		newCheckCmd(g),
		newDemoCmd(g),
		newVersionCmd(g),
		newRightsCmd(g),
	)
	return root, g
}

// usageErr marks a usage error (exit 2).
func usageErr(format string, a ...any) error {
	return exitcode.Wrap(exitcode.Usage, fmt.Errorf(format, a...))
}
