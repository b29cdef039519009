// Package testdeadline bounds a single test or subtest in time, so that a hang fails fast
// and names the case that hung, instead of waiting out go test's global timeout and
// printing every goroutine of the package.
package testdeadline

import (
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"
)

// Bound fails the whole test binary when t has not finished within d: it prints the
// test's name and the stacks of all goroutines, then exits. d is a bound on a hang, not a
// performance target: make it several times what the case takes on a loaded machine.
func Bound(t testing.TB, d time.Duration) {
	t.Helper()
	name := t.Name()
	timer := time.AfterFunc(d, func() {
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		fmt.Fprintf(os.Stderr, "\n%s: still running after %s; it hangs (goroutines follow)\n\n%s\n", name, d, buf[:n])
		os.Exit(2)
	})
	t.Cleanup(func() { timer.Stop() })
}
