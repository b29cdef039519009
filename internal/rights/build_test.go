package rights

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// crmFixture is the demo CRM's catalog as the postgres collector saw it (names, types,
// foreign keys and detected kinds; no values), with the fixture's inventory.
type crmFixture struct {
	Database  evidence.Database           `json:"database"`
	Inventory config.Database             `json:"inventory"`
	Retention map[string]config.Retention `json:"retention"`
}

func loadCRM(t *testing.T) crmFixture {
	t.Helper()
	b, err := os.ReadFile("testdata/crm.json")
	if err != nil {
		t.Fatal(err)
	}
	var f crmFixture
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

func buildCRM(t *testing.T, edit func(*crmFixture)) *Database {
	f := loadCRM(t)
	if edit != nil {
		edit(&f)
	}
	return Build("crm", &f.Database, f.Inventory, config.Declaration{Retention: f.Retention})
}

func unreachable(db *Database) []string {
	var out []string
	for _, t := range db.Tables {
		if t.Dataset && !t.Reachable {
			out = append(out, t.Table)
		}
	}
	return out
}

func TestReachability(t *testing.T) {
	tests := []struct {
		name        string
		edit        func(*crmFixture)
		unreachable string
		reachable   int
		judged      int
	}{
		{name: "demo: only the planted call log", unreachable: "public.call_log", reachable: 9, judged: 10},
		{name: "a declared key column reaches the call log", edit: func(f *crmFixture) {
			ds := f.Inventory.Datasets["public.call_log"]
			ds.Subject = &config.Subject{Key: "caller_phone"}
			f.Inventory.Datasets["public.call_log"] = ds
		}, reachable: 10, judged: 10},
		{name: "a declared key that is not a column reaches nothing", edit: func(f *crmFixture) {
			ds := f.Inventory.Datasets["public.call_log"]
			ds.Subject = &config.Subject{Key: "customer_id"}
			f.Inventory.Datasets["public.call_log"] = ds
		}, unreachable: "public.call_log", reachable: 9, judged: 10},
		{name: "without its subject key the newsletter is unreachable", edit: func(f *crmFixture) {
			ds := f.Inventory.Datasets["public.newsletter_subscribers"]
			ds.Subject = nil
			f.Inventory.Datasets["public.newsletter_subscribers"] = ds
		}, unreachable: "public.call_log, public.newsletter_subscribers", reachable: 8, judged: 10},
		{name: "a shared lookup table is no path", edit: func(f *crmFixture) {
			fk := evidence.ForeignKey{Name: "x_fkey", Columns: []string{"pid"}, Table: "public.products", RefColumns: []string{"id"}}
			f.Database.Tables["public.call_log"].ForeignKeys = []evidence.ForeignKey{fk}
			f.Database.Tables["public.customers"].ForeignKeys = []evidence.ForeignKey{fk}
		}, unreachable: "public.call_log", reachable: 9, judged: 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := buildCRM(t, tc.edit)
			if got := strings.Join(unreachable(db), ", "); got != tc.unreachable {
				t.Errorf("unreachable = %q, want %q", got, tc.unreachable)
			}
			if db.Reachable != tc.reachable || db.Judged != tc.judged {
				t.Errorf("reachable %d of %d, want %d of %d", db.Reachable, db.Judged, tc.reachable, tc.judged)
			}
		})
	}
}

func TestInferredSubjectIsTheCustomer(t *testing.T) {
	db := buildCRM(t, nil)
	var inferred []Root
	for _, r := range db.Roots {
		if r.Inferred {
			inferred = append(inferred, r)
		}
	}
	if len(inferred) != 1 || inferred[0].Table != "public.customers" || inferred[0].Key != "id" {
		t.Fatalf("inferred roots = %+v, want public.customers.id", inferred)
	}
}

func TestCustomerPlan(t *testing.T) {
	db := buildCRM(t, nil)
	var s *Subject
	for _, x := range db.Subjects {
		if x.Root.Table == "public.customers" {
			s = x
		}
	}
	if s == nil {
		t.Fatal("no plan for public.customers")
	}
	join := map[string]string{}
	for _, a := range s.Access {
		join[a.Table] = a.Join
	}
	wantJoin := "public.customers.id = :subject → public.orders.customer_id = public.customers.id → " +
		"public.invoices.order_id = public.orders.id → public.payments.invoice_id = public.invoices.id"
	if join["public.payments"] != wantJoin {
		t.Errorf("payments join = %q, want %q", join["public.payments"], wantJoin)
	}
	if _, ok := join["public.call_log"]; ok {
		t.Error("the call log is on the customer's access list")
	}
	pos := map[string]int{}
	action := map[string]string{}
	for i, e := range s.Erasure {
		pos[e.Table], action[e.Table] = i, e.Action
	}
	for _, before := range [][2]string{
		{"public.payments", "public.invoices"}, {"public.invoices", "public.orders"}, {"public.orders", "public.customers"},
		{"public.inquiries", "public.customers"}, {"public.credit_checks", "public.customers"},
	} {
		if pos[before[0]] >= pos[before[1]] {
			t.Errorf("erasure runs %s (step %d) after %s (step %d)", before[0], pos[before[0]]+1, before[1], pos[before[1]]+1)
		}
	}
	want := map[string]string{
		// payments belong to kept invoices: kept with them.
		"public.payments": ActionRestrict, "public.inquiries": ActionDelete, "public.credit_checks": ActionDelete,
		"public.invoices": ActionRestrict, "public.orders": ActionRestrict,
		// orders → customers is ON DELETE CASCADE: deleting the customer would delete orders
		// that must be kept, so the customer's row is restricted too.
		"public.customers": ActionRestrict,
	}
	for table, a := range want {
		if action[table] != a {
			t.Errorf("%s: action %q, want %q", table, action[table], a)
		}
	}
	var kept []string
	for _, r := range s.Restricted {
		kept = append(kept, r.Table)
	}
	if got := strings.Join(kept, ","); got != "public.invoices,public.orders,public.customers,public.payments" {
		t.Errorf("restricted = %s", got)
	}
}

func TestCascadeWithoutRetentionIsCascade(t *testing.T) {
	db := buildCRM(t, func(f *crmFixture) {
		f.Retention = nil // no minimum retention: orders cascade with the customer
	})
	for _, s := range db.Subjects {
		if s.Root.Table != "public.customers" {
			continue
		}
		for _, e := range s.Erasure {
			if e.Table == "public.orders" && e.Action != ActionCascade {
				t.Errorf("orders: %s, want cascade", e.Action)
			}
			if e.Table == "public.customers" && e.Action != ActionDelete {
				t.Errorf("customers: %s, want delete", e.Action)
			}
		}
	}
}

func TestWriteTableAndJSON(t *testing.T) {
	p := &Plan{Databases: []*Database{buildCRM(t, nil)}}
	var tb, js bytes.Buffer
	if err := WriteTable(&tb, p); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&js, p); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"access: 9 of 10 personal datasets reachable", "public.call_log", "restricted, not erased"} {
		if !strings.Contains(tb.String(), s) {
			t.Errorf("table lacks %q", s)
		}
	}
	var back Plan
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Databases[0].Judged != 10 {
		t.Errorf("json round trip: %v %+v", err, back)
	}
}
