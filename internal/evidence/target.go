package evidence

import (
	"fmt"
	"strings"
)

// TargetKind is what a target names: a database, a site or the processor registry. It is
// the part of a target name before the colon.
type TargetKind string

// Target kinds.
const (
	TargetDB         TargetKind = "db"
	TargetSite       TargetKind = "site"
	TargetProcessors TargetKind = "processors"
)

// TargetName is a target name decoded: db:NAME, site:HOST or processors. Target names are
// the keys of Evidence.Targets and the argument of `vern collect --target`; building and
// reading them here alone keeps their spelling in one place.
type TargetName struct {
	Kind TargetKind
	// Name is the database's name in the inventory or the site's host; empty for
	// processors.
	Name string
}

// DBTarget is the target of the inventory's database name.
func DBTarget(name string) TargetName { return TargetName{Kind: TargetDB, Name: name} }

// SiteTarget is the target of a site's host.
func SiteTarget(host string) TargetName { return TargetName{Kind: TargetSite, Name: host} }

// ProcessorsTarget is the target of the processor registry.
func ProcessorsTarget() TargetName { return TargetName{Kind: TargetProcessors} }

// String is the target's name as evidence and the command line spell it.
func (t TargetName) String() string {
	if t.Kind == TargetProcessors {
		return string(t.Kind)
	}
	return string(t.Kind) + ":" + t.Name
}

// ParseTarget decodes a target name. It refuses a name of no known kind, a database or site
// without its name, and processors with one, so a mistyped --target is reported rather
// than matched to nothing.
func ParseTarget(s string) (TargetName, error) {
	if s == string(TargetProcessors) {
		return ProcessorsTarget(), nil
	}
	kind, name, ok := strings.Cut(s, ":")
	switch TargetKind(kind) {
	case TargetDB, TargetSite:
		if ok && name != "" {
			return TargetName{Kind: TargetKind(kind), Name: name}, nil
		}
		return TargetName{}, fmt.Errorf("target %q: name the %s after the colon (%s:<name>)", s, kind, kind)
	}
	return TargetName{}, fmt.Errorf("target %q: a target is db:<name>, site:<host> or processors", s)
}
