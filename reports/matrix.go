package reports

import (
	"strings"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/internal/promises"
)

// Matrix statuses of a declared promise, as the promise matrix sets them.
const (
	statusKept       = promises.Kept
	statusBroken     = promises.Broken
	statusWaived     = promises.BrokenWaived
	statusUnchecked  = promises.Unchecked
	statusUndeclared = promises.Undeclared
)

// matrixSection is one part of the declaration (purposes, retention, ...), worded.
type matrixSection struct {
	Key   string
	Title string
	Note  string
	Rows  []*matrixRow
}

// matrixRow is one promise and what the evidence says about it, worded in a language.
type matrixRow struct {
	// Key is the promise's resource (declaration://purposes/marketing).
	Key      string
	ID       string
	Title    string
	Facts    []string
	Source   string
	Status   string
	Coverage []string
	Findings []findingRef
	// More counts the findings beyond the links shown.
	More int
}

// findingRef links a matrix row to a finding in the findings table.
type findingRef struct {
	Anchor   string
	Rule     string
	Severity findings.Severity
	Resource string
	Waived   bool
}

// maxMatrixLinks caps the finding links per promise; the rest are counted, and all of them
// are in the findings table.
const maxMatrixLinks = 25

// buildMatrix words the document's promise matrix in lang, from the declaration the
// evidence holds. A document written before the matrix existed has none, and then the
// report shows none: the matrix is judged when the findings are, never guessed afterwards.
func buildMatrix(in *Input, lang string) []*matrixSection {
	if in.Findings == nil {
		return nil
	}
	var decl config.Declaration
	if in.Evidence != nil {
		decl = in.Evidence.Declaration
	}
	w := matrixWording{lang: lang, decl: decl, recipientsSeen: map[string]int{}}
	var out []*matrixSection
	for _, s := range in.Findings.Promises {
		sec := &matrixSection{Key: s.Section, Title: w.sectionTitle(s.Section)}
		for _, p := range s.Promises {
			sec.Rows = append(sec.Rows, w.row(s.Section, p))
		}
		out = append(out, sec)
	}
	return out
}

// row words one promise and links its findings, at most maxMatrixLinks of them.
func (w matrixWording) row(section string, p findings.Promise) *matrixRow {
	r := &matrixRow{Key: p.Key, ID: p.ID, Title: p.ID, Status: p.Status, Coverage: p.Coverage}
	if p.Status != statusUndeclared {
		w.describe(section, p, r)
	}
	for i, f := range p.Findings {
		if i == maxMatrixLinks {
			r.More = len(p.Findings) - maxMatrixLinks
			break
		}
		r.Findings = append(r.Findings, findingRef{Anchor: anchor(f.Fingerprint, f.Rule, f.Resource), Rule: f.Rule,
			Severity: f.Severity, Resource: f.Resource, Waived: f.Waived})
	}
	return r
}

// anchor is the HTML id of a finding's row.
func anchor(fp, rule, resource string) string {
	if fp == "" {
		fp = findings.Fingerprint(rule, resource)
	}
	return "f-" + fp
}

// matrixCounts tallies rows by status, for the summary above the matrix.
func matrixCounts(secs []*matrixSection) map[string]int {
	out := map[string]int{}
	for _, s := range secs {
		for _, r := range s.Rows {
			out[r.Status]++
		}
	}
	return out
}

func appendNonEmpty(s []string, vs ...string) []string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			s = append(s, v)
		}
	}
	return s
}
