package reports

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/alarmlink/vern/internal/evidence"
)

// inventoryView is what vern read, per target, for the report's evidence section.
type inventoryView struct {
	Targets    []targetView
	Databases  []dbView
	Processors *procsView
	Sites      []siteView
	Generic    []genericView
}

type targetView struct {
	Name, Kind, Status, Reason, Fix string
	Started, Finished               string
}

type dbView struct {
	Target, Name, Database, Server, User string
	Schemas                              []string
	TableCount, PersonalCount, Hidden    int
	Tables                               []tableView
}

type tableView struct {
	Name, Kind, Dataset string
	Rows                int64
	Columns, Sampled    int
	Public              bool
	Detected            []string
}

type procsView struct {
	Detector string
	Rows     []procView
}

type procView struct {
	ID, Name, Kind, Role, Country        string
	Path, DocStatus, Format, SHA, Reason string
	Pages                                int
	Signed, Expires, DatesFrom           string
	Clauses                              []clauseView
	Found, Total                         int
	// Standard is the standard text the agreement is built on, when vern recognises one.
	Standard *evidence.StandardText
	// Reviewed is "by, date" of the registry's review block; ReviewLapsed when it lapsed.
	ReviewBy, ReviewDate string
	ReviewLapsed         bool
}

type clauseView struct {
	ID             string
	Found, Negated bool
	Page, Line     int
	Excerpt        string
	Missing        []string
	// Status is the element's status (evidence.Element* constants), derived from Found and
	// Negated for evidence written before statuses were kept.
	Status, Class string
	Document      string
	// Conflict is the provision refusing what Page and Line grant.
	Conflict *evidence.Location
	// Review is the reviewer's reading beside vern's own.
	Review *evidence.ElementReview
}

// elementStatus is an element's status, read from its flags when the evidence predates it.
func elementStatus(e evidence.Element) string {
	switch {
	case e.Status != "":
		return e.Status
	case e.Found && e.Negated:
		return evidence.ElementConflict
	case e.Found:
		return evidence.ElementFound
	}
	return evidence.ElementMissing
}

// statusClass is the badge colour of an element's status.
func statusClass(status string) string {
	switch status {
	case evidence.ElementFound, evidence.ElementConfirmed:
		return "ok"
	case evidence.ElementReferenced, evidence.ElementConflict:
		return "partial"
	}
	return "failed"
}

type siteView struct {
	Target, URL, Mode, Browser string
	Truncated                  bool
	Pages                      []evidence.SitePage
	Statement                  evidence.SiteStatement
	Consent                    evidence.SiteConsent
	Phases                     []phaseView
	Cookies                    []cookieView
	Storage                    []cookieView
	Requests                   []requestView
	Catalog                    evidence.SiteCatalog
}

type phaseView struct {
	Name                   string
	Pages, Errors, Skipped int
	Choice                 string
}

// cookieView is one cookie or storage key with a mark per consent phase.
type cookieView struct {
	Name, Domain, Party, Purpose, Source, Vendor string
	Lifetime                                     string
	// Session marks a cookie that ends with the browser session; Necessary one whose
	// purpose is strictly necessary, which is never shown as a warning.
	Session, Necessary bool
	Marks              []string
}

type requestView struct {
	Host, Vendor, Category string
	Counts                 []string
}

type genericView struct {
	Name, Kind, Status string
	Facts              []string
}

// phaseOrder lists the consent phases as columns.
var phaseOrder = []string{evidence.PhaseBefore, evidence.PhaseReject, evidence.PhaseAccept}

// maxTablesShown caps the tables listed per database: tables with personal data or a
// declared dataset are listed first; the rest are counted.
const maxTablesShown = 500

