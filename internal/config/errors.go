package config

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// StrictEnvNote ends the warning about an unset ${ENV} in a check that is not strict (one
// that is makes it an error), so a caller can name its own way of asking for strictness.
const StrictEnvNote = "a strict check makes this an error"

// maxErrors caps how many problems one load reports: past that, the first ones are what
// the user fixes next anyway.
const maxErrors = 20

// Error is one problem in an input file, at a position when one is known. Message says what
// is wrong and, after a semicolon, how to fix it. It never holds a secret or an expanded
// ${ENV} value.
type Error struct {
	// File is the path as the user would open it (joined to the folder of the vern.yaml given).
	File string
	// Line and Column are 1-based; zero when the problem concerns the whole file.
	Line   int
	Column int
	// Message is "what is wrong; how to fix it", without the position.
	Message string
}

// Error formats the problem as file:line:col: message, or file: message without a position.
func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	default:
		return fmt.Sprintf("%s: %s", e.File, e.Message)
	}
}

// ErrorList is every problem a load found, sorted by file and position, one per line when
// printed. Load returns it as its error; use errors.As to reach the positions.
type ErrorList []*Error

// Error joins the problems, one per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// errorSink collects problems across the files of one load.
type errorSink struct {
	errs []*Error
}

func (s *errorSink) add(file string, line, col int, format string, args ...any) {
	msg := strings.Map(func(r rune) rune {
		// One problem, one line: a key or value holding a line break or other control
		// character must not split it.
		if r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' {
			return '?'
		}
		return r
	}, fmt.Sprintf(format, args...))
	s.errs = append(s.errs, &Error{File: file, Line: line, Column: col, Message: msg})
}

func (s *errorSink) len() int { return len(s.errs) }

// result sorts the problems and caps them; nil when there are none.
func (s *errorSink) result() error {
	if len(s.errs) == 0 {
		return nil
	}
	errs := slices.Clone(s.errs)
	slices.SortStableFunc(errs, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	errs = slices.CompactFunc(errs, func(a, b *Error) bool { return *a == *b })
	if len(errs) > maxErrors {
		more := len(errs) - maxErrors
		last := errs[maxErrors-1]
		errs = append(errs[:maxErrors:maxErrors], &Error{
			File:    last.File,
			Message: fmt.Sprintf("%d more problems not shown; fix the ones above and run again", more),
		})
	}
	return ErrorList(errs)
}
