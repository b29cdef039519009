// Package exitcode names vern's process exit codes. When several apply, the highest wins.
// It belongs to the command line: the libraries return typed results and errors, and only
// the commands turn them into a process's exit. The gate's codes are the findings package's,
// because findings.json records them; the others are the process's own.
package exitcode

import (
	"strconv"

	"github.com/alarmlink/vern/internal/findings"
)

// Exit codes (DESIGN.md, CLI contract).
const (
	// OK: the gate passed.
	OK = findings.GateExitPassed
	// Findings: findings at or above --fail-on.
	Findings = findings.GateExitFailed
	// Usage: invalid input or usage.
	Usage = 2
	// Incomplete: a target could not be collected; never a silent pass.
	Incomplete = findings.GateExitIncomplete
	// Delivery: an output could not be delivered (report write, GitHub sync).
	Delivery = 4
	// Interrupted: stopped by SIGINT or SIGTERM (Ctrl-C), as shells report it (128 + 2). The
	// run wrote no output after the interrupt: each file is either whole or absent.
	Interrupted = 130
)

// Error carries an exit code through the command layers to main.
type Error struct {
	Code int
	Err  error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return "exit code " + strconv.Itoa(e.Code)
	}
	return e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// Wrap attaches an exit code to err; nil stays nil.
func Wrap(code int, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Code: code, Err: err}
}

// Max returns the exit code that wins among codes: the highest.
func Max(codes ...int) int {
	m := OK
	for _, c := range codes {
		if c > m {
			m = c
		}
	}
	return m
}
