package plan

import (
	"fmt"
	"slices"
	"strings"
)

// MatrixEntry is one entry of a GitHub Actions matrix: the strings a job needs in
// `${{ matrix.* }}`.
type MatrixEntry struct {
	Index  int    `json:"index"`
	Target string `json:"target"`
	Slug   string `json:"slug"`
	// Secret is the first environment variable the target reads (its DSN); a job maps it
	// with `secrets[matrix.secret]`. Secrets lists them all, space-separated.
	Secret   string `json:"secret"`
	Secrets  string `json:"secrets"`
	Chromium bool   `json:"chromium"`
}

// Matrix is the value for `strategy.matrix`: `fromJSON(needs.plan.outputs.matrix)`.
type Matrix struct {
	Include []MatrixEntry `json:"include"`
}

// MaxMatrixJobs is the most jobs GitHub Actions runs from one matrix.
const MaxMatrixJobs = 256

// GitHubMatrix turns the plan into a matrix: one entry per target, or, when there are more
// targets than maxJobs (0 means MaxMatrixJobs), batches of consecutive targets, so that an
// estate larger than a matrix still fits one. A batch's target is its targets
// comma-separated, which `vern collect --target` takes as they are.
func (p *Plan) GitHubMatrix(maxJobs int) Matrix {
	if maxJobs <= 0 {
		maxJobs = MaxMatrixJobs
	}
	size := (len(p.Targets) + maxJobs - 1) / maxJobs
	if size < 1 {
		size = 1
	}
	m := Matrix{Include: make([]MatrixEntry, 0, min(len(p.Targets), maxJobs))}
	for start := 0; start < len(p.Targets); start += size {
		batch := p.Targets[start:min(start+size, len(p.Targets))]
		e := MatrixEntry{Index: len(m.Include), Target: batch[0].Name, Slug: batch[0].Slug}
		if len(batch) > 1 {
			names := make([]string, len(batch))
			for i, t := range batch {
				names[i] = t.Name
			}
			e.Target = strings.Join(names, ",")
			e.Slug = fmt.Sprintf("batch-%03d", e.Index)
		}
		var secrets []string
		for _, t := range batch {
			e.Chromium = e.Chromium || t.Chromium
			for _, s := range t.Secrets {
				if !slices.Contains(secrets, s) {
					secrets = append(secrets, s)
				}
			}
		}
		e.Secrets = strings.Join(secrets, " ")
		if len(secrets) > 0 {
			e.Secret = secrets[0]
		}
		m.Include = append(m.Include, e)
	}
	return m
}
