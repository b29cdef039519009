// Command vern checks that what a privacy statement promises is what the systems do.
package main

import (
	"os"
	"runtime/debug"

	"github.com/alarmlink/vern/cmd/vern/commands"
)

func main() {
	// Evaluating large evidence makes much short-lived garbage: collecting it less often
	// roughly halves the evaluation's time, and the heap stays small either way. The engine
	// leaves the process's settings alone, so the command sets it; GOGC, when set, wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(commands.Execute(os.Args[1:], commands.DefaultStreams()))
}
