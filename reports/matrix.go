package reports

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/internal/rights"
	vernrego "github.com/alarmlink/vern/rego"
)

// Matrix statuses of a declared promise.
const (
	statusKept       = "kept"
	statusBroken     = "broken"
	statusWaived     = "brokenwaived"
	statusUnchecked  = "unchecked"
	statusUndeclared = "undeclared"
)

// matrixSection is one part of the declaration (purposes, retention, ...).
type matrixSection struct {
	Key   string
	Title string
	Note  string
	Rows  []*matrixRow
}

// matrixRow is one promise and what the evidence says about it.
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
	// Unreached is set on a right served from the databases when a subject key does not
	// reach every table with personal data: broken even where no finding says so (the
	// findings came from rules that predate the check, say).
	Unreached bool
}

// findingRef links a matrix row to a finding in the findings table.
type findingRef struct {
	Anchor   string
	Rule     string
	Severity findings.Severity
	Resource string
	Waived   bool
}

// coverage says which targets were collected, to tell "kept" from "not checked".
type coverage struct {
	have      bool
	db        map[string]bool // db name → collected (ok or partial)
	processor bool
	site      []string // collected site targets
	siteOK    bool
}

func newCoverage(ev *evidence.Evidence) coverage {
	c := coverage{db: map[string]bool{}}
	if ev == nil {
		return c
	}
	c.have = true
	for name, t := range ev.Targets {
		if t == nil || t.Status == evidence.StatusFailed {
			continue
		}
		switch {
		case strings.HasPrefix(name, "db:"):
			c.db[strings.TrimPrefix(name, "db:")] = true
		case name == "processors":
			c.processor = true
		case strings.HasPrefix(name, "site:"):
			c.site = append(c.site, name)
			c.siteOK = true
		}
	}
	sort.Strings(c.site)
	return c
}

// datasetRef is one declared dataset and what it links to.
type datasetRef struct {
	resource string // postgres://db/schema.table
	target   string // db:<name>
	ds       config.Dataset
}

