package audit

import (
	"crypto/ed25519"
	"fmt"
	"sort"
	"strings"

	"github.com/alarmlink/vern/internal/evidence"
)

// MergeOptions configures MergeFiles.
type MergeOptions struct {
	// SameWaivers requires every file to have been collected with the same waivers (the
	// join applies the waivers recorded in the evidence).
	SameWaivers bool
	// Key, when set, must have signed every file.
	Key ed25519.PublicKey
}

// MergeFiles joins evidence files collected separately (a CI matrix or a Kubernetes Indexed
// Job of `collect --target`) into one document. It reads one file at a time, streaming, and
// moves its targets into the result before reading the next, so memory holds the targets
// once and never two copies of a file's JSON. It refuses, naming the file, evidence of
// another declaration (or inventory or waivers), a target already merged from another file,
// and a chain that does not fit: every part must be linked to its previous night, or none,
// and all at the same sequence.
func MergeFiles(paths []string, opts MergeOptions) (*evidence.Evidence, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("merge evidence: no files")
	}
	var base *evidence.Evidence
	var first string
	from := map[string]string{} // target → file
	var parts []string
	for _, p := range paths {
		e, err := evidence.Read(p)
		if err != nil {
			return nil, err
		}
		if opts.Key != nil {
			if err := evidence.CheckSignature(e, opts.Key); err != nil {
				return nil, fmt.Errorf("merge evidence: %s: signature: %w", p, err)
			}
		}
		if len(paths) == 1 {
			return e, nil
		}
		targets := e.Targets
		if base == nil {
			// The first file's header is the result's; its targets move like the others'.
			base, first = e, p
			base.Targets = make(map[string]*evidence.Target, len(targets)*len(paths))
		} else if err := fits(base, first, e, p, opts); err != nil {
			return nil, err
		}
		names := make([]string, 0, len(targets))
		for n := range targets {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if f, dup := from[n]; dup {
				return nil, fmt.Errorf("merge evidence: %s holds target %s, which %s holds too: pass each target's evidence once", p, n, f)
			}
			from[n] = p
			base.Targets[n] = targets[n]
		}
		if e.StartedAt.Before(base.StartedAt) {
			base.StartedAt = e.StartedAt
		}
		if e.CollectedAt.After(base.CollectedAt) {
			base.CollectedAt = e.CollectedAt
		}
		parts = append(parts, e.SHA256)
	}
	sort.Strings(parts)
	seq := base.ChainSequence()
	base.Chain = &evidence.Chain{Sequence: seq, Parts: parts}
	base.Signature = nil
	if err := base.Seal(); err != nil {
		return nil, err
	}
	return base, nil
}

// fits reports whether e, read from path, can join base (read first from first).
func fits(base *evidence.Evidence, first string, e *evidence.Evidence, path string, opts MergeOptions) error {
	for _, k := range []string{"declaration", "inventory"} {
		if e.Hashes[k] != base.Hashes[k] {
			return fmt.Errorf("merge evidence: %s was collected against another %s than %s (sha256 %s, not %s): collect every target from the same vern.yaml and declaration",
				path, k, first, shortHash(e.Hashes[k]), shortHash(base.Hashes[k]))
		}
	}
	if opts.SameWaivers && e.Hashes["waivers"] != base.Hashes["waivers"] {
		return &WaiversMismatchError{Path: path, First: first}
	}
	linked := func(x *evidence.Evidence) bool { return x.Chain != nil && x.Chain.Previous != "" }
	switch {
	case linked(e) != linked(base):
		return &ChainMismatchError{Path: path, First: first, Linked: linked(e)}
	case e.ChainSequence() != base.ChainSequence():
		return fmt.Errorf("merge evidence: %s is night %d of its chain, %s night %d: the parts of one join must be of the same night",
			path, e.ChainSequence(), first, base.ChainSequence())
	}
	return nil
}

// WaiversMismatchError is a part collected with other waivers than the first, in a join
// that applies the waivers recorded in the evidence.
type WaiversMismatchError struct {
	Path, First string
}

func (e *WaiversMismatchError) Error() string {
	return fmt.Sprintf("merge evidence: %s was collected with other waivers than %s: collect every target with the same waivers.yaml, or give a waivers file to apply instead", e.Path, e.First)
}

// ChainMismatchError is a part linked to a previous night beside one that is not.
type ChainMismatchError struct {
	Path, First string
	// Linked is whether Path is linked (and so First is not).
	Linked bool
}

func (e *ChainMismatchError) Error() string {
	return fmt.Sprintf("merge evidence: %s %s but %s %s: link every target to its previous evidence, or none",
		e.Path, LinkedText(e.Linked), e.First, LinkedText(!e.Linked))
}

// LinkedText says whether a part is linked to a previous night, as ChainMismatchError
// words it.
func LinkedText(linked bool) string {
	if linked {
		return "is linked to a previous night"
	}
	return "is not linked to a previous night"
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return strings.TrimSpace(h)
}
