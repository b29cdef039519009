package evidence

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Chain is evidence's link to the evidence collected before it of the same targets.
type Chain struct {
	// Sequence counts the nights of the chain: 1 for its first evidence.
	Sequence int `json:"sequence"`
	// Previous is the sha256 of the previous evidence (its SHA256 field); empty for the first.
	Previous string `json:"previous,omitempty"`
	// PreviousCollectedAt is when the previous evidence was collected.
	PreviousCollectedAt *time.Time `json:"previous_collected_at,omitempty"`
	// Parts are the sha256 of the evidence files a merged document was joined from, sorted.
	Parts []string `json:"parts,omitempty"`
}

// Link records prev as the evidence before e. prev must hold the same targets (a chain
// follows one target, or one whole inventory, night after night) and be older.
func Link(e, prev *Evidence) error {
	if prev.SHA256 == "" {
		return fmt.Errorf("previous evidence is not sealed")
	}
	if got, want := TargetNames(e), TargetNames(prev); strings.Join(got, ",") != strings.Join(want, ",") {
		return fmt.Errorf("previous evidence holds %s, this collection %s: pass the previous evidence of the same targets",
			strings.Join(want, ", "), strings.Join(got, ", "))
	}
	if !prev.CollectedAt.Before(e.CollectedAt) {
		return fmt.Errorf("previous evidence was collected at %s, not before this collection (%s)",
			prev.CollectedAt.UTC().Format(time.RFC3339), e.CollectedAt.UTC().Format(time.RFC3339))
	}
	at := prev.CollectedAt.UTC()
	e.Chain = &Chain{Sequence: prev.ChainSequence() + 1, Previous: prev.SHA256, PreviousCollectedAt: &at}
	return nil
}

// ChainSequence is the document's place in its chain; evidence without a chain starts one.
func (e *Evidence) ChainSequence() int {
	if e.Chain == nil || e.Chain.Sequence == 0 {
		return 1
	}
	return e.Chain.Sequence
}

// TargetNames lists the document's targets, sorted.
func TargetNames(e *Evidence) []string {
	out := make([]string, 0, len(e.Targets))
	for n := range e.Targets {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
