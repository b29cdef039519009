// Command vern checks that what a privacy statement promises is what the systems do.
package main

import (
	"os"

	"github.com/alarmlink/vern/cmd/vern/commands"
)

func main() {
	os.Exit(commands.Execute(os.Args[1:], commands.DefaultStreams()))
}
