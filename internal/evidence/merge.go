package evidence

import (
	"fmt"
	"sort"
)

// Merge joins evidence documents collected separately (a CI matrix of `collect --target`)
// into one. They must have been collected against the same declaration and no target may
// appear twice.
func Merge(docs []*Evidence) (*Evidence, error) {
	if len(docs) == 0 {
		return nil, fmt.Errorf("merge evidence: no documents")
	}
	if len(docs) == 1 {
		return docs[0], nil
	}
	base := *docs[0]
	base.Targets = map[string]*Target{}
	base.Hashes = map[string]string{}
	for k, v := range docs[0].Hashes {
		base.Hashes[k] = v
	}
	for i, d := range docs {
		if d.Hashes["declaration"] != base.Hashes["declaration"] {
			return nil, fmt.Errorf("merge evidence: document %d was collected against another declaration (sha256 %s, first document %s): collect all targets from the same declaration.yaml",
				i+1, short(d.Hashes["declaration"]), short(base.Hashes["declaration"]))
		}
		names := make([]string, 0, len(d.Targets))
		for n := range d.Targets {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if _, dup := base.Targets[n]; dup {
				return nil, fmt.Errorf("merge evidence: target %s appears in more than one document: pass each target's evidence once", n)
			}
			base.Targets[n] = d.Targets[n]
		}
		if d.StartedAt.Before(base.StartedAt) {
			base.StartedAt = d.StartedAt
		}
		if d.CollectedAt.After(base.CollectedAt) {
			base.CollectedAt = d.CollectedAt
		}
	}
	base.SHA256 = ""
	if err := base.Seal(); err != nil {
		return nil, err
	}
	return &base, nil
}