// buildInventory decodes each target's data into its area's type; a target whose data
// cannot be read that way is shown generically (name, status, reason, what it recorded).
func buildInventory(ev *evidence.Evidence) inventoryView {
	var v inventoryView
	if ev == nil {
		return v
	}
	for _, name := range slices.Sorted(maps.Keys(ev.Targets)) {
		t := ev.Targets[name]
		if t == nil {
			continue
		}
		v.Targets = append(v.Targets, targetView{Name: t.Name, Kind: t.Kind, Status: string(t.Status), Reason: t.Reason, Fix: t.Fix,
			Started: stamp(t.StartedAt), Finished: stamp(t.FinishedAt)})
		if len(t.Data) == 0 || string(t.Data) == "null" {
			continue
		}
		ok := false
		// A name that does not parse (a hand-edited file) is shown as generic data.
		tn, _ := evidence.ParseTarget(name)
		switch tn.Kind {
		case evidence.TargetDB:
			var d evidence.Database
			if json.Unmarshal(t.Data, &d) == nil && d.Tables != nil {
				v.Databases = append(v.Databases, dbFrom(tn, &d, ev))
				ok = true
			}
		case evidence.TargetProcessors:
			var p evidence.Processors
			if json.Unmarshal(t.Data, &p) == nil && p.Processors != nil {
				v.Processors = procsFrom(&p, ev)
				ok = true
			}
		case evidence.TargetSite:
			var s evidence.Site
			if json.Unmarshal(t.Data, &s) == nil && (s.URL != "" || s.Host != "") {
				v.Sites = append(v.Sites, siteFrom(name, &s))
				ok = true
			}
		}
		if !ok {
			v.Generic = append(v.Generic, genericFrom(t))
		}
	}
	return v
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

func dbFrom(target evidence.TargetName, d *evidence.Database, ev *evidence.Evidence) dbView {
	name := pick(d.Name, target.Name)
	v := dbView{Target: target.String(), Name: name, Database: d.Database, Server: d.ServerVersion, User: d.User, Schemas: d.Schemas,
		TableCount: len(d.Tables), PersonalCount: len(d.Personal)}
	inv := ev.Inventory.Databases[name]
	ignored := map[string]bool{}
	for _, t := range inv.Ignore {
		ignored[t] = true
	}
	var rows []tableView
	for _, key := range slices.Sorted(maps.Keys(d.Tables)) {
		t := d.Tables[key]
		if t == nil {
			continue
		}
		tv := tableView{Name: key, Kind: t.Kind, Rows: t.RowEstimate, Columns: len(t.Columns), Sampled: t.Sampled, Public: t.PublicSelect}
		if _, ok := inv.Datasets[key]; ok {
			tv.Dataset = "dataset"
		} else if ignored[key] {
			tv.Dataset = "ignore"
		}
		for _, col := range slices.Sorted(maps.Keys(d.Personal[key])) {
			tv.Detected = append(tv.Detected, col+": "+strings.Join(d.Personal[key][col], ", "))
		}
		rows = append(rows, tv)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		return (len(rows[i].Detected) > 0 || rows[i].Dataset == "dataset") && !(len(rows[j].Detected) > 0 || rows[j].Dataset == "dataset")
	})
	if len(rows) > maxTablesShown {
		v.Hidden = len(rows) - maxTablesShown
		rows = rows[:maxTablesShown]
	}
	v.Tables = rows
	return v
}

func procsFrom(p *evidence.Processors, ev *evidence.Evidence) *procsView {
	v := &procsView{Detector: p.Detector}
	for _, id := range slices.Sorted(maps.Keys(p.Processors)) {
		r := p.Processors[id]
		c := ev.Processors[id]
		pv := procView{ID: id, Name: c.Name, Kind: c.Kind, Role: pick(r.Role, c.Role), Country: c.Country,
			Path: r.Document.Path, DocStatus: r.Document.Status, Format: r.Document.Format, Pages: r.Document.Pages,
			SHA: r.Document.SHA256, Reason: r.Document.Reason, Signed: r.Signed, Expires: r.Expires, DatesFrom: r.DatesFrom}
		for _, el := range clauseOrder(r.Elements) {
			e := r.Elements[el]
			pv.Total++
			if e.Found && !e.Negated {
				pv.Found++
			}
			pv.Clauses = append(pv.Clauses, clauseView{ID: el, Found: e.Found && !e.Negated, Negated: e.Negated, Page: e.Page,
				Line: e.Line, Excerpt: e.Excerpt, Missing: e.Missing, Status: elementStatus(e), Class: statusClass(elementStatus(e)), Document: e.Document,
				Conflict: e.Conflict, Review: e.Review})
		}
		pv.Standard = r.Standard
		if r.Review != nil {
			pv.ReviewBy, pv.ReviewDate, pv.ReviewLapsed = r.Review.By, r.Review.Date, r.Review.Stale
		}
		v.Rows = append(v.Rows, pv)
	}
	return v
}