// buildMatrix walks the declaration and places every finding on the promises it concerns.
func buildMatrix(in *Input, lang string) []*matrixSection {
	doc := in.Findings
	var decl config.Declaration
	var inv config.Inventory
	var procs map[string]config.Processor
	if in.Evidence != nil {
		decl, inv, procs = in.Evidence.Declaration, in.Evidence.Inventory, in.Evidence.Processors
	}
	cov := newCoverage(in.Evidence)

	var datasets []datasetRef
	for _, db := range sortedKeys(inv.Databases) {
		for _, name := range sortedKeys(inv.Databases[db].Datasets) {
			datasets = append(datasets, datasetRef{
				resource: "postgres://" + db + "/" + name, target: "db:" + db, ds: inv.Databases[db].Datasets[name],
			})
		}
	}
	// Which collected datasets speak for a category, purpose or retention rule.
	checkedBy := map[string][]string{}
	for _, d := range datasets {
		if !cov.db[strings.TrimPrefix(d.target, "db:")] {
			continue
		}
		for _, c := range d.ds.Categories {
			checkedBy["declaration://categories/"+c] = append(checkedBy["declaration://categories/"+c], d.resource)
		}
		for _, p := range d.ds.Purposes {
			checkedBy["declaration://purposes/"+p] = append(checkedBy["declaration://purposes/"+p], d.resource)
		}
		if d.ds.Retention != "" {
			k := "declaration://retention/" + d.ds.Retention
			checkedBy[k] = append(checkedBy[k], d.resource)
		}
	}

	lookup := map[string]*matrixRow{}
	sections := []*matrixSection{}
	add := func(s *matrixSection, r *matrixRow) {
		s.Rows = append(s.Rows, r)
		lookup[r.Key] = r
	}
	T := func(k string) string { return tr(lang, k) }

	// Controller and statement: judged from the declaration (and the published page).
	general := &matrixSection{Key: "general", Title: T("matrix.controller")}
	ctrl := &matrixRow{Key: "declaration://controller", ID: "controller", Title: decl.Controller.Name, Source: decl.Controller.Source,
		Coverage: []string{"declaration"}}
	if c := decl.Controller.Contact; c != nil {
		ctrl.Facts = appendNonEmpty(ctrl.Facts, c.Email, c.Phone, c.Address)
		ctrl.Source = pick(ctrl.Source, c.Source)
	}
	add(general, ctrl)
	if d := decl.Controller.DPO; d != nil {
		add(general, &matrixRow{Key: "declaration://controller/dpo", ID: "dpo", Title: pick(d.Name, "DPO"),
			Facts: appendNonEmpty(nil, d.Email, d.Phone), Source: d.Source, Coverage: []string{"declaration"}})
	}
	st := &matrixRow{Key: "declaration://statement", ID: "statement", Title: T("matrix.statement"), Source: decl.Statement.Source,
		Facts: appendNonEmpty(nil, decl.Statement.URL, decl.Statement.Updated), Coverage: cov.site}
	add(general, st)
	if decl.AutomatedDecisions != nil {
		add(general, &matrixRow{Key: "declaration://automated_decisions", ID: "automated_decisions", Title: "automated_decisions",
			Facts: appendNonEmpty(nil, decl.AutomatedDecisions.Logic), Source: decl.AutomatedDecisions.Source, Coverage: []string{"declaration"}})
	}
	if decl.Requirement != nil {
		add(general, &matrixRow{Key: "declaration://requirement", ID: "requirement", Title: "requirement",
			Facts: appendNonEmpty(nil, decl.Requirement.Text), Source: decl.Requirement.Source, Coverage: []string{"declaration"}})
	}
	sections = append(sections, general)

	cats := &matrixSection{Key: "categories", Title: T("matrix.categories")}
	for _, id := range sortedKeys(decl.Categories) {
		c := decl.Categories[id]
		k := "declaration://categories/" + id
		add(cats, &matrixRow{Key: k, ID: id, Title: c.Title, Facts: c.Data, Source: c.Source, Coverage: checkedBy[k]})
	}
	sections = append(sections, cats)

	purp := &matrixSection{Key: "purposes", Title: T("matrix.purposes")}
	for _, id := range sortedKeys(decl.Purposes) {
		p := decl.Purposes[id]
		k := "declaration://purposes/" + id
		facts := []string{}
		if p.Basis != "" {
			facts = append(facts, T("matrix.basis")+": "+p.Basis)
		} else {
			facts = append(facts, T("matrix.nobasis"))
		}
		if p.Interest != "" {
			facts = append(facts, T("matrix.interest")+": "+p.Interest)
		}
		if len(p.Categories) > 0 {
			facts = append(facts, strings.Join(p.Categories, ", "))
		}
		src := p.Source
		if p.BasisSrc != "" {
			src = strings.TrimSpace(src + "\n" + p.BasisSrc)
		}
		add(purp, &matrixRow{Key: k, ID: id, Title: p.Title, Facts: facts, Source: src, Coverage: checkedBy[k]})
	}
	sections = append(sections, purp)

	ret := &matrixSection{Key: "retention", Title: T("matrix.retention")}
	for _, id := range sortedKeys(decl.Retention) {
		r := decl.Retention[id]
		k := "declaration://retention/" + id
		var facts []string
		if r.Max != "" {
			facts = append(facts, T("matrix.max")+" "+periodText(lang, r.MaxPeriod, r.Max))
		}
		if r.Min != "" {
			facts = append(facts, T("matrix.min")+" "+periodText(lang, r.MinPeriod, r.Min))
		}
		if r.Until != "" {
			facts = append(facts, T("matrix.until")+" "+r.Until)
		}
		facts = appendNonEmpty(facts, r.AppliesTo, r.Law)
		if len(r.Categories) > 0 {
			facts = append(facts, strings.Join(r.Categories, ", "))
		}
		add(ret, &matrixRow{Key: k, ID: id, Title: pick(r.Title, id), Facts: facts, Source: r.Source, Coverage: checkedBy[k]})
	}
	sections = append(sections, ret)

	procCov := []string(nil)
	if cov.processor {
		procCov = []string{"processors"}
	}
	rec := &matrixSection{Key: "recipients", Title: T("matrix.recipients")}
	for _, r := range decl.Recipients {
		facts := append([]string(nil), r.Examples...)
		if r.When != "" {
			facts = append(facts, T("matrix.when")+": "+r.When)
		}
		add(rec, &matrixRow{Key: "declaration://recipients/" + r.Kind, ID: r.Kind, Title: r.Kind, Facts: facts, Source: r.Source, Coverage: procCov})
	}
	sections = append(sections, rec)

	tra := &matrixSection{Key: "transfers", Title: T("matrix.transfers")}
	for _, t := range decl.Transfers {
		add(tra, &matrixRow{Key: "declaration://transfers/" + t.Country, ID: t.Country, Title: t.Country,
			Facts: appendNonEmpty(nil, t.Mechanism), Source: t.Source, Coverage: procCov})
	}
	if len(decl.Transfers) == 0 {
		add(tra, &matrixRow{Key: "declaration://transfers", ID: "none", Title: T("matrix.notransfers"), Coverage: procCov})
	}
	sections = append(sections, tra)

	ck := &matrixSection{Key: "cookies", Title: T("matrix.cookies")}
	policy := &matrixRow{Key: "declaration://cookies", ID: "cookies", Title: T("matrix.lifetime"), Source: decl.Cookies.Source,
		Facts: appendNonEmpty(nil, periodText(lang, decl.Cookies.MaxPeriod, decl.Cookies.MaxLifetime)), Coverage: cov.site}
	add(ck, policy)
	for _, p := range decl.Cookies.Purposes {
		facts := appendNonEmpty(nil, p.Purpose)
		if p.Basis != "" {
			facts = append(facts, T("matrix.basis")+": "+p.Basis)
		}
		for _, kc := range decl.Cookies.Known {
			if kc.Purpose == p.ID {
				facts = append(facts, kc.Name)
			}
		}
		add(ck, &matrixRow{Key: "declaration://cookies/purposes/" + p.ID, ID: p.ID, Title: p.ID, Facts: facts, Source: p.Source, Coverage: cov.site})
	}
	sections = append(sections, ck)

	rights := &matrixSection{Key: "rights", Title: T("matrix.rights")}
	reach := reachability(in.Evidence)
	for _, r := range decl.Rights {
		row := &matrixRow{Key: "declaration://rights/" + r.Right, ID: r.Right, Title: r.Right, Source: r.Source,
			Coverage: []string{"declaration"}}
		if slices.Contains(schemaRights, r.Right) && len(reach) > 0 {
			// Served from the databases: judged by whether a subject key reaches every
			// table with personal data, not taken as kept because it is stated.
			row.Coverage = nil
			for _, db := range reach {
				row.Facts = append(row.Facts, db.Name+": "+trf(lang, "matrix.reachable", r.Right, db.Reachable, db.Judged))
				row.Coverage = append(row.Coverage, "db:"+db.Name)
				row.Unreached = row.Unreached || db.Reachable < db.Judged
			}
		}
		add(rights, row)
	}
	sections = append(sections, rights)

	other := &matrixSection{Key: "other", Title: T("matrix.other")}
	prefixes := map[string]*matrixSection{
		"declaration://categories/": cats, "declaration://purposes/": purp, "declaration://retention/": ret,
		"declaration://recipients/": rec, "declaration://transfers/": tra, "declaration://cookies/purposes/": ck,
		"declaration://rights/": rights, "declaration://": general,
	}
	kindParent := kindParents()
	byTable := map[string]datasetRef{}
	for _, d := range datasets {
		byTable[d.resource] = d
	}

	for _, f := range sortedFindings(doc) {
		ref := findingRef{Anchor: anchor(f.Fingerprint, f.Rule, f.Resource), Rule: f.Rule, Severity: f.Severity, Resource: f.Resource, Waived: f.Waived()}
		keys := promiseKeys(&f, lookup, byTable, procs, decl, kindParent)
		placed := false
		for _, k := range keys {
			if r := lookup[k]; r != nil {
				r.Findings = append(r.Findings, ref)
				placed = true
			}
		}
		if placed {
			continue
		}
		// A declaration resource with no declared entry: the statement leaves it out.
		if res := f.Resource; strings.HasPrefix(res, "declaration://") {
			sec := general
			best := ""
			for p, s := range prefixes {
				if strings.HasPrefix(res, p) && len(p) > len(best) {
					best, sec = p, s
				}
			}
			id := strings.TrimPrefix(res, best)
			r := &matrixRow{Key: res, ID: id, Title: id, Status: statusUndeclared}
			add(sec, r)
			r.Findings = append(r.Findings, ref)
			continue
		}
		root := otherRoot(f.Target)
		r := lookup["other://"+root]
		if r == nil {
			r = &matrixRow{Key: "other://" + root, ID: root, Title: root, Status: statusUndeclared}
			add(other, r)
		}
		r.Findings = append(r.Findings, ref)
	}
	if len(other.Rows) > 0 {
		sections = append(sections, other)
	}
	for _, s := range sections {
		for _, r := range s.Rows {
			r.Status = rowStatus(r)
			if len(r.Findings) > maxMatrixLinks {
				r.More = len(r.Findings) - maxMatrixLinks
				r.Findings = r.Findings[:maxMatrixLinks]
			}
		}
	}
	return sections
}

