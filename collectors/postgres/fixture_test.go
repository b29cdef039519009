package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"testing"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/engine"
	"github.com/alarmlink/vern/internal/evidence"
	vernrego "github.com/alarmlink/vern/rego"
	"github.com/jackc/pgx/v5"
	"github.com/sirupsen/logrus"
)

// sentinels are planted in the fixture; none may appear in any output.
var sentinels = []string{"sentinel.kari@example.invalid", "02029227481", "4378 6579 7543 2314", "4378657975432314",
	"Hemmelig-Sentinel-2024"}

// fixtureConfig is the declaration and inventory the fixture is judged against.
func fixtureConfig(dsns map[string]string) *config.Config {
	cat := func(kinds ...string) config.Category { return config.Category{Data: kinds} }
	dbs := map[string]config.Database{}
	for name, dsn := range dsns {
		dbs[name] = config.Database{DSN: dsn, StatementTimeout: "20s", Datasets: fixtureDatasets(),
			Ignore: []string{"public.products"}}
	}
	return &config.Config{
		Declaration: config.Declaration{
			Categories: map[string]config.Category{
				"basic":             cat("user.name", "user.demographic.date_of_birth"),
				"contact":           cat("user.contact"),
				"identity":          cat("user.government_id.national_identification_number"),
				"account":           cat("user.authorization", "user.account"),
				"payment":           cat("user.financial"),
				"customer_history":  cat("user.behavior.purchase_history"),
				"customer_activity": cat("user.content"),
				"technical":         cat("user.device"),
			},
			Purposes: map[string]config.Purpose{
				"service_delivery":    {Basis: "contract", Categories: []string{"basic", "contact", "identity", "customer_history"}},
				"customer_admin":      {Basis: "contract", Categories: []string{"basic", "contact", "customer_activity"}},
				"marketing":           {Basis: "consent", Categories: []string{"contact"}},
				"legal_obligation":    {Basis: "legal_obligation", Categories: []string{"payment", "customer_history"}},
				"operations_security": {Basis: "legitimate_interest", Categories: []string{"technical", "account"}},
			},
			Retention: map[string]config.Retention{
				"inquiries":  {Max: "12 months"},
				"accounting": {Min: "5 years"},
				"marketing":  {Until: "consent_withdrawn"},
			},
		},
		Inventory: config.Inventory{Databases: dbs},
	}
}

func fixtureDatasets() map[string]config.Dataset {
	return map[string]config.Dataset{
		"public.customers": {Categories: []string{"basic", "contact", "identity"}, Purposes: []string{"service_delivery"},
			NationalID: &config.NationalID{Justification: "sikker identifisering ved kredittvurdering"}},
		"public.inquiries": {Categories: []string{"contact", "customer_activity"}, Purposes: []string{"customer_admin"},
			Retention: "inquiries", Timestamp: "created_at", ExemptWhen: "customer_id IS NOT NULL",
			ErasedWhen: "full_name IS NULL AND email IS NULL"},
		"public.orders":   {Categories: []string{"customer_history"}, Purposes: []string{"service_delivery"}, Retention: "accounting"},
		"public.invoices": {Categories: []string{"payment"}, Purposes: []string{"legal_obligation"}, Retention: "accounting"},
		"public.newsletter_subscribers": {Categories: []string{"contact"}, Purposes: []string{"marketing"}, Retention: "marketing",
			Consent:    &config.Consent{Given: "consent_given_at", Withdrawn: "consent_withdrawn_at", Grace: "30 days"},
			ErasedWhen: "email IS NULL", Subject: &config.Subject{Key: "email"}},
		"public.user_accounts": {Categories: []string{"account", "contact"}, Purposes: []string{"operations_security"},
			Subject: &config.Subject{Key: "email"}},
		"public.payments":      {Categories: []string{"payment"}, Purposes: []string{"legal_obligation"}},
		"public.credit_checks": {Categories: []string{"basic"}, Purposes: []string{"service_delivery"}},
		"public.sms_campaign":  {Categories: []string{"contact"}, Purposes: []string{"marketing"}, Subject: &config.Subject{Key: "mobil"}},
		"public.call_log":      {Categories: []string{"contact", "customer_activity"}, Purposes: []string{"customer_admin"}},
	}
}

// want is every finding the fixture plants, with its count where rows are counted.
var want = []string{
	"db.card_number postgres://crm/public.payments/card_number 4",
	"db.consent_missing postgres://crm/public.newsletter_subscribers 2",
	"db.consent_untracked postgres://crm/public.sms_campaign 0",
	"db.consent_withdrawn_retained postgres://crm/public.newsletter_subscribers 3",
	"db.erasure_incomplete postgres://crm/public.inquiries/phone 0",
	"db.minimum_retention_at_risk postgres://crm/public.orders 0",
	"db.national_id postgres://crm/public.credit_checks/fnr 0",
	"db.plaintext_password postgres://crm/public.user_accounts/password 3",
	"db.public_grant postgres://crm/public.payments 0",
	"db.purpose_undeclared postgres://crm/public.user_accounts 0",
	"db.retention_exceeded postgres://crm/public.inquiries 5",
	"db.special_category postgres://crm/public.service_visits/helse_merknad 0",
	"db.subject_unreachable postgres://crm/public.call_log 0",
	"db.undeclared_data postgres://crm/public.customers/kjonn 0",
	"db.unmapped_personal_data postgres://crm/public.service_visits 0",
	"db.unmapped_personal_data postgres://crm/public.web_sessions 0",
}

