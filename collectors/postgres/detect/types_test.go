package detect

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/evidence"
)

var testNow = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// detected reports the confidence of kind in a column of the given name and type after
// the values, and whether it reaches the default threshold.
func detected(column, typ string, values []string, kind string) (float64, bool) {
	c := NewColumn(column, typ, testNow)
	for _, v := range values {
		c.Add(v)
	}
	for _, d := range c.Detections() {
		if d.Kind == kind {
			return d.Confidence, d.Confidence >= 0.5
		}
	}
	return 0, false
}

func TestColumnTypeDecides(t *testing.T) {
	t.Parallel()
	dates := []string{"2026-11-01", "2026-10-01", "2026-09-01", "2026-08-15", "2025-12-24", "2026-01-31"}
	tests := []struct {
		name, column, typ string
		values            []string
		kind              string
		want              bool
	}{
		{name: "date column is never a phone", column: "issued_at", typ: "date", values: dates, kind: KindPhone},
		{name: "timestamp column is never a phone", column: "sent", typ: "timestamp with time zone",
			values: []string{"2026-11-01 10:00:00+00", "2026-11-02 11:00:00+00"}, kind: KindPhone},
		{name: "dates in text are never phones", column: "c", typ: "text", values: dates, kind: KindPhone},
		{name: "compact dates in text are never phones", column: "c", typ: "text",
			values: []string{"20261101", "20261001", "20260901"}, kind: KindPhone},
		{name: "dates in jsonb are never phones", column: "payload", typ: "jsonb",
			values: []string{`{"due": "2026-11-01"}`, `{"due": "20261101"}`}, kind: KindPhone},
		{name: "phone_verified_at is a timestamp", column: "phone_verified_at", typ: "timestamp without time zone",
			values: []string{"2026-11-01 10:00:00"}, kind: KindPhone},
		{name: "a boolean password_login is no password", column: "password_login", typ: "boolean",
			values: []string{"t", "f"}, kind: KindPassword},
		{name: "a numeric password flag is no password", column: "password_version", typ: "integer",
			values: []string{"1", "2"}, kind: KindPassword},
		{name: "a password reset token is no password", column: "password_reset_token", typ: "text",
			values: []string{"k3J9x0aPq2Lm8Zr4Tt6Y"}, kind: KindPassword},
		{name: "eight-digit amounts are no phones", column: "amount", typ: "bigint",
			values: repeat("91234567", 10), kind: KindPhone},
		{name: "a Norwegian mobile in a phone column", column: "mobil", typ: "text", values: []string{"91234567", "+47 412 34 567"},
			kind: KindPhone, want: true},
		{name: "a phone column of integers", column: "telephone", typ: "bigint", values: []string{"22334455"}, kind: KindPhone, want: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if conf, got := detected(tc.column, tc.typ, tc.values, tc.kind); got != tc.want {
				t.Errorf("%s in %s %s = %v (%.2f), want %v", tc.kind, tc.column, tc.typ, got, conf, tc.want)
			}
		})
	}
}

func TestPhoneNumbersOfOtherCountries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     phoneVerdict
	}{
		{"norwegian mobile", "912 34 567", phoneValid},
		{"swedish", "+46 8 123 456 78", phoneValid},
		{"danish", "+45 32 12 34 56", phoneValid},
		{"uk", "+44 20 7946 0958", phoneValid},
		{"us", "+1 (780) 428-9482", phoneValid},
		{"fictional 555 is only shaped", "(555)555-1218", phoneShaped},
		{"iso date", "2026-11-01", notPhone},
		{"compact date", "20261101", notPhone},
		{"organisation number", "923609016", notPhone},
		{"time", "10:30:00", notPhone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := checkPhone(tc.in, context{}); got != tc.want {
				t.Errorf("checkPhone(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
	if got := checkPhone("91234567", context{kid: true}); got != notPhone {
		t.Errorf("a KID column's number read as a phone: %v", got)
	}
}

func TestBirthDatesFromValues(t *testing.T) {
	t.Parallel()
	births := []string{"1962-02-18", "1958-12-08", "1973-08-29", "1947-09-19", "1965-03-03", "1970-05-29", "1968-01-09", "1985-12-05"}
	recent := []string{"2024-08-14", "2024-05-01", "2024-04-01", "2025-05-03", "2025-10-17", "2024-01-02"}
	tests := []struct {
		name, column, typ string
		values            []string
		want              bool
	}{
		{"named and plausible", "birthdate", "date", births, true},
		{"named, values of recent events", "birthdate", "date", recent, false},
		{"plausible values without the name", "hire_date", "timestamp without time zone", births, false},
		{"named, plausible, in text", "fodselsdato", "text", births, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if conf, got := detected(tc.column, tc.typ, tc.values, KindDateOfBirth); got != tc.want {
				t.Errorf("date of birth = %v (%.2f), want %v", got, conf, tc.want)
			}
		})
	}
}

func TestPersonNamesFromValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, column string
		values       []string
		kind         string
		want         bool
	}{
		{"bare name column with person names", "name", []string{"Kari Nordmann", "Ola Hansen", "Per Olsen", "Ingrid Berg"}, KindName, true},
		{"navn with honorifics", "navn", []string{"Braund, Mr. Owen Harris", "Heikkinen, Miss. Laina", "Dr. Harris"}, KindName, true},
		{"a list of people in free text", "cast_members", []string{"Ama Qamata, Khosi Ngema, Duane Williams", "Kirsten Johnson"}, KindName, true},
		{"genres are no names", "name", repeat("Rock", 10), KindName, false},
		{"product names contradict a bare name", "name", append(repeat("Boligalarm Pro", 15), repeat("Kamera 4K", 15)...), KindName, false},
		{"given names in an unnamed column", "c1", []string{"Kari", "Ola", "Ingrid", "Lars"}, KindFirstName, true},
		{"a sentence mentioning a person is no name column", "description",
			[]string{"As her father nears the end of his life, filmmaker Kirsten Johnson stages his death in inventive ways."}, KindName, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if conf, got := detected(tc.column, "text", tc.values, tc.kind); got != tc.want {
				t.Errorf("%s = %v (%.2f), want %v", tc.kind, got, conf, tc.want)
			}
		})
	}
}