// maxMatrixLinks caps the finding links per promise; the rest are counted, and all of them
// are in the findings table.
const maxMatrixLinks = 25

// otherRoot groups findings tied to no promise by what holds them: the database, the
// processor or the site, so ten thousand unmapped tables make one row, not ten thousand.
func otherRoot(target string) string {
	for _, scheme := range []string{"postgres://", "processor://", "site://"} {
		if rest, ok := strings.CutPrefix(target, scheme); ok {
			return scheme + strings.SplitN(rest, "/", 2)[0]
		}
	}
	return target
}

func rowStatus(r *matrixRow) string {
	open, waived := 0, 0
	for _, f := range r.Findings {
		if f.Waived {
			waived++
		} else {
			open++
		}
	}
	switch {
	case r.Status == statusUndeclared:
		return statusUndeclared
	case open > 0:
		return statusBroken
	case waived > 0:
		return statusWaived
	case r.Unreached:
		return statusBroken
	case len(r.Coverage) > 0:
		return statusKept
	}
	return statusUnchecked
}

// schemaRights are the rights a request answered from the databases serves, judged by the
// reachability of the tables with personal data.
var schemaRights = []string{"access", "rectification", "erasure", "restriction", "portability"}

const subjectUnreachableRule = "db.subject_unreachable"

