// Package errwriter holds a writer that keeps the first write error, so text written in many
// small pieces (a table, a plan) is checked once, at the end, and a failed write is still
// returned rather than lost among the ones after it.
package errwriter

import (
	"fmt"
	"io"
)

// Writer forwards writes to an underlying writer until one fails; from then on it writes
// nothing and Err returns that first error.
type Writer struct {
	w   io.Writer
	err error
}

// New returns a Writer over w.
func New(w io.Writer) *Writer {
	return &Writer{w: w}
}

// Write writes p unless an earlier write failed; it satisfies io.Writer so a Writer can sit
// under a tabwriter or an encoder.
func (w *Writer) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n, err := w.w.Write(p)
	if err != nil {
		w.err = err
	}
	return n, err
}

// Printf formats like fmt.Fprintf; its error is kept for Err.
func (w *Writer) Printf(format string, a ...any) {
	if w.err != nil {
		return
	}
	_, w.err = fmt.Fprintf(w.w, format, a...)
}

// Print formats like fmt.Fprint; its error is kept for Err.
func (w *Writer) Print(a ...any) {
	if w.err != nil {
		return
	}
	_, w.err = fmt.Fprint(w.w, a...)
}

// Println formats like fmt.Fprintln; its error is kept for Err.
func (w *Writer) Println(a ...any) {
	if w.err != nil {
		return
	}
	_, w.err = fmt.Fprintln(w.w, a...)
}

// Err is the first write error, or nil when every write succeeded.
func (w *Writer) Err() error {
	return w.err
}
