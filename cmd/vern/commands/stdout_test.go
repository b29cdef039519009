package commands

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/alarmlink/vern/cmd/vern/exitcode"
)

// brokenPipe is a standard output whose reader has gone.
type brokenPipe struct{}

func (brokenPipe) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// A command whose own output cannot be written did not deliver it: exit 4, never 0.
func TestStdoutNotDelivered(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{name: "rules list", args: []string{"rules", "list"}},
		{name: "plan", args: []string{"plan", "--config", "../../../examples/alarmlink/vern.statement.yaml"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var errOut bytes.Buffer
			code := Execute(tc.args, Streams{In: strings.NewReader(""), Out: brokenPipe{}, Err: &errOut})
			if code != exitcode.Delivery {
				t.Errorf("exit %d, want %d; stderr: %s", code, exitcode.Delivery, errOut.String())
			}
			if !strings.Contains(errOut.String(), "broken pipe") {
				t.Errorf("stderr %q does not say what failed", errOut.String())
			}
		})
	}
}
