package promises

import (
	"maps"
	"slices"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
)

// declarationOnly is the coverage of a promise the declaration settles by itself.
func declarationOnly() []string { return []string{"declaration"} }

// schemaRights are the rights a request answered from the databases serves, judged by the
// reachability of the tables with personal data.
var schemaRights = []string{"access", "rectification", "erasure", "restriction", "portability"}

// addDeclared adds every promise of the declaration, section by section.
func (b *builder) addDeclared() {
	b.addGeneral()
	b.addDataPromises()
	b.addRecipients()
	b.addTransfers()
	b.addCookies()
	b.addRights()
}

// addGeneral adds the controller and the statement, judged from the declaration and the
// published page.
func (b *builder) addGeneral() {
	d, m := b.in.Declaration, b.m
	m.declared(SectionGeneral, declPrefix+"controller", "controller", declarationOnly())
	if d.Controller.DPO != nil {
		m.declared(SectionGeneral, declPrefix+"controller/dpo", "dpo", declarationOnly())
	}
	m.declared(SectionGeneral, declPrefix+"statement", "statement", b.cov.site)
	if d.AutomatedDecisions != nil {
		m.declared(SectionGeneral, declPrefix+"automated_decisions", "automated_decisions", declarationOnly())
	}
	if d.Requirement != nil {
		m.declared(SectionGeneral, declPrefix+"requirement", "requirement", declarationOnly())
	}
}

// addDataPromises adds the categories, purposes and retention rules, each checked by the
// collected datasets that declare it.
func (b *builder) addDataPromises() {
	d := b.in.Declaration
	for _, s := range []struct {
		sec string
		ids []string
	}{
		{SectionCategories, slices.Sorted(maps.Keys(d.Categories))},
		{SectionPurposes, slices.Sorted(maps.Keys(d.Purposes))},
		{SectionRetention, slices.Sorted(maps.Keys(d.Retention))},
	} {
		for _, id := range s.ids {
			k := declPrefix + s.sec + "/" + id
			b.m.declared(s.sec, k, id, b.checked[k])
		}
	}
}

func (b *builder) addRecipients() {
	for _, r := range b.in.Declaration.Recipients {
		b.m.declared(SectionRecipients, declPrefix+"recipients/"+r.Kind, r.Kind, b.cov.processors())
	}
}

// addTransfers adds the declared transfers, or the promise of none when there are none.
func (b *builder) addTransfers() {
	ts := b.in.Declaration.Transfers
	for _, t := range ts {
		b.m.declared(SectionTransfers, declPrefix+"transfers/"+t.Country, t.Country, b.cov.processors())
	}
	if len(ts) == 0 {
		b.m.declared(SectionTransfers, declPrefix+"transfers", "none", b.cov.processors())
	}
}

// addCookies adds the cookie policy (its maximum lifetime) and each declared cookie purpose.
func (b *builder) addCookies() {
	b.m.declared(SectionCookies, declPrefix+"cookies", "cookies", b.cov.site)
	for _, p := range b.in.Declaration.Cookies.Purposes {
		b.m.declared(SectionCookies, declPrefix+"cookies/purposes/"+p.ID, p.ID, b.cov.site)
	}
}

// addRights adds the declared rights. One served from the databases is judged by whether a
// subject key reaches every table with personal data, not taken as kept because it is
// stated.
func (b *builder) addRights() {
	for _, r := range b.in.Declaration.Rights {
		row := b.m.declared(SectionRights, declPrefix+"rights/"+r.Right, r.Right, declarationOnly())
		if !slices.Contains(schemaRights, r.Right) || len(b.in.Reach) == 0 {
			continue
		}
		row.Coverage = nil
		for _, db := range b.in.Reach {
			row.Reach = append(row.Reach, findings.PromiseReach{Database: db.Name, Reachable: db.Reachable, Judged: db.Judged})
			row.Coverage = append(row.Coverage, evidence.DBTarget(db.Name).String())
			row.unreached = row.unreached || db.Reachable < db.Judged
		}
	}
}
