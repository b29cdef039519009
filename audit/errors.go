package audit

import (
	"context"
	"errors"
)

// Kind says what a flow's error means for the caller: whether the inputs must change, an
// output could not be delivered, or the run was stopped.
type Kind int

// Error kinds. An error that is not an *Error is an invalid input.
const (
	// KindInvalid: the inputs are invalid (configuration, evidence, rules, options).
	KindInvalid Kind = iota + 1
	// KindDelivery: an output could not be written or delivered.
	KindDelivery
	// KindInterrupted: the run was cancelled and wrote nothing further.
	KindInterrupted
)

// Error is a flow's error with its kind. Its text is the wrapped error's.
type Error struct {
	Kind Kind
	Err  error
}

func (e *Error) Error() string { return e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// KindOf is the kind of err: that of the outermost *Error in its chain, KindInvalid for any
// other error, 0 for nil.
func KindOf(err error) Kind {
	if err == nil {
		return 0
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInvalid
}

// invalid marks err as invalid input; nil stays nil.
func invalid(err error) error { return withKind(KindInvalid, err) }

// undelivered marks err as an output not delivered; nil stays nil.
func undelivered(err error) error { return withKind(KindDelivery, err) }

func withKind(k Kind, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: k, Err: err}
}

// ErrInterrupted is the error of a run stopped by SIGINT or SIGTERM.
var ErrInterrupted = errors.New("interrupted: stopped before writing any further output; every file already written is whole")

// Interrupted returns ErrInterrupted, of kind KindInterrupted, once ctx is cancelled (the
// command line cancels it on SIGINT and SIGTERM), so that nothing is written from a run cut
// short.
func Interrupted(ctx context.Context) error {
	if ctx.Err() == nil {
		return nil
	}
	return &Error{Kind: KindInterrupted, Err: ErrInterrupted}
}
