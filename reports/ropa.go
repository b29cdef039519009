package reports

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/internal/rights"
)

// The record of processing (GDPR Art. 30(1)) is built once, as rows of cells that each
// carry where their content comes from, and then written as CSV, XLSX and an HTML section.

// Where a cell of the record comes from, strongest first.
const (
	ropaContradicted = "contradicted" // a finding shows the systems do otherwise
	ropaEvidence     = "evidence"     // the evidence confirms the declaration
	ropaDeclaration  = "declaration"  // the declaration's words, not checked against a system
	ropaNotStated    = "not_stated"   // the declaration holds nothing for the column
)

// ropaColumns are the record's columns after the activity and its status, in Art. 30(1)
// order: (a) controller, (b) purpose, (c) data subjects and data, (d) recipients and
// processors, (e) transfers, (f) time limits, (g) security measures.
var ropaColumns = []string{"controller", "purpose", "subjects", "data", "recipients", "processors", "transfers",
	"erasure", "security"}

// ropaRecord is the whole record.
type ropaRecord struct {
	Rows []*ropaRow
}

// ropaRow is one processing activity: a declared purpose, or a kind of data detected that
// no category declares.
type ropaRow struct {
	ID         string
	Activity   string
	Undeclared bool
	Cells      map[string]*ropaCell
}

// ropaCell is one cell: its text and the sources behind it.
type ropaCell struct {
	Text    string
	Status  string
	Sources []ropaSource
}

// ropaSource is one thing a cell rests on: the declaration's words, a piece of evidence or
// a finding.
type ropaSource struct {
	Kind        string // declaration, evidence or finding
	Text        string
	Rule        string
	Resource    string
	Fingerprint string
	Waived      bool
}

func (c *ropaCell) add(s ropaSource) {
	if s.Kind == "finding" {
		c.Status = ropaContradicted
	} else if s.Kind == "evidence" && c.Status != ropaContradicted && c.Status != ropaNotStated {
		c.Status = ropaEvidence
	}
	c.Sources = append(c.Sources, s)
}

func (c *ropaCell) addFindings(fs []findings.Finding) {
	for _, f := range fs {
		c.add(ropaSource{Kind: "finding", Text: pick(f.Message, f.Title), Rule: f.Rule, Resource: f.Resource,
			Fingerprint: f.Fingerprint, Waived: f.Waived()})
	}
}

// datasetRef is one declared dataset and what it links to.
type datasetRef struct {
	resource string // postgres://db/schema.table
	target   string // db:<name>
	ds       config.Dataset
}

// ropaInput is what the record is built from, gathered once.
type ropaInput struct {
	lang     string
	decl     config.Declaration
	inv      config.Inventory
	datasets []datasetRef
	dbs      map[string]*evidence.Database
	procs    map[string]config.Processor
	procEv   map[string]evidence.ProcessorRecord
	findings []findings.Finding
	// rules are the findings' rules, whose custom.ropa names the columns they contradict.
	rules map[string]findings.Rule
}

func newRopaInput(in *Input, lang string) *ropaInput {
	ri := &ropaInput{lang: lang, dbs: map[string]*evidence.Database{}, procEv: map[string]evidence.ProcessorRecord{}}
	if in.Findings != nil {
		ri.findings, ri.rules = in.Findings.Findings, in.Findings.Rules
	}
	ev := in.Evidence
	if ev == nil {
		return ri
	}
	ri.decl, ri.inv, ri.procs = ev.Declaration, ev.Inventory, ev.Processors
	for _, name := range slices.Sorted(maps.Keys(ev.Targets)) {
		t := ev.Targets[name]
		if t == nil || t.Status == evidence.StatusFailed || len(t.Data) == 0 {
			continue
		}
		tn, _ := evidence.ParseTarget(name)
		switch tn.Kind {
		case evidence.TargetDB:
			var d evidence.Database
			if json.Unmarshal(t.Data, &d) == nil {
				ri.dbs[tn.Name] = &d
			}
		case evidence.TargetProcessors:
			var p evidence.Processors
			if json.Unmarshal(t.Data, &p) == nil {
				ri.procEv = p.Processors
			}
		}
	}
	for _, db := range slices.Sorted(maps.Keys(ev.Inventory.Databases)) {
		for _, t := range slices.Sorted(maps.Keys(ev.Inventory.Databases[db].Datasets)) {
			ri.datasets = append(ri.datasets, datasetRef{resource: "postgres://" + db + "/" + t, target: evidence.DBTarget(db).String(),
				ds: ev.Inventory.Databases[db].Datasets[t]})
		}
	}
	return ri
}

