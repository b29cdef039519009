package rights

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/engine"
	"github.com/alarmlink/vern/internal/evidence"
	vernrego "github.com/alarmlink/vern/rego"
)

// TestRuleAgreesWithThePlan evaluates db.subject_unreachable over the same catalogs the
// plan is built from: the rule and vern rights must name the same tables.
func TestRuleAgreesWithThePlan(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{Bundle: vernrego.Bundle})
	if err != nil {
		t.Fatal(err)
	}
	edits := map[string]func(*crmFixture){
		"demo": nil,
		"no declared keys": func(f *crmFixture) {
			for name, ds := range f.Inventory.Datasets {
				ds.Subject = nil
				f.Inventory.Datasets[name] = ds
			}
		},
		"customers refer to an employee": func(f *crmFixture) {
			f.Database.Tables["public.employees"] = &evidence.Table{Schema: "public", Name: "employees", Kind: "table",
				Columns: map[string]*evidence.Column{"id": {Name: "id"}, "name": {Name: "name"}}}
			f.Database.Personal["public.employees"] = map[string][]string{"name": {"user.name"}}
			f.Inventory.Datasets["public.employees"] = config.Dataset{Categories: []string{"basic"}}
			f.Database.Tables["public.customers"].ForeignKeys = []evidence.ForeignKey{{Name: "rep_fkey",
				Columns: []string{"rep_id"}, Table: "public.employees", RefColumns: []string{"id"}, OnDelete: "set_null"}}
		},
		"no foreign keys": func(f *crmFixture) {
			for _, tb := range f.Database.Tables {
				tb.ForeignKeys = nil
			}
		},
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			f := loadCRM(t)
			if edit != nil {
				edit(&f)
			}
			plan := Build("crm", &f.Database, f.Inventory, config.Declaration{Retention: f.Retention})
			data, err := json.Marshal(&f.Database)
			if err != nil {
				t.Fatal(err)
			}
			ev := &evidence.Evidence{
				Declaration: config.Declaration{Categories: map[string]config.Category{}, Purposes: map[string]config.Purpose{},
					Retention: f.Retention},
				Inventory: config.Inventory{Databases: map[string]config.Database{"crm": f.Inventory}},
				Targets:   map[string]*evidence.Target{"db:crm": {Name: "db:crm", Kind: "postgres", Status: evidence.StatusOK, Data: data}},
			}
			fs, err := eng.Evaluate(context.Background(), ev, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			var fired []string
			for _, x := range fs {
				if x.Rule == "db.subject_unreachable" {
					fired = append(fired, strings.TrimPrefix(x.Resource, "postgres://crm/"))
				}
			}
			sort.Strings(fired)
			want := unreachable(plan)
			if strings.Join(fired, ",") != strings.Join(want, ",") {
				t.Errorf("rule fired on %v, plan says %v", fired, want)
			}
			if name == "customers refer to an employee" && !strings.Contains(strings.Join(want, ","), "public.employees") {
				t.Errorf("the employee table is reached from the customer: %v", want)
			}
		})
	}
}
