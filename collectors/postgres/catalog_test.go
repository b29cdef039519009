package postgres

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/jackc/pgx/v5"
)

// catalogSQL builds a database with what a least-privilege role meets: a view and the
// tables it reads, a materialized view never populated, a table under ignore: whose every
// read raises an error (a row-level security policy calling a function that raises), and
// a table the role has no SELECT on.
const catalogSQL = `
CREATE TABLE people (id serial PRIMARY KEY, full_name text, email text, birth_date date);
INSERT INTO people (full_name, email, birth_date) VALUES
 ('Kari Nordmann', 'kari@example.invalid', '1961-04-02'), ('Ola Hansen', 'ola@example.invalid', '1979-11-30'),
 ('Ingrid Berg', 'ingrid@example.invalid', '1990-06-15'), ('Per Olsen', 'per@example.invalid', '1948-01-09'),
 ('Anne Larsen', 'anne@example.invalid', '2001-09-21');
CREATE TABLE visits (id serial PRIMARY KEY, person_id int REFERENCES people(id), address_id int, at date);
INSERT INTO visits (person_id, address_id, at) SELECT 1 + g % 5, 10000000 + g, current_date - g FROM generate_series(1, 40) g;
CREATE VIEW people_visits AS SELECT p.full_name, v.at FROM people p JOIN visits v ON v.person_id = p.id;
CREATE MATERIALIZED VIEW visit_counts AS SELECT person_id, count(*) FROM visits GROUP BY 1 WITH NO DATA;
CREATE FUNCTION boom() RETURNS boolean LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'the ignored table was read'; END$$;
CREATE TABLE trapped (id serial PRIMARY KEY, secret text);
INSERT INTO trapped (secret) VALUES ('x');
ALTER TABLE trapped ENABLE ROW LEVEL SECURITY;
CREATE POLICY trap ON trapped USING (boom());
CREATE TABLE hidden (id serial PRIMARY KEY, email text);
CREATE TABLE shippers (id serial PRIMARY KEY, company_name text, phone text);
INSERT INTO shippers (company_name, phone) VALUES ('Speedy Express', '+47 22 33 44 55'), ('Federal Shipping', '+44 20 7946 0958');
ANALYZE;
`