// reachability is the rights plan of each collected database that holds datasets with
// personal data; nil without evidence.
func reachability(ev *evidence.Evidence) []*rights.Database {
	if ev == nil {
		return nil
	}
	p, err := rights.FromEvidence(ev)
	if err != nil {
		return nil
	}
	var out []*rights.Database
	for _, db := range p.Databases {
		if db.Judged > 0 {
			out = append(out, db)
		}
	}
	return out
}

// ruleLinks says which of a dataset's declared links a database rule speaks to. A rule not
// listed (a public grant, plain-text passwords, card numbers) concerns none of them: it
// breaks no promise of the statement, and its finding sits under the database.
var ruleLinks = map[string][]string{
	"db.retention_exceeded":            {"retention"},
	"db.erasure_incomplete":            {"retention"},
	"db.minimum_retention_at_risk":     {"retention"},
	"db.consent_withdrawn_retained":    {"purposes", "retention"},
	"db.consent_untracked":             {"purposes"},
	"db.consent_missing":               {"purposes"},
	"db.purpose_undeclared":            {"purposes", "categories"},
	"db.undeclared_data":               {"categories"},
	"db.national_id":                   {"categories"},
	"db.special_category":              {"categories"},
	"processor.transfer_unsafeguarded": {"transfers"},
	"statement.transfer_undeclared":    {"transfers"},
}

// promiseKeys returns the declaration entries a finding concerns.
func promiseKeys(f *findings.Finding, lookup map[string]*matrixRow, byTable map[string]datasetRef,
	procs map[string]config.Processor, decl config.Declaration, parents map[string]string) []string {
	var keys []string
	for _, res := range []string{f.Resource, f.Target} {
		for p := res; p != ""; p = parentResource(p) {
			if lookup[p] != nil && p != "declaration://" {
				keys = append(keys, p)
				break
			}
		}
	}
	if f.Rule == subjectUnreachableRule {
		for _, r := range schemaRights {
			keys = append(keys, "declaration://rights/"+r)
		}
	}
	links := ruleLinks[f.Rule]
	want := func(l string) bool { return slices.Contains(links, l) }
	switch {
	case strings.HasPrefix(f.Resource, "postgres://") || strings.HasPrefix(f.Target, "postgres://"):
		d, ok := byTable[tableResource(f.Target)]
		if !ok {
			d, ok = byTable[tableResource(f.Resource)]
		}
		if !ok {
			break
		}
		if want("categories") {
			for _, c := range findingCategories(f, d.ds.Categories, decl.Categories) {
				keys = append(keys, "declaration://categories/"+c)
			}
		}
		if want("purposes") {
			for _, p := range d.ds.Purposes {
				keys = append(keys, "declaration://purposes/"+p)
			}
		}
		if want("retention") && d.ds.Retention != "" {
			keys = append(keys, "declaration://retention/"+d.ds.Retention)
		}
	case strings.HasPrefix(f.Resource, "processor://"):
		id := strings.SplitN(strings.TrimPrefix(f.Resource, "processor://"), "/", 2)[0]
		p, ok := procs[id]
		if want("transfers") && links != nil {
			countries := map[string]bool{p.Country: true}
			for _, c := range p.DataLocation {
				countries[c] = true
			}
			hit := false
			for _, t := range decl.Transfers {
				if countries[t.Country] {
					keys = append(keys, "declaration://transfers/"+t.Country)
					hit = true
				}
			}
			if !hit {
				keys = append(keys, "declaration://transfers")
			}
			break
		}
		if !ok || f.Rule == "processor.recipient_undeclared" {
			break
		}
		for _, r := range decl.Recipients {
			if kindUnder(p.Kind, r.Kind, parents) {
				keys = append(keys, "declaration://recipients/"+r.Kind)
			}
		}
	case strings.HasPrefix(f.Resource, "site://"):
		if strings.HasPrefix(f.Rule, "site.statement_") {
			keys = append(keys, "declaration://statement")
			break
		}
		if f.Rule == "cookies.purpose_undeclared" {
			break
		}
		if p, ok := f.Details["purpose"].(string); ok && lookup["declaration://cookies/purposes/"+p] != nil {
			keys = append(keys, "declaration://cookies/purposes/"+p)
			break
		}
		keys = append(keys, "declaration://cookies")
	}
	return dedupe(keys)
}

