// Package version holds vern's version, set at build time with
// -ldflags "-X github.com/alarmlink/vern/internal/version.Version=v1.2.3".
package version

import "runtime/debug"

// Version is vern's version.
var Version = "dev"

func init() {
	if Version != "dev" {
		return
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		Version = bi.Main.Version
	}
}
