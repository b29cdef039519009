package commands

import (
	"errors"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/cmd/vern/exitcode"
	"github.com/alarmlink/vern/internal/findings"
)

// exitOf maps the error that ended a command to the process's exit code and the error to
// report (nil for none): an exit code the command chose, else the flow error's kind, else
// invalid usage. The flow errors get the hints that name this command line's flags.
func exitOf(err error) (int, error) {
	if err == nil {
		return exitcode.OK, nil
	}
	var ec *exitcode.Error
	if errors.As(err, &ec) {
		return ec.Code, ec.Err
	}
	var fe *audit.Error
	if errors.As(err, &fe) {
		return kindCode(fe.Kind), withFlagHints(err)
	}
	return exitcode.Usage, withFlagHints(err)
}

// kindCode is the exit code of a flow error's kind.
func kindCode(k audit.Kind) int {
	switch k {
	case audit.KindDelivery:
		return exitcode.Delivery
	case audit.KindInterrupted:
		return exitcode.Interrupted
	}
	return exitcode.Usage
}

// exitWith turns a non-zero exit code into the error that carries it to main.
func exitWith(code int) error {
	if code == exitcode.OK {
		return nil
	}
	return &exitcode.Error{Code: code}
}

// gateExit is the exit code of a run with these findings: the gate's, or Delivery when an
// output could not be written (the highest wins).
func gateExit(doc *findings.Document, outputErr error) int {
	code := exitcode.OK
	if doc != nil {
		code = doc.Gate.ExitCode
	}
	if outputErr != nil {
		code = exitcode.Max(code, exitcode.Delivery)
	}
	return code
}
