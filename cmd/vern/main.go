// Command vern checks that what a privacy statement promises is what the systems do.
package main

import (
	"os"
	"runtime/debug"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/cmd/vern/commands"
)

func main() {
	// The engine leaves the process's settings alone, so the command sets the collector's
	// target the engine is tuned with; GOGC, when set, wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(audit.GCPercent)
	}
	os.Exit(commands.Execute(os.Args[1:], commands.DefaultStreams()))
}
