package evidence

import (
	"crypto/ed25519"
	"fmt"
	"sort"
	"strings"
	"time"
)

// File is an evidence document with the path it was read from.
type File struct {
	Path string
	*Evidence
}

// ChainProblem is one thing wrong with a set of evidence files.
type ChainProblem struct {
	// Path is the file the problem is seen in.
	Path string `json:"path"`
	// Kind is edited, unsigned, bad_signature, broken_link, missing_night or duplicate.
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// Problem kinds.
const (
	ProblemEdited       = "edited"
	ProblemBadSignature = "bad_signature"
	ProblemBrokenLink   = "broken_link"
	ProblemMissingNight = "missing_night"
	ProblemDuplicate    = "duplicate"
)

// ChainOptions configures CheckChain.
type ChainOptions struct {
	// Every is the collection interval; consecutive evidence further apart than 1.5 times it
	// means a missing night. Zero means 24 hours.
	Every time.Duration
	// Key, when set, must have signed every file.
	Key ed25519.PublicKey
}

// CheckChain checks each file's own hash (and signature), then the chains they form: files
// holding the same targets form one chain, ordered by sequence; each must name the one
// before it as previous, and none may be more than an interval and a half after it.
func CheckChain(files []File, opts ChainOptions) []ChainProblem {
	every := opts.Every
	if every <= 0 {
		every = 24 * time.Hour
	}
	var out []ChainProblem
	for _, f := range files {
		if got, err := f.ContentHash(); err != nil || got != f.SHA256 {
			out = append(out, ChainProblem{f.Path, ProblemEdited, fmt.Sprintf("%s was edited after collection: it records sha256 %s, its content hashes to %s", f.Path, short(f.SHA256), short(got))})
		}
		if opts.Key != nil {
			if err := CheckSignature(f.Evidence, opts.Key); err != nil {
				out = append(out, ChainProblem{f.Path, ProblemBadSignature, fmt.Sprintf("%s: signature: %v", f.Path, err)})
			}
		}
	}
	groups := map[string][]File{}
	var keys []string
	for _, f := range files {
		k := strings.Join(TargetNames(f.Evidence), ",")
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], f)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, checkLinks(groups[k], every)...)
	}
	return out
}

func checkLinks(g []File, every time.Duration) []ChainProblem {
	sort.SliceStable(g, func(i, j int) bool {
		if a, b := g[i].ChainSequence(), g[j].ChainSequence(); a != b {
			return a < b
		}
		return g[i].CollectedAt.Before(g[j].CollectedAt)
	})
	var out []ChainProblem
	day := func(t time.Time) string { return t.UTC().Format("2006-01-02") }
	for i := 1; i < len(g); i++ {
		a, b := g[i-1], g[i]
		switch {
		case a.ChainSequence() == b.ChainSequence():
			out = append(out, ChainProblem{b.Path, ProblemDuplicate, fmt.Sprintf("%s and %s both claim sequence %d of the chain of %s", a.Path, b.Path, b.ChainSequence(), strings.Join(TargetNames(b.Evidence), ", "))})
		case b.Chain == nil || b.Chain.Previous == "":
			out = append(out, ChainProblem{b.Path, ProblemBrokenLink, fmt.Sprintf("broken link: %s names no previous evidence, but %s comes before it", b.Path, a.Path)})
		case b.Chain.Previous != a.SHA256:
			laterPrev := b.Chain.PreviousCollectedAt != nil && b.Chain.PreviousCollectedAt.After(a.CollectedAt)
			if b.ChainSequence() > a.ChainSequence()+1 || laterPrev {
				out = append(out, ChainProblem{b.Path, ProblemMissingNight, fmt.Sprintf("missing night: %s (sequence %d, %s) follows evidence %s of %s (sequence %d) that is not among the files; the last before it given is %s (sequence %d, %s)",
					b.Path, b.ChainSequence(), day(b.CollectedAt), short(b.Chain.Previous), prevDay(b), b.ChainSequence()-1, a.Path, a.ChainSequence(), day(a.CollectedAt))})
				continue
			}
			out = append(out, ChainProblem{b.Path, ProblemBrokenLink, fmt.Sprintf("broken link between %s and %s: %s names previous evidence %s, but %s records %s (it was edited and resealed, or replaced)",
				a.Path, b.Path, b.Path, short(b.Chain.Previous), a.Path, short(a.SHA256))})
		case b.CollectedAt.Sub(a.CollectedAt) > every+every/2:
			out = append(out, ChainProblem{b.Path, ProblemMissingNight, fmt.Sprintf("missing night: %s (%s) links straight to %s (%s): no evidence was collected in between",
				b.Path, day(b.CollectedAt), a.Path, day(a.CollectedAt))})
		}
	}
	return out
}

func prevDay(f File) string {
	if f.Chain.PreviousCollectedAt == nil {
		return "an unknown date"
	}
	return f.Chain.PreviousCollectedAt.UTC().Format("2006-01-02")
}
