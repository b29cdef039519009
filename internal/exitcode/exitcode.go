// Package exitcode names vern's process exit codes. When several apply, the highest wins.
package exitcode

import "strconv"

// Exit codes (DESIGN.md, CLI contract).
const (
	// OK: the gate passed.
	OK = 0
	// Findings: findings at or above --fail-on.
	Findings = 1
	// Usage: invalid input or usage.
	Usage = 2
	// Incomplete: a target could not be collected; never a silent pass.
	Incomplete = 3
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