func TestAccountAndDeviceIdentifiers(t *testing.T) {
	t.Parallel()
	tests := []struct{ column, typ, kind string }{
		{"session_id", "text", KindCredentials},
		{"api_token", "text", KindCredentials},
		{"totp_secret", "text", KindCredentials},
		{"two_factor_secret", "text", KindCredentials},
		{"device_id", "uuid", KindDeviceID},
		{"push_token", "text", KindDeviceID},
		{"Fax", "character varying(24)", KindFax},
	}
	for _, tc := range tests {
		t.Run(tc.column, func(t *testing.T) {
			t.Parallel()
			if conf, got := detected(tc.column, tc.typ, nil, tc.kind); !got {
				t.Errorf("%s %s: %s = %.2f, want detected", tc.column, tc.typ, tc.kind, conf)
			}
		})
	}
}

func TestDetectionsExplainThemselves(t *testing.T) {
	t.Parallel()
	c := NewColumn("phone", "text", testNow)
	for _, v := range []string{"+47 912 34 567", "(555)555-1218", "ukjent"} {
		c.Add(v)
	}
	ds := c.Detections()
	if len(ds) == 0 || ds[0].Kind != KindPhone {
		t.Fatalf("detections = %+v", ds)
	}
	d := ds[0]
	if d.Matched != 2 || d.Sampled != 3 || !hasAll(d.Signals, "column_name", "libphonenumber", "phone_shaped") {
		t.Errorf("phone detection = %+v, want 2 of 3 matched and its signals named", d)
	}
}

func TestOrganisationsApartFromPeople(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, table string
		cols        map[string][]string
		subject     string
		business    int
	}{
		{"shippers", "public.shippers", map[string][]string{"company_name": {"Speedy Express"}, "phone": {"+47 22 33 44 55"}},
			SubjectOrganisation, 1},
		{"suppliers with a contact person", "public.suppliers",
			map[string][]string{"company_name": {"Exotic Liquids"}, "contact_name": {"Charlotte Cooper"}, "phone": {"+44 20 7946 0958"}},
			SubjectPerson, 0},
		{"organisation numbers", "public.kunder", map[string][]string{"nr": repeat("923609016", 5), "epost": {"post@firma.example"}},
			SubjectOrganisation, 1},
		{"a campaign's sender", "public.campaigns", map[string][]string{"from_email": {"nyhet@alarmlink.example"}, "subject": {"Tilbud"}},
			SubjectOrganisation, 1},
		{"a newsletter's subscribers", "public.newsletter_subscribers", map[string][]string{"email": {"kari@example.invalid"}},
			SubjectPerson, 0},
		{"people", "public.customers", map[string][]string{"full_name": {"Kari Nordmann"}, "email": {"kari@example.invalid"}},
			SubjectPerson, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			all := resolveFor(tc.table, tc.cols, map[string]*Column{})
			if all.Subject != tc.subject || len(all.Business) != tc.business {
				t.Errorf("resolution = %+v, want subject %s with %d business columns", all, tc.subject, tc.business)
			}
		})
	}
}

func TestStateAndCountryOnlyBesideAnAddress(t *testing.T) {
	t.Parallel()
	r := map[string]*Column{}
	res := resolveFor("public.orders", map[string][]string{"state": {"open", "closed"}}, r)
	if res.Subject != "" {
		t.Errorf("an order's state read as an address: %+v", res)
	}
	res = resolveFor("public.customers", map[string][]string{"city": {"Oslo"}, "state": {"AB"}, "country": {"Canada"}}, r)
	if res.Subject != SubjectPerson {
		t.Errorf("an address with its state: %+v", res)
	}
}

func TestEveryKindIsInTheTaxonomy(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../../rego/reference/fides.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Kinds map[string]any `json:"kinds"`
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	for k := range detectorOf {
		if _, ok := ref.Kinds[k]; !ok {
			t.Errorf("kind %s is not in rego/reference/fides.json", k)
		}
	}
}

// resolveFor samples text columns and resolves their table.
func resolveFor(table string, values map[string][]string, cols map[string]*Column) Resolution {
	dets := map[string][]evidence.Detection{}
	for name, vs := range values {
		c := NewColumn(name, "text", testNow)
		for _, v := range vs {
			c.Add(v)
		}
		cols[name] = c
		dets[name] = c.Detections()
	}
	return ResolveTable(table, cols, dets, 0.5)
}

func hasAll(list []string, want ...string) bool {
	for _, w := range want {
		if !slices.Contains(list, w) {
			return false
		}
	}
	return true
}
