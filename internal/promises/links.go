package promises

import (
	"slices"
	"strings"

	"github.com/alarmlink/vern/internal/findings"
)

// keys returns the promises a finding concerns: the closest declared entry above its
// resource and above its target, then the promises its rule's custom.promise names, found
// from what the finding is about.
func (b *builder) keys(f *findings.Finding) []string {
	var keys []string
	for _, res := range []string{f.Resource, f.Target} {
		for p := res; p != ""; p = findings.ParentResource(p) {
			if b.m.lookup[p] != nil && p != declPrefix {
				keys = append(keys, p)
				break
			}
		}
	}
	links := b.in.Rules[f.Rule].Promises
	if slices.Contains(links, Rights) {
		for _, r := range schemaRights {
			keys = append(keys, declPrefix+"rights/"+r)
		}
	}
	switch {
	case strings.HasPrefix(f.Resource, "postgres://") || strings.HasPrefix(f.Target, "postgres://"):
		keys = append(keys, b.datasetKeys(f, links)...)
	case strings.HasPrefix(f.Resource, "processor://"):
		keys = append(keys, b.processorKeys(f, links)...)
	case strings.HasPrefix(f.Resource, "site://"):
		keys = append(keys, b.siteKeys(f, links)...)
	}
	return dedupe(keys)
}

// datasetKeys are the declared links of the finding's dataset that its rule speaks to.
func (b *builder) datasetKeys(f *findings.Finding, links []string) []string {
	d, ok := b.tables[tableResource(f.Target)]
	if !ok {
		d, ok = b.tables[tableResource(f.Resource)]
	}
	if !ok {
		return nil
	}
	var keys []string
	if slices.Contains(links, Categories) {
		for _, c := range findingCategories(f, d.ds.Categories, b.in.Declaration.Categories) {
			keys = append(keys, declPrefix+"categories/"+c)
		}
	}
	if slices.Contains(links, Purposes) {
		for _, p := range d.ds.Purposes {
			keys = append(keys, declPrefix+"purposes/"+p)
		}
	}
	if slices.Contains(links, Retention) && d.ds.Retention != "" {
		keys = append(keys, declPrefix+"retention/"+d.ds.Retention)
	}
	return keys
}

// processorKeys are the transfers a processor's countries match (the promise of none when
// no declared transfer does), or the declared recipients its kind falls under.
func (b *builder) processorKeys(f *findings.Finding, links []string) []string {
	id := strings.SplitN(strings.TrimPrefix(f.Resource, "processor://"), "/", 2)[0]
	p, ok := b.in.Processors[id]
	if slices.Contains(links, Transfers) {
		countries := map[string]bool{p.Country: true}
		for _, c := range p.DataLocation {
			countries[c] = true
		}
		var keys []string
		for _, t := range b.in.Declaration.Transfers {
			if countries[t.Country] {
				keys = append(keys, declPrefix+"transfers/"+t.Country)
			}
		}
		if len(keys) == 0 {
			keys = append(keys, declPrefix+"transfers")
		}
		return keys
	}
	if !ok || !slices.Contains(links, Recipients) {
		return nil
	}
	var keys []string
	for _, r := range b.in.Declaration.Recipients {
		if kindUnder(p.Kind, r.Kind, b.in.KindParents) {
			keys = append(keys, declPrefix+"recipients/"+r.Kind)
		}
	}
	return keys
}

// siteKeys are the statement, or the declared cookie purpose the finding names, else the
// cookie policy.
func (b *builder) siteKeys(f *findings.Finding, links []string) []string {
	switch {
	case slices.Contains(links, Statement):
		return []string{declPrefix + "statement"}
	case !slices.Contains(links, Cookies):
		return nil
	}
	if p, ok := f.Details["purpose"].(string); ok && b.m.lookup[declPrefix+"cookies/purposes/"+p] != nil {
		return []string{declPrefix + "cookies/purposes/" + p}
	}
	return []string{declPrefix + "cookies"}
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	out := s[:0]
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
