package reports

import (
	"strings"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/internal/promises"
)

// matrixWording words the promises of the matrix from the declaration, in one language.
type matrixWording struct {
	lang string
	decl config.Declaration
	// recipientsSeen counts the promises worded per recipient kind: a declaration may list
	// one kind twice (two groups of carriers, say), and the n-th promise of a kind is worded
	// from the n-th entry of that kind.
	recipientsSeen map[string]int
}

func (w matrixWording) T(k string) string { return tr(w.lang, k) }

// sectionTitle is a section's heading; the general section is headed by the controller.
func (w matrixWording) sectionTitle(section string) string {
	if section == promises.SectionGeneral {
		return w.T("matrix.controller")
	}
	return w.T("matrix." + section)
}

// describe fills a declared promise's title, facts and the statement's own words.
func (w matrixWording) describe(section string, p findings.Promise, r *matrixRow) {
	switch section {
	case promises.SectionGeneral:
		w.general(p.ID, r)
	case promises.SectionCategories:
		c := w.decl.Categories[p.ID]
		r.Title, r.Facts, r.Source = c.Title, c.Data, c.Source
	case promises.SectionPurposes:
		w.purpose(p.ID, r)
	case promises.SectionRetention:
		w.retention(p.ID, r)
	case promises.SectionRecipients:
		w.recipient(p.ID, r)
	case promises.SectionTransfers:
		w.transfer(p, r)
	case promises.SectionCookies:
		w.cookies(p, r)
	case promises.SectionRights:
		w.right(p, r)
	}
}

func (w matrixWording) general(id string, r *matrixRow) {
	d := w.decl
	switch id {
	case "controller":
		r.Title, r.Source = d.Controller.Name, d.Controller.Source
		if c := d.Controller.Contact; c != nil {
			r.Facts = appendNonEmpty(r.Facts, c.Email, c.Phone, c.Address)
			r.Source = pick(r.Source, c.Source)
		}
	case "dpo":
		if o := d.Controller.DPO; o != nil {
			r.Title, r.Facts, r.Source = pick(o.Name, "DPO"), appendNonEmpty(nil, o.Email, o.Phone), o.Source
		}
	case "statement":
		r.Title, r.Source = w.T("matrix.statement"), d.Statement.Source
		r.Facts = appendNonEmpty(nil, d.Statement.URL, d.Statement.Updated)
	case "automated_decisions":
		if a := d.AutomatedDecisions; a != nil {
			r.Facts, r.Source = appendNonEmpty(nil, a.Logic), a.Source
		}
	case "requirement":
		if q := d.Requirement; q != nil {
			r.Facts, r.Source = appendNonEmpty(nil, q.Text), q.Source
		}
	}
}

func (w matrixWording) purpose(id string, r *matrixRow) {
	p := w.decl.Purposes[id]
	facts := []string{}
	if p.Basis != "" {
		facts = append(facts, w.T("matrix.basis")+": "+p.Basis)
	} else {
		facts = append(facts, w.T("matrix.nobasis"))
	}
	if p.Interest != "" {
		facts = append(facts, w.T("matrix.interest")+": "+p.Interest)
	}
	if len(p.Categories) > 0 {
		facts = append(facts, strings.Join(p.Categories, ", "))
	}
	src := p.Source
	if p.BasisSrc != "" {
		src = strings.TrimSpace(src + "\n" + p.BasisSrc)
	}
	r.Title, r.Facts, r.Source = p.Title, facts, src
}

func (w matrixWording) retention(id string, r *matrixRow) {
	ret := w.decl.Retention[id]
	var facts []string
	if ret.Max != "" {
		facts = append(facts, w.T("matrix.max")+" "+periodText(w.lang, ret.MaxPeriod, ret.Max))
	}
	if ret.Min != "" {
		facts = append(facts, w.T("matrix.min")+" "+periodText(w.lang, ret.MinPeriod, ret.Min))
	}
	if ret.Until != "" {
		facts = append(facts, w.T("matrix.until")+" "+ret.Until)
	}
	facts = appendNonEmpty(facts, ret.AppliesTo, ret.Law)
	if len(ret.Categories) > 0 {
		facts = append(facts, strings.Join(ret.Categories, ", "))
	}
	r.Title, r.Facts, r.Source = pick(ret.Title, id), facts, ret.Source
}

func (w matrixWording) recipient(kind string, r *matrixRow) {
	nth := w.recipientsSeen[kind]
	w.recipientsSeen[kind]++
	for _, rc := range w.decl.Recipients {
		if rc.Kind != kind {
			continue
		}
		if nth > 0 {
			nth--
			continue
		}
		facts := append([]string(nil), rc.Examples...)
		if rc.When != "" {
			facts = append(facts, w.T("matrix.when")+": "+rc.When)
		}
		r.Facts, r.Source = facts, rc.Source
		return
	}
}

// transfer words a declared transfer, or the promise of none.
func (w matrixWording) transfer(p findings.Promise, r *matrixRow) {
	if !strings.Contains(strings.TrimPrefix(p.Key, "declaration://"), "/") {
		r.Title = w.T("matrix.notransfers")
		return
	}
	for _, t := range w.decl.Transfers {
		if t.Country == p.ID {
			r.Facts, r.Source = appendNonEmpty(nil, t.Mechanism), t.Source
			return
		}
	}
}

// cookies words the cookie policy (its lifetime) or one declared cookie purpose.
func (w matrixWording) cookies(p findings.Promise, r *matrixRow) {
	c := w.decl.Cookies
	if !strings.Contains(strings.TrimPrefix(p.Key, "declaration://"), "/") {
		r.Title, r.Source = w.T("matrix.lifetime"), c.Source
		r.Facts = appendNonEmpty(nil, periodText(w.lang, c.MaxPeriod, c.MaxLifetime))
		return
	}
	for _, cp := range c.Purposes {
		if cp.ID != p.ID {
			continue
		}
		facts := appendNonEmpty(nil, cp.Purpose)
		if cp.Basis != "" {
			facts = append(facts, w.T("matrix.basis")+": "+cp.Basis)
		}
		for _, kc := range c.Known {
			if kc.Purpose == cp.ID {
				facts = append(facts, kc.Name)
			}
		}
		r.Facts, r.Source = facts, cp.Source
		return
	}
}

// right words a declared right; one served from the databases says how far a subject key
// reaches in each.
func (w matrixWording) right(p findings.Promise, r *matrixRow) {
	for _, rt := range w.decl.Rights {
		if rt.Right == p.ID {
			r.Source = rt.Source
			break
		}
	}
	for _, db := range p.Reach {
		r.Facts = append(r.Facts, db.Database+": "+trf(w.lang, "matrix.reachable", p.ID, db.Reachable, db.Judged))
	}
}
