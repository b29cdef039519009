package promises

import "github.com/alarmlink/vern/internal/findings"

// declPrefix is the scheme of the declaration's resources.
const declPrefix = "declaration://"

// Section keys, in the order the matrix lists them.
const (
	SectionGeneral    = "general"
	SectionCategories = "categories"
	SectionPurposes   = "purposes"
	SectionRetention  = "retention"
	SectionRecipients = "recipients"
	SectionTransfers  = "transfers"
	SectionCookies    = "cookies"
	SectionRights     = "rights"
	SectionOther      = "other"
)

// row is a promise while the matrix is built.
type row struct {
	findings.Promise
	// undeclared marks an entry a finding names that the declaration leaves out.
	undeclared bool
	// unreached is set on a right served from the databases when a subject key does not
	// reach every table with personal data: broken even where no finding says so.
	unreached bool
}

type section struct {
	key  string
	rows []*row
}

// matrix is the sections under construction and an index of their rows by key.
type matrix struct {
	sections []*section
	byKey    map[string]*section
	lookup   map[string]*row
}

func newMatrix() *matrix {
	m := &matrix{byKey: map[string]*section{}, lookup: map[string]*row{}}
	for _, k := range []string{SectionGeneral, SectionCategories, SectionPurposes, SectionRetention, SectionRecipients,
		SectionTransfers, SectionCookies, SectionRights, SectionOther} {
		s := &section{key: k}
		m.sections = append(m.sections, s)
		m.byKey[k] = s
	}
	return m
}

// add appends a promise to a section; a later promise with the same key takes its place in
// the index, as the last declared entry wins.
func (m *matrix) add(sec string, r *row) *row {
	s := m.byKey[sec]
	s.rows = append(s.rows, r)
	m.lookup[r.Key] = r
	return r
}

// declared adds a promise of the declaration.
func (m *matrix) declared(sec, key, id string, cov []string) *row {
	return m.add(sec, &row{Promise: findings.Promise{Key: key, ID: id, Coverage: cov}})
}

// result settles each promise's status and drops the empty sections.
func (m *matrix) result() []findings.PromiseSection {
	var out []findings.PromiseSection
	for _, s := range m.sections {
		if len(s.rows) == 0 {
			continue
		}
		ps := findings.PromiseSection{Section: s.key}
		for _, r := range s.rows {
			r.Status = r.status()
			ps.Promises = append(ps.Promises, r.Promise)
		}
		out = append(out, ps)
	}
	return out
}

// status judges a promise from its findings, its reach and its coverage.
func (r *row) status() string {
	open, waived := 0, 0
	for _, f := range r.Findings {
		if f.Waived {
			waived++
		} else {
			open++
		}
	}
	switch {
	case r.undeclared:
		return Undeclared
	case open > 0:
		return Broken
	case waived > 0:
		return BrokenWaived
	case r.unreached:
		return Broken
	case len(r.Coverage) > 0:
		return Kept
	}
	return Unchecked
}