func TestCollectFixtureFiresEveryRuleWherePlanted(t *testing.T) {
	c := needCluster(t)
	before := checksums(t, c.DSN("crm"))

	var logs bytes.Buffer
	logger := logrus.New()
	logger.SetOutput(&logs)
	logger.SetLevel(logrus.DebugLevel)
	cfg := fixtureConfig(map[string]string{"crm": c.DSNFor(selectRole, rolePass, "crm")})
	ev, err := collect.Run(context.Background(), cfg, []collect.Collector{New()},
		collect.Env{Log: logrus.NewEntry(logger)}, collect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tg := ev.Targets["db:crm"]
	if tg.Status != evidence.StatusOK {
		t.Fatalf("db:crm %s: %s", tg.Status, tg.Reason)
	}
	got := evaluate(t, ev)
	sort.Strings(got)
	if a, b := mustJSON(t, got), mustJSON(t, want); a != b {
		t.Errorf("findings differ\n got: %s\nwant: %s", a, b)
	}

	if after := checksums(t, c.DSN("crm")); mustJSON(t, before) != mustJSON(t, after) {
		t.Errorf("the scan changed the database:\nbefore %v\nafter  %v", before, after)
	}
	out, _ := json.Marshal(ev)
	assertNoSentinel(t, "evidence", string(out))
	assertNoSentinel(t, "log", logs.String())

	var doc evidence.Database
	if err := json.Unmarshal(tg.Data, &doc); err != nil {
		t.Fatal(err)
	}
	ae := doc.Tables["public.alarm_events"]
	if ae == nil || ae.Kind != "partitioned_table" || ae.Partitions != 2 {
		t.Errorf("alarm_events = %+v, want a partitioned table with 2 partitions", ae)
	}
	if _, ok := doc.Tables["public.alarm_events_old"]; ok {
		t.Error("partition alarm_events_old listed as a table")
	}
	if got := doc.Tables["public.products"].RowEstimate; got != -1 {
		t.Errorf("products row estimate = %d, want -1 (never analysed)", got)
	}
	nid := detection(doc, "public.credit_checks", "fnr", "user.government_id.national_identification_number")
	if nid == nil || nid.Matched != 4 || nid.Synthetic != 1 {
		t.Errorf("credit_checks.fnr detection = %+v, want 4 matched, 1 synthetic", nid)
	}
	if d := detection(doc, "public.invoices", "kid", "user.financial.credit_card"); d != nil {
		t.Errorf("KID numbers detected as cards: %+v", d)
	}
	if fk := doc.Tables["public.orders"].ForeignKeys; len(fk) != 1 || fk[0].OnDelete != "cascade" || fk[0].Table != "public.customers" {
		t.Errorf("orders foreign keys = %+v", fk)
	}
	if r := doc.Datasets["public.inquiries"].Retention; r == nil || r.OldestDays != 500 {
		t.Errorf("inquiries retention = %+v, want the oldest 500 days", r)
	}
}

func TestCollectWithReadAllData(t *testing.T) {
	c := needCluster(t)
	cfg := fixtureConfig(map[string]string{"crm": c.DSNFor(readAllRole, rolePass, "crm")})
	ev, err := collect.Run(context.Background(), cfg, []collect.Collector{New()}, collect.Env{}, collect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tg := ev.Targets["db:crm"]; tg.Status != evidence.StatusOK {
		t.Fatalf("db:crm %s: %s", tg.Status, tg.Reason)
	}
	got := evaluate(t, ev)
	sort.Strings(got)
	if a, b := mustJSON(t, got), mustJSON(t, want); a != b {
		t.Errorf("findings with pg_read_all_data differ\n got: %s\nwant: %s", a, b)
	}
}

func detection(doc evidence.Database, table, column, kind string) *evidence.Detection {
	t := doc.Tables[table]
	if t == nil || t.Columns[column] == nil {
		return nil
	}
	for _, d := range t.Columns[column].Detections {
		if d.Kind == kind && d.Confidence >= doc.Threshold {
			return &d
		}
	}
	return nil
}

// evaluate runs the rules on the evidence with vern's engine and returns "rule resource
// count" for each db finding.
func evaluate(t *testing.T, ev *evidence.Evidence) []string {
	t.Helper()
	eng, err := engine.New(context.Background(), engine.Options{Bundle: vernrego.Bundle})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := eng.Evaluate(context.Background(), ev, ev.CollectedAt)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range fs {
		if f.Area != "db" {
			continue
		}
		var n int64
		if f.Count != nil {
			n = *f.Count
		}
		out = append(out, fmt.Sprintf("%s %s %d", f.Rule, f.Resource, n))
		b, _ := json.Marshal(f)
		assertNoSentinel(t, "finding", string(b))
	}
	return out
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func assertNoSentinel(t *testing.T, where, s string) {
	t.Helper()
	for _, v := range sentinels {
		if bytes.Contains([]byte(s), []byte(v)) {
			t.Errorf("%s contains the planted value %q", where, v)
		}
	}
}

// checksums hashes the content of every table, as the superuser.
func checksums(t *testing.T, dsn string) map[string]string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close(ctx) }()
	rows, err := conn.Query(ctx, `SELECT quote_ident(relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r','p')`)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, n := range names {
		var sum string
		if err := conn.QueryRow(ctx, `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM `+n+` t`).Scan(&sum); err != nil {
			t.Fatal(err)
		}
		out[n] = sum
	}
	return out
}
