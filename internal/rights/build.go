package rights

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// edge is one foreign key from child to parent.
type edge struct {
	child, parent string
	fk            evidence.ForeignKey
}

// graph is the foreign-key graph of the catalog, without self-references (they reach
// nothing new).
type graph struct {
	children map[string][]edge // parent → edges from the tables that refer to it
	parents  map[string][]edge // child → its own foreign keys
	// person marks the tables holding a direct identifier: going up a foreign key stops
	// there.
	person map[string]bool
}

func newGraph(db *evidence.Database) graph {
	g := graph{children: map[string][]edge{}, parents: map[string][]edge{}, person: map[string]bool{}}
	for t, cols := range db.Personal {
		for _, k := range kindsOf(cols) {
			if direct(k) {
				g.person[t] = true
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(db.Tables)) {
		t := db.Tables[name]
		for _, fk := range t.ForeignKeys {
			if fk.Table == name || db.Tables[fk.Table] == nil {
				continue
			}
			e := edge{child: name, parent: fk.Table, fk: fk}
			g.children[fk.Table] = append(g.children[fk.Table], e)
			g.parents[name] = append(g.parents[name], e)
		}
	}
	return g
}

// reach is what one root reaches: each table's path from the root and the tables of rows
// that belong to the person (reached going down only).
type reach struct {
	paths map[string][]Step
	down  []string // in breadth-first order, root first
	via   map[string]edge
}

// walk goes down from root (to the tables that refer to it, and on), then up from every
// table reached (to the rows those rows refer to). Going up and then down again would
// reach other people's rows through a shared lookup table, so it is not followed.
func (g graph) walk(root string) reach {
	r := reach{paths: map[string][]Step{root: nil}, down: []string{root}, via: map[string]edge{}}
	for i := 0; i < len(r.down); i++ {
		t := r.down[i]
		for _, e := range g.children[t] {
			if _, seen := r.paths[e.child]; seen {
				continue
			}
			r.paths[e.child] = appendStep(r.paths[t], e, true)
			r.via[e.child] = e
			r.down = append(r.down, e.child)
		}
	}
	queue := append([]string(nil), r.down...)
	for i := 0; i < len(queue); i++ {
		t := queue[i]
		for _, e := range g.parents[t] {
			if _, seen := r.paths[e.parent]; seen || g.person[e.parent] {
				// A referenced table that identifies people by itself (an employee, the
				// customer's sales rep) holds another person's rows, not this one's.
				continue
			}
			r.paths[e.parent] = appendStep(r.paths[t], e, false)
			queue = append(queue, e.parent)
		}
	}
	return r
}

func appendStep(path []Step, e edge, down bool) []Step {
	s := Step{Constraint: e.fk.Name, From: e.parent, To: e.child, Columns: e.fk.Columns, RefColumns: e.fk.RefColumns,
		Down: down, OnDelete: e.fk.OnDelete}
	if !down {
		s.From, s.To = e.child, e.parent
	}
	out := make([]Step, len(path), len(path)+1)
	copy(out, path)
	return append(out, s)
}

// Build works out the plan of one database from its evidence and inventory entry.
func Build(name string, db *evidence.Database, inv config.Database, decl config.Declaration) *Database {
	out := &Database{Name: name}
	g := newGraph(db)

	// The tables with personal data: detected (and not ignored) or mapped with categories.
	personal := map[string]*Table{}
	for _, t := range slices.Sorted(maps.Keys(db.Personal)) {
		if Ignored(inv.Ignore, t) || db.Tables[t] == nil {
			continue
		}
		personal[t] = &Table{Table: t, Kinds: kindsOf(db.Personal[t])}
	}
	for _, t := range slices.Sorted(maps.Keys(inv.Datasets)) {
		ds := inv.Datasets[t]
		if db.Tables[t] == nil {
			continue
		}
		if personal[t] == nil && len(ds.Categories) == 0 {
			continue
		}
		if personal[t] == nil {
			personal[t] = &Table{Table: t}
		}
		personal[t].Dataset = true
	}

	out.Roots = roots(db, inv, g, personal)
	for _, root := range out.Roots {
		if root.Missing {
			continue
		}
		r := g.walk(root.Table)
		out.Subjects = append(out.Subjects, subjectPlan(root, r, g, db, inv, decl, personal))
		for t, pt := range personal {
			if _, ok := r.paths[t]; ok && !pt.Reachable {
				pt.Reachable, pt.Root = true, root.Table
			}
		}
	}
	for _, t := range slices.Sorted(maps.Keys(personal)) {
		pt := personal[t]
		out.Tables = append(out.Tables, pt)
		out.Personal++
		if pt.Reachable {
			out.PersonalReachable++
		}
		if pt.Dataset {
			out.Judged++
			if pt.Reachable {
				out.Reachable++
			}
		}
	}
	return out
}

func kindsOf(cols map[string][]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, ks := range cols {
		for _, k := range ks {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// roots are the declared subject keys, and the inferred subject table when the foreign-key
// graph has one that no declaration already names.
func roots(db *evidence.Database, inv config.Database, g graph, personal map[string]*Table) []Root {
	var out []Root
	declared := map[string]bool{}
	for _, t := range slices.Sorted(maps.Keys(inv.Datasets)) {
		ds := inv.Datasets[t]
		if ds.Subject == nil || db.Tables[t] == nil {
			continue
		}
		key := strings.TrimSpace(ds.Subject.Key)
		r := Root{Table: t, Key: key}
		for _, c := range strings.Split(key, ",") {
			if db.Tables[t].Columns[strings.TrimSpace(c)] == nil {
				r.Missing = true
			}
		}
		declared[t] = true
		out = append(out, r)
	}
	if t, key := inferSubject(g, personal); t != "" && !declared[t] {
		out = append(out, Root{Table: t, Key: key, Inferred: true})
	}
	return out
}

// inferSubject picks the data subject's table from the foreign-key graph: of the personal
// tables that hold a direct identifier (a name, e-mail, phone or national id), the one the
// most other tables refer to; ties go to the first by name. The key is the column the
// references point at.
func inferSubject(g graph, personal map[string]*Table) (string, string) {
	best, bestN, key := "", 0, ""
	for _, t := range slices.Sorted(maps.Keys(personal)) {
		if !g.person[t] {
			continue
		}
		refs := map[string]bool{}
		for _, e := range g.children[t] {
			refs[e.child] = true
		}
		if len(refs) > bestN {
			best, bestN = t, len(refs)
			key = strings.Join(g.children[t][0].fk.RefColumns, ",")
		}
	}
	return best, key
}

func subjectPlan(root Root, r reach, g graph, db *evidence.Database, inv config.Database, decl config.Declaration,
	personal map[string]*Table) *Subject {
	s := &Subject{Root: root}
	for _, t := range slices.Sorted(maps.Keys(r.paths)) {
		if personal[t] == nil {
			continue
		}
		s.Access = append(s.Access, Access{Table: t, Personal: true, Path: r.paths[t], Join: joinText(root, r.paths[t])})
	}
	sort.SliceStable(s.Access, func(i, j int) bool { return len(s.Access[i].Path) < len(s.Access[j].Path) })

	inDown := map[string]bool{}
	for _, t := range r.down {
		inDown[t] = true
	}
	restricted := map[string]string{} // table → why
	for _, t := range eraseOrder(r.down, g, inDown) {
		step := Erasure{Table: t}
		if e, ok := r.via[t]; ok {
			step.Via, step.OnDelete = e.fk.Name, e.fk.OnDelete
		}
		if rs, ok := minRetention(t, inv, decl); ok {
			s.Restricted = append(s.Restricted, rs)
			restricted[t] = rs.Retention
			step.Action = ActionRestrict
			step.Note = fmt.Sprintf("keep and restrict: retention %s requires at least %s; %s", rs.Retention, rs.Min, rs.Rows)
			s.Erasure = append(s.Erasure, step)
			continue
		}
		if c := blockedBy(t, g, inDown, restricted); c != "" {
			restricted[t] = "kept by " + c
			s.Restricted = append(s.Restricted, Restriction{Table: t, Because: c,
				Rows: fmt.Sprintf("the rows %s's kept rows refer to", c)})
			step.Action = ActionRestrict
			step.Note = fmt.Sprintf("keep and restrict: %s's kept rows refer to these rows and would block or cascade on deletion", c)
			s.Erasure = append(s.Erasure, step)
			continue
		}
		switch {
		case t == root.Table:
			step.Action = ActionDelete
			step.Note = fmt.Sprintf("delete the rows where %s = the person's key", root.Key)
		case step.OnDelete == "cascade":
			step.Action = ActionCascade
			step.Note = fmt.Sprintf("deleted by the database with the %s rows (ON DELETE CASCADE)", r.via[t].parent)
		case step.OnDelete == "set_null" || step.OnDelete == "set_default":
			step.Action = ActionDelete
			step.Note = fmt.Sprintf("delete before %s: ON DELETE %s would keep the rows with the link cut",
				r.via[t].parent, strings.ToUpper(strings.ReplaceAll(step.OnDelete, "_", " ")))
		default:
			step.Action = ActionDelete
			step.Note = fmt.Sprintf("delete before %s: ON DELETE %s stops the parent's deletion while these rows exist",
				r.via[t].parent, strings.ToUpper(strings.ReplaceAll(pick(step.OnDelete, "no_action"), "_", " ")))
		}
		s.Erasure = append(s.Erasure, step)
	}
	keepWithParents(s, r, inv, decl)
	return s
}

// keepWithParents restricts, rather than deletes, the rows that belong to rows a minimum
// retention keeps (the lines of a kept invoice): the retention covers the record they
// complete. Parents come first, so a kept table passes it on down the tree.
func keepWithParents(s *Subject, r reach, inv config.Database, decl config.Declaration) {
	kept := map[string]string{} // table → the retention that keeps it
	for _, rs := range s.Restricted {
		if rs.Because == "" {
			kept[rs.Table] = rs.Retention
		}
	}
	for i := len(s.Erasure) - 1; i >= 0; i-- {
		step := &s.Erasure[i]
		e, ok := r.via[step.Table]
		if !ok || step.Action == ActionRestrict {
			continue
		}
		ret, parentKept := kept[e.parent]
		if !parentKept {
			continue
		}
		kept[step.Table] = ret
		step.Action = ActionRestrict
		step.Note = fmt.Sprintf("keep and restrict with the %s rows they belong to (retention %s)", e.parent, ret)
		s.Restricted = append(s.Restricted, Restriction{Table: step.Table, Retention: ret, Because: e.parent,
			Rows: fmt.Sprintf("the rows that belong to kept %s rows", e.parent)})
	}
}

// eraseOrder sorts the person's tables so that every table comes before the tables it
// refers to (children first); tables on a cycle of foreign keys follow by name.
func eraseOrder(down []string, g graph, in map[string]bool) []string {
	pending := map[string]int{}
	for _, t := range down {
		for _, e := range g.children[t] {
			if in[e.child] {
				pending[t]++
			}
		}
	}
	done := map[string]bool{}
	var out []string
	for len(out) < len(down) {
		var ready []string
		for _, t := range down {
			if !done[t] && pending[t] == 0 {
				ready = append(ready, t)
			}
		}
		if len(ready) == 0 { // a cycle: take the rest by name
			for _, t := range down {
				if !done[t] {
					ready = append(ready, t)
				}
			}
		}
		sort.Strings(ready)
		for _, t := range ready {
			done[t] = true
			out = append(out, t)
			for _, e := range g.parents[t] {
				if in[e.parent] {
					pending[e.parent]--
				}
			}
		}
	}
	return out
}

// blockedBy names a kept table whose rows refer to t through a foreign key that would stop
// t's deletion (RESTRICT, NO ACTION) or delete the kept rows with it (CASCADE).
func blockedBy(t string, g graph, in map[string]bool, restricted map[string]string) string {
	for _, e := range g.children[t] {
		if _, kept := restricted[e.child]; !kept || !in[e.child] {
			continue
		}
		switch e.fk.OnDelete {
		case "set_null", "set_default":
			continue
		}
		return e.child
	}
	return ""
}

// minRetention is the minimum retention of the dataset on t, if its rule has one.
func minRetention(t string, inv config.Database, decl config.Declaration) (Restriction, bool) {
	ds, ok := inv.Datasets[t]
	if !ok || ds.Retention == "" {
		return Restriction{}, false
	}
	rule, ok := decl.Retention[ds.Retention]
	if !ok || rule.Min == "" {
		return Restriction{}, false
	}
	rs := Restriction{Table: t, Retention: ds.Retention, Min: rule.Min, From: rule.From, Timestamp: ds.Timestamp, Law: rule.Law}
	from := "from its " + pick(ds.Timestamp, "timestamp")
	if rule.From == config.RetentionFromFinancialYearEnd {
		from = "from the end of the financial year of its " + pick(ds.Timestamp, "timestamp")
	}
	rs.Rows = fmt.Sprintf("rows less than %s old counted %s", rule.Min, from)
	if ds.Timestamp == "" {
		rs.Rows += " (no timestamp is declared, so vern cannot tell which rows)"
	}
	return rs, true
}

// joinText writes a path as join conditions: customers.id = :subject → orders.customer_id = customers.id.
func joinText(root Root, path []Step) string {
	parts := []string{fmt.Sprintf("%s.%s = :subject", root.Table, root.Key)}
	for _, s := range path {
		child, parent := s.To, s.From
		if !s.Down {
			child, parent = s.From, s.To
		}
		var conds []string
		for i, c := range s.Columns {
			rc := ""
			if i < len(s.RefColumns) {
				rc = s.RefColumns[i]
			}
			conds = append(conds, fmt.Sprintf("%s.%s = %s.%s", child, c, parent, rc))
		}
		parts = append(parts, strings.Join(conds, " AND "))
	}
	return strings.Join(parts, " → ")
}

func pick(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
