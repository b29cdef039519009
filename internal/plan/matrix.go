package plan

import "strings"

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

// GitHubMatrix turns the plan into a matrix, one entry per target.
func (p *Plan) GitHubMatrix() Matrix {
	m := Matrix{Include: make([]MatrixEntry, 0, len(p.Targets))}
	for _, t := range p.Targets {
		e := MatrixEntry{Index: t.Index, Target: t.Name, Slug: t.Slug, Secrets: strings.Join(t.Secrets, " "), Chromium: t.Chromium}
		if len(t.Secrets) > 0 {
			e.Secret = t.Secrets[0]
		}
		m.Include = append(m.Include, e)
	}
	return m
}