// findingCategories narrows a dataset's declared categories to those a finding is about: a
// finding naming data kinds (details.kinds) concerns the categories whose kinds cover one of
// them, and none when no category does (it is then declared nowhere); one naming categories
// (details.categories) concerns those. A finding naming neither concerns all of them.
func findingCategories(f *findings.Finding, dataset []string, declared map[string]config.Category) []string {
	if named := detailStrings(f.Details, "categories"); named != nil {
		return named
	}
	kinds := detailStrings(f.Details, "kinds")
	if kinds == nil {
		return dataset
	}
	var out []string
	for _, c := range dataset {
		if slices.ContainsFunc(kinds, func(k string) bool { return kindCovered(k, declared[c].Data) }) {
			out = append(out, c)
		}
	}
	return out
}

// kindCovered reports whether one of a category's Fides keys is kind or an ancestor of it.
func kindCovered(kind string, data []string) bool {
	return slices.ContainsFunc(data, func(d string) bool { return kind == d || strings.HasPrefix(kind, d+".") })
}

// detailStrings reads a list of strings from a finding's details; nil when absent.
func detailStrings(details map[string]any, key string) []string {
	if s, ok := details[key].([]string); ok {
		return s
	}
	raw, ok := details[key].([]any)
	if !ok {
		return nil
	}
	out := []string{}
	for _, v := range raw {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// parentResource strips the last path element of a resource, "" at the scheme.
func parentResource(r string) string {
	i := strings.LastIndexByte(r, '/')
	if i < 0 || strings.HasSuffix(r[:i+1], "://") {
		return ""
	}
	return r[:i]
}

// tableResource cuts a column off a postgres resource: postgres://db/schema.table.
func tableResource(r string) string {
	rest, ok := strings.CutPrefix(r, "postgres://")
	if !ok {
		return ""
	}
	parts := strings.SplitN(rest, "/", 3)
	if len(parts) < 2 {
		return ""
	}
	return "postgres://" + parts[0] + "/" + parts[1]
}

// kindParents reads the recipient kind tree from the rule bundle's reference data.
func kindParents() map[string]string {
	out := map[string]string{}
	b, err := vernrego.Bundle.ReadFile("reference/kinds.json")
	if err != nil {
		return out
	}
	var doc struct {
		Parents map[string]*string `json:"parents"`
	}
	if json.Unmarshal(b, &doc) != nil {
		return out
	}
	for k, v := range doc.Parents {
		if v != nil {
			out[k] = *v
		}
	}
	return out
}

// kindUnder reports whether kind is ancestor or ancestor's descendant: kind equals ancestor
// or lies below it in the tree.
func kindUnder(kind, ancestor string, parents map[string]string) bool {
	for i := 0; kind != "" && i < 16; i++ {
		if kind == ancestor {
			return true
		}
		kind = parents[kind]
	}
	return false
}

func appendNonEmpty(s []string, vs ...string) []string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			s = append(s, v)
		}
	}
	return s
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
