// Package rights works out, from a database's catalog, foreign keys and detections and the
// inventory's declared subject keys, whether access, erasure and portability requests can
// reach every table that holds personal data, and how such a request would have to run.
// It reads the catalog only: it never queries rows and never runs a deletion.
package rights

import (
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/alarmlink/vern/internal/evidence"
)

// Plan is the rights plan of every collected database.
type Plan struct {
	Databases []*Database `json:"databases"`
}

// Database is one database's plan.
type Database struct {
	// Name is the inventory's name of the database.
	Name string `json:"name"`
	// Roots are the subject keys: the declared ones and the inferred subject table.
	Roots []Root `json:"roots"`
	// Tables are the tables holding personal data (detected or declared), sorted.
	Tables []*Table `json:"tables"`
	// Judged and Reachable count the inventory's datasets with personal data, and those of
	// them a subject key reaches: the numbers db.subject_unreachable judges.
	Judged    int `json:"judged"`
	Reachable int `json:"reachable"`
	// Personal and PersonalReachable count every table with personal data, mapped or not.
	Personal          int `json:"personal"`
	PersonalReachable int `json:"personal_reachable"`
	// Subjects hold, per subject key, what an access and an erasure request must do.
	Subjects []*Subject `json:"subjects"`
}

// Root is one subject key: a table and the column(s) that identify the person in it.
type Root struct {
	Table string `json:"table"`
	Key   string `json:"key"`
	// Inferred is set when vern chose the table from the foreign-key graph.
	Inferred bool `json:"inferred,omitempty"`
	// Missing is set when the declared key column is not in the table.
	Missing bool `json:"missing,omitempty"`
}

// Table is one table with personal data and whether a subject key reaches it.
type Table struct {
	Table string   `json:"table"`
	Kinds []string `json:"kinds,omitempty"`
	// Dataset is set when the inventory maps the table (only datasets are judged).
	Dataset   bool   `json:"dataset"`
	Reachable bool   `json:"reachable"`
	Root      string `json:"root,omitempty"`
}

// Subject is the plan for one subject key.
type Subject struct {
	Root Root `json:"root"`
	// Access lists the tables an access request must read, each with its join path.
	Access []Access `json:"access"`
	// Erasure lists the steps of an erasure in the order they must run.
	Erasure []Erasure `json:"erasure"`
	// Restricted lists the tables whose rows a minimum retention forbids deleting.
	Restricted []Restriction `json:"restricted,omitempty"`
}

// Step is one foreign key on a join path. Down means from the referenced table to the
// table that refers to it (rows belonging to the person); up the other way.
type Step struct {
	Constraint string   `json:"constraint"`
	From       string   `json:"from"`
	To         string   `json:"to"`
	Columns    []string `json:"columns"`
	RefColumns []string `json:"ref_columns"`
	Down       bool     `json:"down"`
	OnDelete   string   `json:"on_delete"`
}

// Access is one table an access request reads.
type Access struct {
	Table    string `json:"table"`
	Personal bool   `json:"personal"`
	Path     []Step `json:"path,omitempty"`
	// Join is the path written as SQL-like join conditions, for people to read.
	Join string `json:"join"`
}

// Erasure actions.
const (
	ActionDelete   = "delete"   // delete the person's rows explicitly
	ActionCascade  = "cascade"  // deleted by the database with the parent row
	ActionRestrict = "restrict" // keep and restrict processing: a minimum retention applies
)

// Erasure is one step of an erasure.
type Erasure struct {
	Table  string `json:"table"`
	Action string `json:"action"`
	// Via is the foreign key through which the table's rows belong to the person.
	Via      string `json:"via,omitempty"`
	OnDelete string `json:"on_delete,omitempty"`
	// Note says why, in words.
	Note string `json:"note"`
}

// Restriction is a table whose rows must be kept for a minimum retention.
type Restriction struct {
	Table     string `json:"table"`
	Retention string `json:"retention"`
	Min       string `json:"min"`
	From      string `json:"from,omitempty"`
	Timestamp string `json:"timestamp,omitempty"`
	Law       string `json:"law,omitempty"`
	// Because is set when the table has no retention of its own but a kept table depends
	// on its rows.
	Because string `json:"because,omitempty"`
	Rows    string `json:"rows"`
}

// FromEvidence builds the plan of every collected postgres target of ev.
func FromEvidence(ev *evidence.Evidence) (*Plan, error) {
	p := &Plan{}
	for _, name := range slices.Sorted(maps.Keys(ev.Targets)) {
		t := ev.Targets[name]
		if t == nil || t.Kind != "postgres" || t.Status == evidence.StatusFailed || len(t.Data) == 0 {
			continue
		}
		var db evidence.Database
		if err := json.Unmarshal(t.Data, &db); err != nil {
			return nil, fmt.Errorf("rights: read %s: %w", name, err)
		}
		tn, err := evidence.ParseTarget(name)
		if err != nil {
			return nil, fmt.Errorf("rights: %w", err)
		}
		dbName := tn.Name
		p.Databases = append(p.Databases, Build(dbName, &db, ev.Inventory.Databases[dbName], ev.Declaration))
	}
	return p, nil
}

// directKinds are the data kinds that identify a person by themselves.
var directKinds = []string{"user.name", "user.contact.email", "user.contact.phone_number", "user.government_id"}

func direct(kind string) bool {
	for _, k := range directKinds {
		if kind == k || strings.HasPrefix(kind, k+".") {
			return true
		}
	}
	return false
}

// Ignored reports whether table matches one of the inventory's ignore globs, the way the
// rules match them: "*" stays inside one dot-separated part.
func Ignored(patterns []string, table string) bool {
	t := strings.ReplaceAll(table, ".", "/")
	for _, p := range patterns {
		if ok, _ := path.Match(strings.ReplaceAll(p, ".", "/"), t); ok {
			return true
		}
	}
	return false
}
