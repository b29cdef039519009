package audit

import (
	"crypto/ed25519"
	"time"

	"github.com/alarmlink/vern/internal/evidence"
)

// VerifyOptions configures the check of evidence files.
type VerifyOptions struct {
	Paths []string
	// KeyPath is an ed25519 public key (PEM) every file must be signed with; empty: none.
	KeyPath string
	// Every is the collection interval: evidence further apart than 1.5 times it means a
	// missing night.
	Every time.Duration
}

// VerifyResult is what the check found. Problems are results, not errors.
type VerifyResult struct {
	Files    []evidence.File
	Problems []evidence.ChainProblem
	// Signed is whether the signatures were checked (a key was given).
	Signed bool
}

// Bad reports whether path has a problem.
func (r *VerifyResult) Bad(path string) bool {
	for _, p := range r.Problems {
		if p.Path == path {
			return true
		}
	}
	return false
}

// Unlinked reports whether p is a file that names no previous evidence though evidence
// comes before it: one collected without linking it to the night before.
func (r *VerifyResult) Unlinked(p evidence.ChainProblem) bool {
	if p.Kind != evidence.ProblemBrokenLink {
		return false
	}
	for _, f := range r.Files {
		if f.Path == p.Path {
			return f.Chain == nil || f.Chain.Previous == ""
		}
	}
	return false
}

// Verify checks that each evidence file is as collected, that the files form unbroken
// chains and, with a key, that each carries a valid signature by it. A file that is not
// evidence is invalid input.
func Verify(opts VerifyOptions) (*VerifyResult, error) {
	var key ed25519.PublicKey
	if opts.KeyPath != "" {
		k, err := evidence.ReadPublicKey(opts.KeyPath)
		if err != nil {
			return nil, invalid(err)
		}
		key = k
	}
	files := make([]evidence.File, 0, len(opts.Paths))
	for _, p := range opts.Paths {
		ev, err := evidence.Load(p)
		if err != nil {
			return nil, invalid(err)
		}
		files = append(files, evidence.File{Path: p, Evidence: ev})
	}
	problems := evidence.CheckChain(files, evidence.ChainOptions{Every: opts.Every, Key: key})
	return &VerifyResult{Files: files, Problems: problems, Signed: key != nil}, nil
}
