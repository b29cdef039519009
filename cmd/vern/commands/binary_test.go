package commands

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
	binaryOut  []byte
)

// vernBinary builds cmd/vern once per test run, for the tests that need a real process
// (signals, exit codes, build info).
func vernBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "vern-bin-")
		if err != nil {
			binaryErr = err
			return
		}
		binaryPath = filepath.Join(dir, "vern")
		cmd := exec.Command("go", "build", "-o", binaryPath, "github.com/alarmlink/vern/cmd/vern")
		binaryOut, binaryErr = cmd.CombinedOutput()
	})
	if binaryErr != nil {
		t.Fatalf("build vern: %v\n%s", binaryErr, binaryOut)
	}
	return binaryPath
}