// Record columns a rule's custom.ropa can name besides ropaColumns: ropaUndeclared is the
// data cell of the rows of undeclared kinds of data.
const ropaUndeclared = "undeclared"

// contradicts reports whether a finding's rule says it contradicts the column.
func (ri *ropaInput) contradicts(f *findings.Finding, column string) bool {
	return slices.Contains(ri.rules[f.Rule].Ropa, column)
}

// findingsOn are the findings on resource or under it whose rules contradict the column;
// any finding there when column is empty.
func (ri *ropaInput) findingsOn(column string, resources ...string) []findings.Finding {
	var out []findings.Finding
	for _, f := range ri.findings {
		if column != "" && !ri.contradicts(&f, column) {
			continue
		}
		for _, r := range resources {
			if f.Resource == r || strings.HasPrefix(f.Resource, r+"/") {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// buildRopa builds the record: one row per declared purpose, then one per detected kind of
// data that no declared category covers.
func buildRopa(in *Input, lang string) *ropaRecord {
	ri := newRopaInput(in, lang)
	rec := &ropaRecord{}
	for _, id := range slices.Sorted(maps.Keys(ri.decl.Purposes)) {
		rec.Rows = append(rec.Rows, ri.purposeRow(id))
	}
	rec.Rows = append(rec.Rows, ri.undeclaredRows()...)
	return rec
}

func (ri *ropaInput) T(k string) string { return tr(ri.lang, k) }

func (ri *ropaInput) notStated() *ropaCell {
	return &ropaCell{Text: ri.T("ropa.notstated"), Status: ropaNotStated}
}

func (ri *ropaInput) declared(text, words string) *ropaCell {
	c := &ropaCell{Text: text, Status: ropaDeclaration}
	if words != "" {
		c.Sources = append(c.Sources, ropaSource{Kind: "declaration", Text: words})
	}
	return c
}

func (ri *ropaInput) purposeRow(id string) *ropaRow {
	p := ri.decl.Purposes[id]
	row := &ropaRow{ID: id, Activity: pick(p.Title, id), Cells: map[string]*ropaCell{}}
	var datasets []datasetRef
	for _, d := range ri.datasets {
		if slices.Contains(d.ds.Purposes, id) {
			datasets = append(datasets, d)
		}
	}
	var dsRes []string
	for _, d := range datasets {
		dsRes = append(dsRes, d.resource)
	}

	row.Cells["controller"] = ri.controllerCell()

	text := pick(p.Title, id)
	if p.Basis != "" {
		text += " (" + ri.T("matrix.basis") + ": " + p.Basis + ")"
	}
	pc := ri.declared(text, strings.TrimSpace(p.Source+"\n"+p.BasisSrc))
	pc.addFindings(ri.findingsOn("", "declaration://purposes/"+id))
	row.Cells["purpose"] = pc

	row.Cells["subjects"] = ri.notStated()
	if len(p.Subjects) > 0 {
		row.Cells["subjects"] = ri.declared(strings.Join(p.Subjects, "; "), p.Source)
	}
	row.Cells["data"] = ri.dataCell(p, datasets, dsRes)
	row.Cells["recipients"] = ri.recipientsCell(id)
	procs := ri.processorsFor(p.Categories)
	row.Cells["processors"] = ri.processorsCell(procs)
	row.Cells["transfers"] = ri.transfersCell(procs)
	row.Cells["erasure"] = ri.erasureCell(id, p.Categories, dsRes)
	row.Cells["security"] = ri.securityCell(dsRes)
	return row
}

func (ri *ropaInput) controllerCell() *ropaCell {
	c := ri.decl.Controller
	if c.Name == "" {
		cell := ri.notStated()
		cell.addFindings(ri.findingsOn("", "declaration://controller"))
		return cell
	}
	parts := []string{c.Name}
	contact := ""
	if ct := c.Contact; ct != nil {
		contact = strings.Join(appendNonEmpty(nil, ct.Email, ct.Phone, ct.Address), ", ")
	}
	parts = append(parts, ri.T("ropa.contact")+": "+pick(contact, ri.T("ropa.notstated")))
	if d := c.DPO; d != nil {
		parts = append(parts, "DPO: "+strings.Join(appendNonEmpty(nil, d.Name, d.Email, d.Phone), ", "))
	}
	words := c.Source
	if c.Contact != nil && c.Contact.Source != "" {
		words = strings.TrimSpace(words + "\n" + c.Contact.Source)
	}
	cell := ri.declared(strings.Join(parts, "; "), words)
	cell.addFindings(ri.findingsOn("", "declaration://controller"))
	return cell
}

// dataCell lists the purpose's categories, verified by the tables of its datasets where a
// detection falls under the category, and contradicted by findings on those datasets that
// say the data differs from what is declared.
func (ri *ropaInput) dataCell(p config.Purpose, datasets []datasetRef, dsRes []string) *ropaCell {
	if len(p.Categories) == 0 {
		return ri.notStated()
	}
	var titles, words []string
	for _, c := range p.Categories {
		cat := ri.decl.Categories[c]
		titles = append(titles, pick(cat.Title, c))
		if cat.Source != "" {
			words = append(words, cat.Source)
		}
	}
	cell := ri.declared(strings.Join(titles, "; "), strings.Join(words, "\n"))
	for _, c := range p.Categories {
		kinds := ri.decl.Categories[c].Data
		var tables []string
		for _, d := range datasets {
			if !slices.Contains(d.ds.Categories, c) {
				continue
			}
			tn, _ := evidence.ParseTarget(d.target)
			db := ri.dbs[tn.Name]
			table := strings.TrimPrefix(d.resource, "postgres://"+tn.Name+"/")
			if db == nil || db.Personal[table] == nil {
				continue
			}
			if hit := coveredKinds(db.Personal[table], kinds); len(hit) > 0 {
				tables = append(tables, d.resource+" ("+strings.Join(hit, ", ")+")")
			}
		}
		if len(tables) > 0 {
			cell.add(ropaSource{Kind: "evidence", Text: pick(ri.decl.Categories[c].Title, c) + ": " + strings.Join(tables, "; "),
				Resource: "declaration://categories/" + c})
		}
	}
	cell.addFindings(ri.findingsOn("data", dsRes...))
	return cell
}

// coveredKinds are the detected kinds of a table that lie under one of the declared kinds.
func coveredKinds(cols map[string][]string, declared []string) []string {
	seen := map[string]bool{}
	for _, ks := range cols {
		for _, k := range ks {
			for _, d := range declared {
				if k == d || strings.HasPrefix(k, d+".") {
					seen[k] = true
				}
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

func (ri *ropaInput) recipientsCell(purpose string) *ropaCell {
	var texts, words []string
	for _, r := range ri.decl.Recipients {
		if r.When != "" && r.When != purpose {
			continue
		}
		t := r.Kind
		if len(r.Examples) > 0 {
			t += " (" + strings.Join(r.Examples, ", ") + ")"
		}
		texts = append(texts, t)
		if r.Source != "" {
			words = append(words, r.Source)
		}
	}
	if len(texts) == 0 {
		return ri.notStated()
	}
	return ri.declared(strings.Join(texts, "; "), strings.Join(words, "\n"))
}

// processorsFor are the registry's processors that receive one of the categories, by id.
func (ri *ropaInput) processorsFor(categories []string) []string {
	var out []string
	for _, id := range slices.Sorted(maps.Keys(ri.procs)) {
		for _, c := range ri.procs[id].Categories {
			if slices.Contains(categories, c) {
				out = append(out, id)
				break
			}
		}
	}
	return out
}

// processorsCell names each processor and the state of its agreement: verified when the
// agreement was read, contradicted by any processor finding.
func (ri *ropaInput) processorsCell(ids []string) *ropaCell {
	if len(ids) == 0 {
		return ri.notStated()
	}
	var texts []string
	cell := &ropaCell{Status: ropaDeclaration}
	for _, id := range ids {
		p := ri.procs[id]
		state := ri.T("ropa.agreement.none")
		if a := p.Agreement; a != nil && a.Document != "" {
			state = ri.T("ropa.agreement.registered")
		}
		if rec, ok := ri.procEv[id]; ok {
			switch rec.Document.Status {
			case evidence.DocumentFound:
				state = ri.T("ropa.agreement.found")
				if rec.Signed != "" {
					state += ", " + ri.T("ropa.signed") + " " + rec.Signed
				}
				if rec.Expires != "" {
					state += ", " + ri.T("ropa.expires") + " " + rec.Expires
				}
				cell.add(ropaSource{Kind: "evidence", Text: pick(p.Name, id) + ": " + rec.Document.Path + " sha256 " +
					shortHash(rec.Document.SHA256), Resource: "processor://" + id})
			default:
				state = ri.T("ropa.agreement.status") + " " + rec.Document.Status
			}
		}
		texts = append(texts, pick(p.Name, id)+" ("+p.Kind+"): "+state)
		if p.Source != "" {
			cell.Sources = append(cell.Sources, ropaSource{Kind: "declaration", Text: p.Source, Resource: "processor://" + id})
		}
		cell.addFindings(ri.findingsOn("processors", "processor://"+id))
	}
	cell.Text = strings.Join(texts, "; ")
	return cell
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// transfersCell holds the declared transfers; the registry's transfer entries of the row's
// processors are listed as evidence, and transfer findings contradict.
func (ri *ropaInput) transfersCell(procs []string) *ropaCell {
	var cell *ropaCell
	if len(ri.decl.Transfers) == 0 {
		cell = ri.notStated()
	} else {
		var texts, words []string
		for _, t := range ri.decl.Transfers {
			texts = append(texts, strings.TrimSpace(t.Country+" "+paren(t.Mechanism)))
			if t.Source != "" {
				words = append(words, t.Source)
			}
		}
		cell = ri.declared(strings.Join(texts, "; "), strings.Join(words, "\n"))
	}
	for _, id := range procs {
		p := ri.procs[id]
		if p.Transfer == nil && len(p.DataLocation) == 0 {
			continue
		}
		t := pick(p.Name, id) + ":"
		if len(p.DataLocation) > 0 {
			t += " " + ri.T("ropa.location") + " " + strings.Join(p.DataLocation, ", ")
		}
		if p.Transfer != nil && p.Transfer.Mechanism != "" {
			t += "; " + ri.T("ropa.mechanism") + " " + p.Transfer.Mechanism
		}
		cell.Sources = append(cell.Sources, ropaSource{Kind: "evidence", Text: t, Resource: "processor://" + id})
		cell.addFindings(ri.findingsOn("transfers", "processor://"+id))
	}
	return cell
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

// erasureCell holds the retention rules that name the purpose or one of its categories,
// contradicted by retention findings on the purpose's datasets.
func (ri *ropaInput) erasureCell(purpose string, categories, dsRes []string) *ropaCell {
	var texts, words, resources []string
	for _, id := range slices.Sorted(maps.Keys(ri.decl.Retention)) {
		r := ri.decl.Retention[id]
		match := slices.Contains(r.Purposes, purpose)
		for _, c := range r.Categories {
			match = match || slices.Contains(categories, c)
		}
		if !match {
			continue
		}
		var limits []string
		if r.Max != "" {
			limits = append(limits, ri.T("matrix.max")+" "+periodText(ri.lang, r.MaxPeriod, r.Max))
		}
		if r.Min != "" {
			limits = append(limits, ri.T("matrix.min")+" "+periodText(ri.lang, r.MinPeriod, r.Min))
		}
		if r.Until != "" {
			limits = append(limits, ri.T("matrix.until")+" "+r.Until)
		}
		limits = appendNonEmpty(limits, r.AppliesTo, r.Law)
		texts = append(texts, pick(r.Title, id)+": "+strings.Join(limits, ", "))
		if r.Source != "" {
			words = append(words, r.Source)
		}
		resources = append(resources, "declaration://retention/"+id)
	}
	var cell *ropaCell
	if len(texts) == 0 {
		cell = ri.notStated()
	} else {
		cell = ri.declared(strings.Join(texts, "; "), strings.Join(words, "\n"))
	}
	for _, c := range categories {
		resources = append(resources, "declaration://categories/"+c)
	}
	// The declaration's retention rules first, then what the purpose's datasets keep.
	cell.addFindings(ri.findingsOn("erasure", resources...))
	cell.addFindings(ri.findingsOn("erasure", dsRes...))
	return cell
}

// securityCell holds the statement's general words on security, if any, contradicted by
// findings that show data left unprotected in the purpose's datasets.
func (ri *ropaInput) securityCell(dsRes []string) *ropaCell {
	var cell *ropaCell
	if s, ok := ri.decl.Sources["security"]; ok && s.Source != "" {
		cell = ri.declared(s.Source, s.Source)
	} else {
		cell = ri.notStated()
	}
	cell.addFindings(ri.findingsOn("security", dsRes...))
	return cell
}

// undeclaredRows are the kinds of data detected in a collected table (not ignored) that no
// declared category covers, one row per kind, each tied to the findings on its columns.
func (ri *ropaInput) undeclaredRows() []*ropaRow {
	var declared []string
	for _, c := range ri.decl.Categories {
		declared = append(declared, c.Data...)
	}
	type place struct{ db, table, column string }
	byKind := map[string][]place{}
	for _, dbName := range slices.Sorted(maps.Keys(ri.dbs)) {
		db := ri.dbs[dbName]
		for _, table := range slices.Sorted(maps.Keys(db.Personal)) {
			if ri.ignored(dbName, table) {
				continue
			}
			for _, col := range slices.Sorted(maps.Keys(db.Personal[table])) {
				for _, k := range db.Personal[table][col] {
					if len(coveredKinds(map[string][]string{"": {k}}, declared)) > 0 {
						continue
					}
					byKind[k] = append(byKind[k], place{dbName, table, col})
				}
			}
		}
	}
	var rows []*ropaRow
	for _, k := range slices.Sorted(maps.Keys(byKind)) {
		row := &ropaRow{ID: k, Activity: ri.T("ropa.undeclared.activity"), Undeclared: true, Cells: map[string]*ropaCell{}}
		for _, col := range ropaColumns {
			row.Cells[col] = ri.notStated()
		}
		row.Cells["controller"] = ri.controllerCell()
		data := &ropaCell{Text: k + " (" + ri.T("ropa.undeclared") + ")", Status: ropaEvidence}
		var resources []string
		for _, p := range byKind[k] {
			res := "postgres://" + p.db + "/" + p.table
			data.Sources = append(data.Sources, ropaSource{Kind: "evidence", Text: p.table + "." + p.column,
				Resource: res + "/" + p.column})
			resources = append(resources, res+"/"+p.column)
		}
		for _, f := range ri.findings {
			if !ri.contradicts(&f, ropaUndeclared) {
				continue
			}
			for _, r := range resources {
				if f.Resource == r || strings.HasPrefix(r, f.Resource+"/") {
					data.addFindings([]findings.Finding{f})
					break
				}
			}
		}
		row.Cells["data"] = data
		rows = append(rows, row)
	}
	return rows
}

func (ri *ropaInput) ignored(db, table string) bool {
	return rights.Ignored(ri.inv.Databases[db].Ignore, table)
}