func TestCatalogLeastPrivilege(t *testing.T) {
	c := needCluster(t)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, c.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = admin.Close(ctx) }()
	if _, err := admin.Exec(ctx, "CREATE DATABASE catalog_priv"); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, c.DSN("catalog_priv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{catalogSQL, "GRANT USAGE ON SCHEMA public TO " + selectRole,
		"GRANT SELECT ON people, visits, people_visits, visit_counts, trapped, shippers TO " + selectRole} {
		if _, err := conn.Exec(ctx, q); err != nil {
			_ = conn.Close(ctx)
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := conn.Close(ctx); err != nil {
		t.Fatal(err)
	}

	cfg := &config.Config{Inventory: config.Inventory{Databases: map[string]config.Database{"priv": {
		DSN: c.DSNFor(selectRole, rolePass, "catalog_priv"), Ignore: []string{"public.trap*"}}}}}
	ev, err := collect.Run(ctx, cfg, []collect.Collector{New()}, collect.Env{}, collect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tg := ev.Targets["db:priv"]
	if tg.Status != evidence.StatusPartial {
		t.Fatalf("db:priv %s (%s), want partial: one table cannot be read", tg.Status, tg.Reason)
	}
	grant := `GRANT SELECT ON "public"."hidden" TO "` + selectRole + `";`
	if !strings.Contains(tg.Reason, grant) {
		t.Errorf("reason %q does not give the fix %s", tg.Reason, grant)
	}
	var doc evidence.Database
	if err := json.Unmarshal(tg.Data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Unreadable) != 1 || doc.Unreadable[0].Table != "public.hidden" || doc.Unreadable[0].Fix != grant {
		t.Errorf("unreadable = %+v", doc.Unreadable)
	}
	checks := []struct {
		table, skipped string
	}{
		{"public.trapped", "ignored"},
		{"public.visit_counts", "not_populated"},
		{"public.hidden", "no_privilege"},
		{"public.people", ""},
	}
	for _, ck := range checks {
		tb := doc.Tables[ck.table]
		if tb == nil || tb.Skipped != ck.skipped || ck.skipped != "" && (tb.Note == "" || tb.Sampled != 0) {
			t.Errorf("%s = %+v, want skipped %q with a note", ck.table, tb, ck.skipped)
		}
	}
	if _, ok := doc.Personal["public.trapped"]; ok {
		t.Error("an ignored table is indexed as personal data")
	}
	if got := doc.Tables["public.people_visits"].ReadsFrom; strings.Join(got, ",") != "public.people,public.visits" {
		t.Errorf("view reads from %v, want public.people and public.visits", got)
	}
	v := doc.Tables["public.visits"]
	if v.Columns["person_id"].Link != "foreign_key" || v.Columns["address_id"].Link != "surrogate_key" || v.Columns["id"].Link != "primary_key" {
		t.Errorf("visits keys = %s %s %s", v.Columns["person_id"].Link, v.Columns["address_id"].Link, v.Columns["id"].Link)
	}
	if _, ok := doc.Personal["public.visits"]; ok {
		t.Errorf("keys of visits counted as personal data: %v", doc.Personal["public.visits"])
	}
	if len(v.PersonalLinks) != 1 || v.PersonalLinks[0].Table != "public.people" {
		t.Errorf("visits personal links = %+v, want the link to public.people", v.PersonalLinks)
	}
	if got := doc.Personal["public.people"]["birth_date"]; len(got) != 1 || got[0] != "user.demographic.date_of_birth" {
		t.Errorf("people.birth_date = %v, want a date of birth", got)
	}
	if doc.Tables["public.people"].Subject != "person" {
		t.Errorf("people subject = %q", doc.Tables["public.people"].Subject)
	}

	if _, ok := doc.Personal["public.shippers"]; ok || len(doc.Business["public.shippers"]["phone"]) == 0 ||
		doc.Tables["public.shippers"].Subject != "organisation" {
		t.Errorf("shippers: personal %v, business %v, subject %q; want business contact data of an organisation",
			doc.Personal["public.shippers"], doc.Business["public.shippers"], doc.Tables["public.shippers"].Subject)
	}

	// The trap is real: without ignore:, reading the table fails the collection.
	cfg.Inventory.Databases["priv"] = config.Database{DSN: c.DSNFor(selectRole, rolePass, "catalog_priv")}
	ev, err = collect.Run(ctx, cfg, []collect.Collector{New()}, collect.Env{}, collect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tg := ev.Targets["db:priv"]; tg.Status != evidence.StatusFailed || !strings.Contains(tg.Reason, "public.trapped") {
		t.Errorf("without ignore: db:priv %s (%s), want failed reading public.trapped", tg.Status, tg.Reason)
	}
}

// TestNoDateColumnIsAPhoneNumber: in the demo CRM, no date or timestamp column is judged
// to hold telephone numbers (invoices.issued_at once was).
func TestNoDateColumnIsAPhoneNumber(t *testing.T) {
	c := needCluster(t)
	cfg := fixtureConfig(map[string]string{"crm": c.DSNFor(selectRole, rolePass, "crm")})
	ev, err := collect.Run(context.Background(), cfg, []collect.Collector{New()}, collect.Env{}, collect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var doc evidence.Database
	if err := json.Unmarshal(ev.Targets["db:crm"].Data, &doc); err != nil {
		t.Fatal(err)
	}
	dates := 0
	for key, tb := range doc.Tables {
		for name, col := range tb.Columns {
			if col.Type != "date" && !strings.HasPrefix(col.Type, "timestamp") {
				continue
			}
			dates++
			for _, d := range col.Detections {
				if d.Kind == "user.contact.phone_number" {
					t.Errorf("%s.%s (%s) detected as a phone number: %+v", key, name, col.Type, d)
				}
			}
		}
	}
	if dates < 10 {
		t.Errorf("only %d date columns checked", dates)
	}
}
