// Package version says which vern is running: the module version and the VCS revision
// recorded in the binary's build info (runtime/debug), so that every report names the exact
// code that produced it. A release may also set the version at build time with
// -ldflags "-X github.com/alarmlink/vern/internal/version.Version=v1.2.3".
package version

import (
	"runtime/debug"
	"strings"
)

// Version is vern's version as reports and evidence record it: the module version and,
// when the build info has one, the VCS revision, e.g. "v1.2.3 (revision 4f9c8c7d1a2b)".
// A binary built outside a checkout says "(devel)" and that no revision is known.
var Version = ""

// Build is what the build info says about this binary.
type Build struct {
	// Module is the main module's version: a tag, a pseudo-version or "(devel)".
	Module string
	// Revision is the VCS commit, Time its commit time, Modified whether the work tree had
	// uncommitted changes; empty when the binary was built outside a checkout.
	Revision string
	Time     string
	Modified bool
}

// Info is this binary's build information.
var Info Build

func init() {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		Info = Build{Module: "(devel)"}
	} else {
		Info = fromBuildInfo(bi)
	}
	Version = describe(Version, Info)
}

func fromBuildInfo(bi *debug.BuildInfo) Build {
	b := Build{Module: bi.Main.Version}
	if b.Module == "" {
		b.Module = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// describe is the one-line version: the release set at build time, else the module version,
// followed by the revision, or by a plain statement that none is known.
func describe(release string, b Build) string {
	v := release
	if v == "" {
		v = b.Module
	}
	if b.Revision == "" {
		if release != "" {
			return v
		}
		return v + " (no VCS revision: built outside a git checkout or with -buildvcs=false)"
	}
	rev := b.Revision
	if len(rev) > 12 {
		rev = rev[:12]
	}
	var extra []string
	extra = append(extra, "revision "+rev)
	if b.Modified {
		extra = append(extra, "with uncommitted changes")
	}
	return v + " (" + strings.Join(extra, ", ") + ")"
}