// clauseOrder puts Art. 28(3)'s opening particulars first, then (a)-(h), then the rest.
func clauseOrder(m map[string]evidence.Element) []string {
	fixed := []string{"subject_matter", "duration", "nature_purpose", "data_types", "data_subjects",
		"a", "b", "c", "d", "e", "f", "g", "h", "responsibilities", "rights_information", "essence"}
	var out []string
	seen := map[string]bool{}
	for _, k := range fixed {
		if _, ok := m[k]; ok {
			out = append(out, k)
			seen[k] = true
		}
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if !seen[k] {
			out = append(out, k)
		}
	}
	return out
}

func siteFrom(target string, s *evidence.Site) siteView {
	v := siteView{Target: target, URL: s.URL, Mode: s.Mode, Truncated: s.Truncated, Pages: s.Pages, Statement: s.Statement,
		Consent: s.Consent, Catalog: s.Catalog}
	if b := s.Browser; b != nil {
		v.Browser = strings.TrimSpace(fmt.Sprintf("%s %s (sandbox %t, %s, %s)", b.Name, b.Version, b.Sandbox, b.Locale, b.TimeZone))
	}
	for _, ph := range phaseOrder {
		if p, ok := s.Phases[ph]; ok {
			v.Phases = append(v.Phases, phaseView{Name: ph, Pages: p.Pages, Errors: p.Errors, Skipped: p.Skipped, Choice: p.Choice})
		}
	}
	for _, c := range s.Cookies {
		cv := cookieView{Name: c.Name, Domain: c.Domain, Party: c.Party, Purpose: c.Purpose, Source: c.Source, Vendor: c.Vendor}
		cv.Session, cv.Necessary = c.Session, c.Purpose == "necessary"
		if !c.Session {
			cv.Lifetime = fmt.Sprintf("%d d", c.LifetimeDays)
		}
		for _, ph := range phaseOrder {
			p, ok := c.Phases[ph]
			switch {
			case !ok:
				cv.Marks = append(cv.Marks, "")
			case p.Blocked:
				cv.Marks = append(cv.Marks, "blocked")
			case p.BeforeChoice && ph != evidence.PhaseBefore:
				cv.Marks = append(cv.Marks, "before choice")
			default:
				cv.Marks = append(cv.Marks, "set")
			}
		}
		v.Cookies = append(v.Cookies, cv)
	}
	for _, st := range s.Storage {
		cv := cookieView{Name: st.Key, Domain: st.Kind, Purpose: st.Purpose, Source: st.Source, Vendor: st.Vendor}
		for _, ph := range phaseOrder {
			if _, ok := st.Phases[ph]; ok {
				cv.Marks = append(cv.Marks, "set")
			} else {
				cv.Marks = append(cv.Marks, "")
			}
		}
		v.Storage = append(v.Storage, cv)
	}
	for _, r := range s.Requests {
		rv := requestView{Host: r.Host, Vendor: r.Vendor, Category: r.Category}
		for _, ph := range phaseOrder {
			if p, ok := r.Phases[ph]; ok {
				rv.Counts = append(rv.Counts, fmt.Sprint(p.Count))
			} else {
				rv.Counts = append(rv.Counts, "")
			}
		}
		v.Requests = append(v.Requests, rv)
	}
	return v
}

// genericFrom summarises data of a shape this version does not know: each top-level key
// with its number of items, or its value when it is a short scalar.
func genericFrom(t *evidence.Target) genericView {
	g := genericView{Name: t.Name, Kind: t.Kind, Status: string(t.Status)}
	var m map[string]json.RawMessage
	if json.Unmarshal(t.Data, &m) != nil {
		return g
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		raw := m[k]
		var arr []json.RawMessage
		var obj map[string]json.RawMessage
		switch {
		case json.Unmarshal(raw, &arr) == nil:
			g.Facts = append(g.Facts, fmt.Sprintf("%s: %d", k, len(arr)))
		case json.Unmarshal(raw, &obj) == nil:
			g.Facts = append(g.Facts, fmt.Sprintf("%s: %d", k, len(obj)))
		default:
			s := string(raw)
			if len(s) > 120 {
				s = s[:120] + "…"
			}
			g.Facts = append(g.Facts, k+": "+s)
		}
	}
	return g
}
